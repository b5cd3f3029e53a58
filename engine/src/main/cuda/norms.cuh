// What a block does to one span of floats, for ops.cu's norm, RoPE and attention kernels: block-wide sums and
// maxima, RMSNorm, RoPE, and the KV cache's element conversions.
#pragma once
#include "ggml_blocks.cuh"

#define BLOCK 256

// Block-wide sum and maximum for blocks of whole warps: a butterfly within each warp, then every thread adds
// the warps' results in warp order from shared memory (the same value in every thread). Two barriers instead
// of a shared-memory tree's ten for 256 threads (one per halving and one on each side), which the norms and
// the softmax statistics wait on in every layer. The sum's order differs from the tree's, so a sum rounded to
// float can differ from the tree's in its last bit. shared: at least blockDim.x / 32 elements.
__device__ double block_sum_double(double v, double* shared) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    if (threadIdx.x % 32 == 0) {
        shared[threadIdx.x / 32] = v;
    }
    __syncthreads();
    double r = shared[0];
    for (int i = 1; i < blockDim.x / 32; i++) {
        r += shared[i];
    }
    __syncthreads(); // shared is free again when this returns
    return r;
}

__device__ float block_max(float v, float* shared) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, offset));
    }
    if (threadIdx.x % 32 == 0) {
        shared[threadIdx.x / 32] = v;
    }
    __syncthreads();
    float r = shared[0];
    for (int i = 1; i < blockDim.x / 32; i++) {
        r = fmaxf(r, shared[i]);
    }
    __syncthreads();
    return r;
}

// Spans up to NORM_ROW_PER_THREAD * BLOCK wide (8192: DeepSeek-V3's and Kimi-K2's 7168 included) are held in
// registers while they are normed.
#define NORM_ROW_PER_THREAD 32

// os = xs / sqrt(mean(xs^2) + eps) * w over one span of `width` by the whole block, for spans of up to
// NORM_ROW_PER_THREAD * BLOCK elements, element i being load(i) (each called once, by the thread that owns i:
// threads take i = thread, thread + BLOCK, ...; load must not write memory, so that the compiler may issue every
// element's loads before the first one returns). Each thread sums its elements in order, the block's sums are
// added by block_sum_double. With `keep` non-null (a shared array of width floats) the normed span is also
// written there, for a caller that reads it next (rms_norm_q8_k's quantizing warps).
// A norm is one block walking a chain of memory latencies (rms_norm_q8_k alone launched 97 times per
// Qwen3-30B-A3B token), so the span and its weights are loaded at once and kept in registers: on an H200 that
// took rms_norm_q8_k from 5.3 to 3.4 us, against reading the weights after the sum and re-reading the normed
// row from global memory.
// blockDim must be BLOCK.
template <typename Load>
__device__ __forceinline__ void rms_norm_registers(Load load, float* os, const float* w, int width, float eps,
                                                   float* keep) {
    __shared__ double shared[BLOCK / 32];
    float xv[NORM_ROW_PER_THREAD];
    float wv[NORM_ROW_PER_THREAD];
#pragma unroll
    for (int k = 0; k < NORM_ROW_PER_THREAD; k++) {
        int i = threadIdx.x + k * BLOCK;
        if (i < width) {
            xv[k] = load(i);
            wv[k] = w[i];
        }
    }
    double sum = 0.0;
#pragma unroll
    for (int k = 0; k < NORM_ROW_PER_THREAD; k++) {
        if (threadIdx.x + k * BLOCK < width) {
            sum += (double) (xv[k] * xv[k]);
        }
    }
    sum = block_sum_double(sum, shared); // also the barrier before an in-place span is written
    float scale = 1.0f / sqrtf((float) (sum / width) + eps);
#pragma unroll
    for (int k = 0; k < NORM_ROW_PER_THREAD; k++) {
        int i = threadIdx.x + k * BLOCK;
        if (i < width) {
            float o = (xv[k] * scale) * wv[k];
            os[i] = o;
            if (keep != nullptr) {
                keep[i] = o;
            }
        }
    }
}

// The norm of a span of any width (rms_norm_registers' arithmetic and order): wider spans than the registers
// hold are read twice from memory. In place when os == xs.
__device__ __forceinline__ void rms_norm_span(const float* xs, float* os, const float* w, int width, float eps,
                                              float* keep = nullptr) {
    if (width <= NORM_ROW_PER_THREAD * BLOCK) {
        rms_norm_registers([xs](int i) { return xs[i]; }, os, w, width, eps, keep);
        return;
    }
    __shared__ double shared[BLOCK / 32];
    double sum = 0.0;
    for (int i = threadIdx.x; i < width; i += BLOCK) {
        float v = xs[i];
        sum += (double) (v * v);
    }
    sum = block_sum_double(sum, shared);
    float scale = 1.0f / sqrtf((float) (sum / width) + eps);
    for (int i = threadIdx.x; i < width; i += BLOCK) {
        float o = (xs[i] * scale) * w[i];
        os[i] = o;
        if (keep != nullptr) {
            keep[i] = o;
        }
    }
}

// KV cache elements: an F32 cache holds the floats as computed; an F16 cache the nearest halves (ties to
// even, as the CPU's KvCache stores them), widened exactly when read.
__device__ __forceinline__ float kv_load(const float* p) { return *p; }
__device__ __forceinline__ float kv_load(const uint16_t* p) { return gb_f16_to_float(*p); }
__device__ __forceinline__ void kv_store(float* p, float v) { *p = v; }
__device__ __forceinline__ void kv_store(uint16_t* p, float v) { *p = gb_float_to_f16(v); }

// What multiplies the cache: with an F16 cache ggml's F16 matrix products round the other operand (the
// query, the probabilities) to F16 too, and the CPU's Attention does the same; with F32 nothing is rounded.
__device__ __forceinline__ float kv_operand(float v, const float*) { return v; }
__device__ __forceinline__ float kv_operand(float v, const uint16_t*) { return gb_round_f16(v); }

// Pair p of a span of 2 * half values rotated by (c, s), read from src and written to dst (the same span for
// in place): adjacent pairs (neox 0) or rotate-half (neox 1).
__device__ __forceinline__ void rope_pair(const float* src, float* dst, int p, int half, float c, float s,
                                          int neox) {
    int a = neox ? p : 2 * p;
    int b = neox ? p + half : 2 * p + 1;
    float x0 = src[a];
    float x1 = src[b];
    dst[a] = x0 * c - x1 * s;
    dst[b] = x0 * s + x1 * c;
}

// RoPE over one head span of `width` values in place (rope with dims = headStride = width), token t's angles.
__device__ __forceinline__ void rope_span(float* span, long long t, int width, const float* cosT, const float* sinT,
                                          int neox) {
    int half = width / 2;
    for (int p = threadIdx.x; p < half; p += blockDim.x) {
        rope_pair(span, span, p, half, cosT[t * half + p], sinT[t * half + p], neox);
    }
}

// Qwen3's per-head query/key norm and RoPE on one head span (blockIdx.x, row blockIdx.y) of `width` values
// (head h at h * width into the row): rms_norm in place, then rope over the span, with the arithmetic of those
// two kernels (rms_norm with groups of `width`, rope with dims = headStride = width). blockDim must be BLOCK.
__device__ __forceinline__ void norm_rope_span(float* span, long long t, const float* w, int width, float eps,
                                               const float* cosT, const float* sinT, int neox) {
    rms_norm_span(span, span, w, width, eps);
    __syncthreads();
    rope_span(span, t, width, cosT, sinT, neox);
}
