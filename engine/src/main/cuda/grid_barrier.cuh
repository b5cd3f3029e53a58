// A barrier across every block of a kernel, for persistent kernels that run a whole sequence of dependent
// phases in one launch instead of one launch per phase. It only works when every block is resident at once,
// so such kernels must be launched cooperatively (cuLaunchCooperativeKernel fails, instead of hanging, when
// the grid is larger than the device can hold; Gpu.cooperativeBlocks gives the largest grid).
//
// state: GRID_BARRIER_BYTES of zeroed global memory: [0] the arrivals of the current round, and the round on a
// 128-byte line of its own (GRID_BARRIER_ROUND), so that the blocks polling it do not share a line with the
// arrivals' atomics.
// Thread 0 of each block reads the round before it arrives (the fence orders that read before its arrival);
// the last block to arrive zeroes the arrivals and then opens the next round; the others spin until the round
// changes. The fences make each block's writes before the barrier visible to every block after it. A
// hand-written barrier rather than cooperative_groups::this_grid().sync() so that the host emulator, which
// cannot compile cooperative_groups, runs the same kernels (there it is the scheduler's own barrier).
#pragma once

#define GRID_BARRIER_BYTES 256
#define GRID_BARRIER_ROUND 32

#if defined(__CUDACC__)
__device__ __forceinline__ void grid_barrier(unsigned* state) {
    __syncthreads();
    if (threadIdx.x == 0) {
        volatile unsigned* round = state + GRID_BARRIER_ROUND;
        unsigned mine = *round;
        __threadfence();
        if (atomicAdd(state, 1u) == gridDim.x * gridDim.y - 1) {
            atomicExch(state, 0u);
            __threadfence();
            atomicAdd(state + GRID_BARRIER_ROUND, 1u);
        } else {
            while (*round == mine) {
                __nanosleep(20);
            }
        }
        __threadfence();
    }
    __syncthreads();
}
#else
// emulator.cpp: opens when every thread of every block of the launch waits at it.
void emu_grid_barrier();
inline void grid_barrier(unsigned*) { emu_grid_barrier(); }
#endif
