// Warp-parallel quantization of activations to Q8_K, shared by matvec.cu (quantize_q8_k) and ops.cu
// (rms_norm_q8_k, the norm and the quantization in one launch).
#pragma once
#include "ggml_blocks.cuh"

// One block of 256 activations to Q8_K by a warp, each lane 8 consecutive elements: the same results as
// gb_quantize_q8_k (checked on the host by CudaBlockMathTest against the Java quantizer), in parallel.
// x, q: the block's 256 values and quants; d: its scale; s: its 16 sums of 16.
__device__ __forceinline__ void gb_quantize_q8_k_warp(const float* x, int8_t* q, float* d, int16_t* s, int lane) {
    const float* xb = x + 8 * lane;
    // The element of largest magnitude, the first (lowest index) on ties, as the sequential scan finds it.
    float amax = 0.0f;
    float max = 0.0f;
    int at = 256;
    for (int j = 0; j < 8; j++) {
        float ax = fabsf(xb[j]);
        if (ax > amax) {
            amax = ax;
            max = xb[j];
            at = 8 * lane + j;
        }
    }
    for (int offset = 16; offset > 0; offset >>= 1) {
        float otherAmax = __shfl_xor_sync(0xffffffffu, amax, offset);
        float otherMax = __shfl_xor_sync(0xffffffffu, max, offset);
        int otherAt = __shfl_xor_sync(0xffffffffu, at, offset);
        if (otherAmax > amax || (otherAmax == amax && otherAt < at)) {
            amax = otherAmax;
            max = otherMax;
            at = otherAt;
        }
    }
    int8_t* qb = q + 8 * lane;
    int sum = 0;
    if (amax == 0.0f) {
        for (int j = 0; j < 8; j++) qb[j] = 0;
    } else {
        float iscale = -127.0f / max;
        for (int j = 0; j < 8; j++) {
            // iscale * x lies in [-127, 127] for finite blocks; an infinite maximum makes it NaN (quant 0).
            qb[j] = (int8_t) gb_rint_clamped(iscale * xb[j], -128.0f, 127.0f);
            sum += qb[j];
        }
        if (lane == 0) {
            *d = 1.0f / iscale;
        }
    }
    if (amax == 0.0f && lane == 0) {
        *d = 0.0f;
    }
    // Sums of 16: lanes 2g and 2g+1 hold group g's two halves.
    sum += __shfl_xor_sync(0xffffffffu, sum, 1);
    if (lane % 2 == 0) {
        s[lane / 2] = (int16_t) sum;
    }
}
