// Lets the kernel sources (engine/src/main/cuda/*.cu) compile as plain C++ for the host emulator
// (emulator.cpp): CUDA's qualifiers become nothing or `static`, the built-in indices are globals the
// emulator sets for each simulated thread, and __syncthreads / __syncwarp / __shfl_xor_sync are the emulator's.
#pragma once
#include <math.h>
#include <stdint.h>
#include <string.h>
#include <algorithm>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
// One block runs at a time, so a function's static variables are its block's shared memory.
#define __shared__ static

struct EmuDim3 {
    unsigned x, y, z;
};
extern EmuDim3 threadIdx, blockIdx, blockDim, gridDim;

void __syncthreads();
float __shfl_xor_sync(unsigned mask, float value, int laneMask);
int __shfl_xor_sync(unsigned mask, int value, int laneMask);
double __shfl_xor_sync(unsigned mask, double value, int laneMask);
// A barrier of the calling thread's warp (over its lanes still running), as the shuffles use.
void __syncwarp();

// Threads run one at a time and switch only at barriers: atomics are plain reads and writes.
inline int atomicAdd(int* address, int value) {
    int old = *address;
    *address = old + value;
    return old;
}

inline unsigned long long atomicAdd(unsigned long long* address, unsigned long long value) {
    unsigned long long old = *address;
    *address = old + value;
    return old;
}

inline unsigned atomicAdd(unsigned* address, unsigned value) {
    unsigned old = *address;
    *address = old + value;
    return old;
}

inline unsigned int __float_as_uint(float v) {
    unsigned int bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

using std::max;
using std::min;
