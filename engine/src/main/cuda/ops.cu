// The element-wise and reduction steps of the forward pass, in the CPU backend's arithmetic where it is
// cheap to follow (sums of squares and softmax sums in double, exp in double, RoPE angles looked up in the
// table the host's Rope fills): RMSNorm, RoPE, attention over the KV cache (F32, or F16 with ggml's roundings) or over the
// latent cache of multi-head latent attention, SiLU * up, residual add, MoE routing (softmax or sigmoid,
// selection bias, expert groups) and combination, arg-max, the k largest logits and gathered logits (for
// top-k sampling with penalties).
#include "ggml_blocks.cuh"
#include "q8k_warp.cuh"
#include "launch_order.cuh"

#define BLOCK 256

// Declares one of a kernel's large shared arrays (the normed row, the queries: tens of KB). A kernel that runs
// several of these kernels' code in turn (bench/persistent-compile-probe.sh) defines it first, to make them
// views of one dynamic buffer: declared separately, they exceed the 48 KB a kernel may declare statically.
#ifndef GB_LARGE_SHARED
#define GB_LARGE_SHARED(type, name, count) __shared__ type name[count]
#endif

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

// Qwen3's per-head query/key norm and RoPE on one head span (blockIdx.x, row blockIdx.y) of `width` values
// (head h at h * width into the row): rms_norm in place, then rope over the span, with the arithmetic of those
// two kernels (rms_norm with groups of `width`, rope with dims = headStride = width). blockDim must be BLOCK.
__device__ __forceinline__ void norm_rope_span(float* span, long long t, const float* w, int width, float eps,
                                               const float* cosT, const float* sinT, int neox) {
    rms_norm_span(span, span, w, width, eps);
    __syncthreads();
    int half = width / 2;
    for (int p = threadIdx.x; p < half; p += blockDim.x) {
        rope_pair(span, span, p, half, cosT[t * half + p], sinT[t * half + p], neox);
    }
}

// out = x / sqrt(mean(x^2) + eps) * w over spans of `width`: grid (groups, rows), each block one span
// (group g of row r starts at g * width). In place when out == x. blockDim must be BLOCK.
extern "C" __global__ void rms_norm(const float* x, int xStride, float* out, int outStride, const float* w,
                                   int width, float eps) {
    await_previous_kernels();
    rms_norm_span(x + (long long) blockIdx.y * xStride + (long long) blockIdx.x * width,
                  out + (long long) blockIdx.y * outStride + (long long) blockIdx.x * width, w, width, eps);
}

// Row r of a block's normed rows (in `normed`, the block's shared copy, or else `out` after the barrier)
// quantized to Q8_K by the block's warps, warp w taking 256-blocks w, w + warps, ... (a warp's lanes stay
// together, as its shuffles need). q, d, s: the Q8_K form's arrays (see matvec.cu's quantize_q8_k).
__device__ __forceinline__ void quantize_normed_row_q8_k(const float* normed, long long r, int width, int8_t* q,
                                                         float* d, int16_t* s) {
    __syncthreads();
    int warp = threadIdx.x / 32;
    int warps = blockDim.x / 32;
    int blocks = width / 256;
    for (int b0 = 0; b0 < blocks; b0 += warps) {
        int b = b0 + warp;
        if (b < blocks) {
            gb_quantize_q8_k_warp(normed + 256 * b, q + r * width + 256 * b, d + r * (width / 32) + 8 * b,
                                  s + r * (width / 16) + 16 * b, threadIdx.x % 32);
        }
    }
}

// rms_norm of whole rows (grid (1, rows)) followed by the normed row's quantization to Q8_K for the products
// that come next, in one launch: the same bits as rms_norm then matvec.cu's quantize_q8_k (the same code on
// the same floats; the quantizing warps read the normed row from shared memory when it fits there, else back
// from out after the block's barrier). width must be a multiple of 256; q, d, s are the Q8_K form's arrays
// (see quantize_q8_k). blockDim must be BLOCK.
extern "C" __global__ void rms_norm_q8_k(const float* x, int xStride, float* out, int outStride, const float* w,
                                        int width, float eps, int8_t* q, float* d, int16_t* s) {
    await_previous_kernels();
    GB_LARGE_SHARED(float, normed, NORM_ROW_PER_THREAD * BLOCK);
    long long r = blockIdx.y;
    float* os = out + r * outStride;
    float* keep = width <= NORM_ROW_PER_THREAD * BLOCK ? normed : nullptr;
    rms_norm_span(x + r * xStride, os, w, width, eps, keep);
    quantize_normed_row_q8_k(keep != nullptr ? keep : os, r, width, q, d, s);
}

// The batch's keys and values (token t's at k/v + t * stride) into one layer's cache at positions
// *startPos .. *startPos + n - 1: keys[(pos + t) * kvw + c] = k[t * stride + c] (and the same for values).
template <typename KV>
__device__ __forceinline__ void store_kv_impl(const float* k, const float* v, int stride, KV* keys, KV* values,
                                              int kvw, int n, const int* startPos) {
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) n * kvw) {
        return;
    }
    long long t = i / kvw;
    long long src = t * stride + i % kvw;
    long long at = (long long) *startPos * kvw + i;
    kv_store(keys + at, k[src]);
    kv_store(values + at, v[src]);
}

extern "C" __global__ void store_kv(const float* k, const float* v, int stride, float* keys, float* values, int kvw,
                                    int n, const int* startPos) {
    await_previous_kernels();
    store_kv_impl(k, v, stride, keys, values, kvw, n, startPos);
}

extern "C" __global__ void store_kv_f16(const float* k, const float* v, int stride, uint16_t* keys, uint16_t* values,
                                        int kvw, int n, const int* startPos) {
    await_previous_kernels();
    store_kv_impl(k, v, stride, keys, values, kvw, n, startPos);
}

// Rotates `heads` spans of `dims` values of each row in place, span h starting h * headStride floats into the
// row: adjacent pairs (neox 0) or rotate-half (neox 1), with row t's cos/sin at cosT/sinT[t * dims/2 ..].
extern "C" __global__ void rope(float* x, int stride, int rows, int heads, int dims, int headStride,
                                const float* cosT, const float* sinT, int neox) {
    await_previous_kernels();
    int half = dims / 2;
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) rows * heads * half) {
        return;
    }
    int p = (int) (i % half);
    int h = (int) ((i / half) % heads);
    long long t = i / ((long long) half * heads);
    float* base = x + t * stride + (long long) h * headStride;
    rope_pair(base, base, p, half, cosT[t * half + p], sinT[t * half + p], neox);
}

// rope's rotation of `rows` spans of `dims` values read from src (span r at r * srcStride) and written to dst
// (r * dstStride), span r belonging to token r / perToken: multi-head latent attention's query rope parts,
// from the projected queries into the [latent | rope] rows the attention reads, copied and rotated at once.
extern "C" __global__ void rope_copy(const float* src, int srcStride, float* dst, int dstStride, int rows,
                                     int perToken, int dims, const float* cosT, const float* sinT, int neox) {
    await_previous_kernels();
    int half = dims / 2;
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) rows * half) {
        return;
    }
    int p = (int) (i % half);
    long long r = i / half;
    long long t = r / perToken;
    rope_pair(src + r * srcStride, dst + r * dstStride, p, half, cosT[t * half + p], sinT[t * half + p], neox);
}

// Qwen3's per-head norms and RoPE for a batch's queries and keys in one launch, the keys and values also stored
// into the cache (as store_kv): grid (heads + kvHeads, rows). Block x < heads takes query head x of row t (at
// q + t * stride + x * width), normed with qw; block heads + h takes key head h (at k + t * stride + h * width),
// normed with kw, then stores it and value head h (at the same place from v) at position *startPos + t. The
// query and key blocks are independent: one launch instead of two, with the bits of each.
template <typename KV>
__device__ __forceinline__ void qk_norm_rope_store_impl(float* q, float* k, const float* v, int stride, int heads,
                                                        const float* qw, const float* kw, int width, float eps,
                                                        const float* cosT, const float* sinT, int neox, KV* keys,
                                                        KV* values, int kvw, const int* startPos) {
    long long t = blockIdx.y;
    if ((int) blockIdx.x < heads) {
        norm_rope_span(q + t * stride + (long long) blockIdx.x * width, t, qw, width, eps, cosT, sinT, neox);
        return; // the whole block
    }
    long long h = blockIdx.x - heads;
    long long off = t * stride + h * width;
    norm_rope_span(k + off, t, kw, width, eps, cosT, sinT, neox);
    __syncthreads();
    long long at = (*startPos + t) * kvw + h * width;
    for (int i = threadIdx.x; i < width; i += blockDim.x) {
        kv_store(keys + at + i, k[off + i]);
        kv_store(values + at + i, v[off + i]);
    }
}

extern "C" __global__ void qk_norm_rope_store(float* q, float* k, const float* v, int stride, int heads,
                                              const float* qw, const float* kw, int width, float eps,
                                              const float* cosT, const float* sinT, int neox, float* keys,
                                              float* values, int kvw, const int* startPos) {
    await_previous_kernels();
    qk_norm_rope_store_impl(q, k, v, stride, heads, qw, kw, width, eps, cosT, sinT, neox, keys, values, kvw,
                            startPos);
}

extern "C" __global__ void qk_norm_rope_store_f16(float* q, float* k, const float* v, int stride, int heads,
                                                  const float* qw, const float* kw, int width, float eps,
                                                  const float* cosT, const float* sinT, int neox, uint16_t* keys,
                                                  uint16_t* values, int kvw, const int* startPos) {
    await_previous_kernels();
    qk_norm_rope_store_impl(q, k, v, stride, heads, qw, kw, width, eps, cosT, sinT, neox, keys, values, kvw,
                            startPos);
}

// Multi-head latent attention's cache rows for the batch's tokens (grid (1, n), row t at rows + t * width):
// the latent part [0, kvLora) rms-normed, the rope part [kvLora, kvLora + ropeDim) rotated (adjacent pairs),
// then the whole row stored at position *startPos + t of the cache: rms_norm, rope and a row copy in one
// launch, with their arithmetic. blockDim must be BLOCK.
extern "C" __global__ void latent_norm_rope_store(float* rows, int width, int kvLora, int ropeDim, const float* w,
                                                 float eps, const float* cosT, const float* sinT, float* cache,
                                                 const int* startPos) {
    await_previous_kernels();
    long long t = blockIdx.y;
    float* row = rows + t * width;
    rms_norm_span(row, row, w, kvLora, eps);
    int half = ropeDim / 2;
    for (int p = threadIdx.x; p < half; p += blockDim.x) {
        rope_pair(row + kvLora, row + kvLora, p, half, cosT[t * half + p], sinT[t * half + p], 0);
    }
    __syncthreads();
    float* dst = cache + (*startPos + t) * width;
    for (int i = threadIdx.x; i < width; i += blockDim.x) {
        dst[i] = row[i];
    }
}

// cos/sin of token t (position *startPos + t) looked up in a table the host computed once with the CPU's Rope,
// so the angles are the CPU's bits (frequency factors and YaRN included; the device's cos and sin are not
// correctly rounded): table[pos][0 .. half) cos, [half .. 2 half) sin. One thread per (token, pair). The position
// is read from device memory so that a recorded decode step can be replayed at every position.
extern "C" __global__ void rope_angles_table(const int* startPos, int n, int half, const float* table,
                                             float* cosOut, float* sinOut) {
    await_previous_kernels();
    int idx = blockIdx.x * blockDim.x + threadIdx.x;
    if (idx >= n * half) {
        return;
    }
    int t = idx / half;
    int i = idx % half;
    const float* row = table + (long long) (*startPos + t) * 2 * half;
    cosOut[idx] = row[i];
    sinOut[idx] = row[half + i];
}

#define ATT_MAX_HEADS 16
// Query floats a block keeps in shared memory: 16 heads of multi-head latent attention's 576.
#define ATT_MAX_QUERY (16 * 576)

// ---- Causal attention over the cache, split over positions (flash-decoding style) ----
//
// Tokens t0 .. t0 + gridDim.y - 1 of the batch (token t at position *startPos + t) attend to the cache
// positions 0 .. *startPos + t. A block takes one token, a run of headsPerBlock query heads that share one
// key/value head (a GQA group or part of it; for multi-head latent attention, heads of the one latent cache),
// so each cached row is read once for all of them, and one of `splits` shares of the positions: grid
// (heads / headsPerBlock * splits, tokens), block x = run * splits + split. One block per (token, run) would
// leave a decode step, one token, with a few blocks each walking the whole cache. Four launches:
//   attention_scores: each block scores its share of the positions, one warp per position with the lanes over
//     the dimensions (each cached key read once, coalesced); scale * K.q, the query rounded to F16 first with
//     an F16 cache (kv_operand);
//   attention_stats: per (token, head), the softmax's max and 1 / sum (sum in double, exp in double);
//   attention_values: each block sums probability x value over its share, into partial, the probabilities
//     formed from the statistics (and rounded to F16 with an F16 cache, as the CPU's Attention does);
//   attention_combine: adds the splits' partial sums in split order (with one split the values kernel writes
//     the output itself).
// Against the CPU only the order of sums differs: a key's dimensions (lanes, then a butterfly) and the
// positions (by splits). A split's share is ceil(positions / splits) consecutive positions; the counts come
// from *startPos at run time, so a recorded decode step stays valid as the cache grows. Splits past the last
// position write zeros. Keys have headDim values, values the first valueDim of theirs (valueDim == headDim
// but for multi-head latent attention, where the keys are the cached [latent | rope key] rows and the values
// their latent part).

// Positions a decode tile keeps probabilities of in shared memory, per head.
#define ATT_TILE 64

__device__ __forceinline__ void split_share(int positions, int splits, int split, int* j0, int* j1) {
    int per = (positions + splits - 1) / splits;
    *j0 = min(positions, split * per);
    *j1 = min(positions, *j0 + per);
}

template <typename KV>
__device__ __forceinline__ void attention_scores_impl(const float* q, int qStride, const KV* keys, int kvw, int heads,
                                                      int kvHeads, int headDim, int headsPerBlock, int splits,
                                                      const int* startPos, int t0, float scale, float* scores,
                                                      int ctx) {
    GB_LARGE_SHARED(float, qs, ATT_MAX_QUERY);
    int g0 = blockIdx.x / splits * headsPerBlock;
    int tl = blockIdx.y;
    int t = t0 + tl;
    // The query is loaded before the position is known, so the two loads' latencies overlap.
    long long kvOff = (long long) (g0 / (heads / kvHeads)) * headDim;
    const float* qt = q + (long long) t * qStride + (long long) g0 * headDim;
    for (int i = threadIdx.x; i < headsPerBlock * headDim; i += blockDim.x) {
        qs[i] = kv_operand(qt[i], keys);
    }
    int j0, j1;
    split_share(*startPos + t + 1, splits, blockIdx.x % splits, &j0, &j1);
    if (j0 >= j1) {
        return; // the whole block
    }
    __syncthreads();
    float* sc = scores + ((long long) tl * heads + g0) * ctx;
    int warp = threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    int warps = blockDim.x / 32;
    // Every warp takes the same number of turns (inactive past j1), so the warps' shuffles stay in step.
    for (int base = j0; base < j1; base += warps) {
        int j = base + warp;
        float dot[ATT_MAX_HEADS];
#pragma unroll
        for (int g = 0; g < ATT_MAX_HEADS; g++) {
            dot[g] = 0.0f;
        }
        if (j < j1) {
            const KV* kj = keys + (long long) j * kvw + kvOff;
            for (int d = lane; d < headDim; d += 32) {
                float k = kv_load(kj + d);
#pragma unroll
                for (int g = 0; g < ATT_MAX_HEADS; g++) {
                    if (g < headsPerBlock) {
                        dot[g] += k * qs[g * headDim + d];
                    }
                }
            }
        }
#pragma unroll
        for (int g = 0; g < ATT_MAX_HEADS; g++) {
            if (g < headsPerBlock) {
                for (int offset = 16; offset > 0; offset >>= 1) {
                    dot[g] += __shfl_xor_sync(0xffffffffu, dot[g], offset);
                }
            }
        }
        if (j < j1 && lane == 0) {
            for (int g = 0; g < headsPerBlock; g++) {
                sc[(long long) g * ctx + j] = dot[g] * scale;
            }
        }
    }
}

extern "C" __global__ void attention_scores(const float* q, int qStride, const float* keys, int kvw, int heads,
                                            int kvHeads, int headDim, int headsPerBlock, int splits,
                                            const int* startPos, int t0, float scale, float* scores, int ctx) {
    await_previous_kernels();
    attention_scores_impl(q, qStride, keys, kvw, heads, kvHeads, headDim, headsPerBlock, splits, startPos, t0, scale,
                          scores, ctx);
}

extern "C" __global__ void attention_scores_f16(const float* q, int qStride, const uint16_t* keys, int kvw, int heads,
                                                int kvHeads, int headDim, int headsPerBlock, int splits,
                                                const int* startPos, int t0, float scale, float* scores, int ctx) {
    await_previous_kernels();
    attention_scores_impl(q, qStride, keys, kvw, heads, kvHeads, headDim, headsPerBlock, splits, startPos, t0, scale,
                          scores, ctx);
}

// stats[t][h] = {max, 1 / sum of exp(score - max)} over positions 0 .. *startPos + t0 + t of head h's scores:
// grid (heads, tokens), the threads, order and arithmetic of attention's softmax. blockDim must be BLOCK.
extern "C" __global__ void attention_stats(const float* scores, int heads, int ctx, const int* startPos, int t0,
                                           float* stats) {
    await_previous_kernels();
    __shared__ double dshared[BLOCK / 32];
    __shared__ float fshared[BLOCK / 32];
    int h = blockIdx.x;
    int tl = blockIdx.y;
    int positions = *startPos + t0 + tl + 1;
    const float* sg = scores + ((long long) tl * heads + h) * ctx;
    float localMax = -INFINITY;
    for (int j = threadIdx.x; j < positions; j += blockDim.x) {
        localMax = fmaxf(localMax, sg[j]);
    }
    float max = block_max(localMax, fshared);
    double sum = 0.0;
    for (int j = threadIdx.x; j < positions; j += blockDim.x) {
        sum += (float) exp((double) (sg[j] - max));
    }
    sum = block_sum_double(sum, dshared);
    if (threadIdx.x == 0) {
        stats[2 * ((long long) tl * heads + h)] = max;
        stats[2 * ((long long) tl * heads + h) + 1] = (float) (1.0 / sum);
    }
}

// partial: [tokens][heads][splits][valueDim]. blockDim: any multiple of 32 (the host gives valueDim's, up to
// BLOCK: a thread per value dimension).
template <typename KV>
__device__ __forceinline__ void attention_values_impl(const KV* values, int kvw, int heads, int kvHeads, int headDim,
                                                      int valueDim, int headsPerBlock, int splits,
                                                      const int* startPos, int t0, const float* scores, int ctx,
                                                      const float* stats, float* partial) {
    __shared__ float ps[ATT_MAX_HEADS * ATT_TILE];
    int g0 = blockIdx.x / splits * headsPerBlock;
    int split = blockIdx.x % splits;
    int tl = blockIdx.y;
    int positions = *startPos + t0 + tl + 1;
    int j0, j1;
    split_share(positions, splits, split, &j0, &j1);
    float* part = partial + (((long long) tl * heads + g0) * splits + split) * valueDim; // head g at + g*splits*vd
    if (j0 >= j1) {
        for (int i = threadIdx.x; i < headsPerBlock * valueDim; i += blockDim.x) {
            part[(long long) (i / valueDim) * splits * valueDim + i % valueDim] = 0.0f;
        }
        return; // the whole block
    }
    long long kvOff = (long long) (g0 / (heads / kvHeads)) * headDim;
    const float* sc = scores + ((long long) tl * heads + g0) * ctx;
    const float* st = stats + 2 * ((long long) tl * heads + g0); // head g's max at st[2g], 1 / sum at st[2g + 1]
    for (int d0 = 0; d0 < valueDim; d0 += blockDim.x) {
        int d = d0 + threadIdx.x;
        float acc[ATT_MAX_HEADS];
#pragma unroll
        for (int g = 0; g < ATT_MAX_HEADS; g++) {
            acc[g] = 0.0f;
        }
        for (int tile = j0; tile < j1; tile += ATT_TILE) {
            int n = min(ATT_TILE, j1 - tile);
            // Four probabilities per thread and pass, their scores and statistics all loaded before the first is
            // formed (one round trip to memory instead of four).
            for (int i0 = threadIdx.x; i0 < headsPerBlock * ATT_TILE; i0 += 4 * blockDim.x) {
                bool live[4];
                float score[4];
                float max[4];
                float inv[4];
#pragma unroll
                for (int k = 0; k < 4; k++) {
                    int i = i0 + k * blockDim.x;
                    int g = i / ATT_TILE;
                    live[k] = i < headsPerBlock * ATT_TILE && i % ATT_TILE < n;
                    score[k] = live[k] ? sc[(long long) g * ctx + tile + i % ATT_TILE] : 0.0f;
                    max[k] = live[k] ? st[2 * g] : 0.0f;
                    inv[k] = live[k] ? st[2 * g + 1] : 0.0f;
                }
#pragma unroll
                for (int k = 0; k < 4; k++) {
                    int i = i0 + k * blockDim.x;
                    if (live[k]) {
                        float e = (float) exp((double) (score[k] - max[k]));
                        ps[i] = kv_operand(e * inv[k], values);
                    }
                }
            }
            __syncthreads();
            if (d < valueDim) {
                const KV* vt = values + (long long) tile * kvw + kvOff + d;
#pragma unroll 8
                for (int jj = 0; jj < n; jj++) {
                    float v = kv_load(vt + (long long) jj * kvw);
#pragma unroll
                    for (int g = 0; g < ATT_MAX_HEADS; g++) {
                        if (g < headsPerBlock) {
                            acc[g] += ps[g * ATT_TILE + jj] * v;
                        }
                    }
                }
            }
            __syncthreads();
        }
        if (d < valueDim) {
#pragma unroll
            for (int g = 0; g < ATT_MAX_HEADS; g++) {
                if (g < headsPerBlock) {
                    part[(long long) g * splits * valueDim + d] = acc[g];
                }
            }
        }
    }
}

extern "C" __global__ void attention_values(const float* values, int kvw, int heads, int kvHeads, int headDim,
                                            int valueDim, int headsPerBlock, int splits, const int* startPos, int t0,
                                            const float* scores, int ctx, const float* stats, float* partial) {
    await_previous_kernels();
    attention_values_impl(values, kvw, heads, kvHeads, headDim, valueDim, headsPerBlock, splits, startPos, t0, scores,
                          ctx, stats, partial);
}

extern "C" __global__ void attention_values_f16(const uint16_t* values, int kvw, int heads, int kvHeads, int headDim,
                                                int valueDim, int headsPerBlock, int splits, const int* startPos,
                                                int t0, const float* scores, int ctx, const float* stats,
                                                float* partial) {
    await_previous_kernels();
    attention_values_impl(values, kvw, heads, kvHeads, headDim, valueDim, headsPerBlock, splits, startPos, t0, scores,
                          ctx, stats, partial);
}

// out[t][h * valueDim + d] (rows outStride apart) = the sum over splits, in order, of partial[t][h][split][d].
extern "C" __global__ void attention_combine(const float* partial, int splits, int n, int heads, int valueDim,
                                             float* out, int outStride) {
    await_previous_kernels();
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    long long perToken = (long long) heads * valueDim;
    if (i >= n * perToken) {
        return;
    }
    long long t = i / perToken;
    long long hd = i % perToken;
    const float* p = partial + (t * heads + hd / valueDim) * splits * valueDim + hd % valueDim;
    float sum = 0.0f;
    for (int s = 0; s < splits; s++) {
        sum += p[(long long) s * valueDim];
    }
    out[t * outStride + hd] = sum;
}

// attention_combine for tokens whose heads' values are the next products' input, with their Q8_K quantization
// in the same launch: one block of BLOCK threads per block of 256 outputs of the flat [n][heads * valueDim]
// output (grid n * heads * valueDim / 256). Thread i sums output i over the splits in order (consecutive
// threads read consecutive floats of each split) and writes it; after the barrier the first warp quantizes
// the block with gb_quantize_q8_k_warp. The bits of attention_combine then quantize_q8_k over rows of any
// multiple of 256 (q, d, s: the Q8_K form of the flat output). heads * valueDim must be a multiple of 256.
// (A warp per 256 outputs, each lane summing 8 of them, left 16 warps for a whole Qwen3-30B-A3B decode step,
// each walking 8 x 64 splits with strided loads: 13 us of an H200's time per layer.)
extern "C" __global__ void attention_combine_q8_k(const float* partial, int splits, int n, int heads, int valueDim,
                                                  float* out, int8_t* q, float* d, int16_t* s) {
    await_previous_kernels();
    long long width = (long long) heads * valueDim;
    long long b = blockIdx.x;
    if (b >= n * width / 256) {
        return; // the whole block
    }
    long long i = 256 * b + threadIdx.x;
    long long t = i / width;
    long long hd = i % width;
    const float* p = partial + ((t * heads + hd / valueDim) * splits) * valueDim + hd % valueDim;
    float sum = 0.0f;
#pragma unroll 8
    for (int split = 0; split < splits; split++) {
        sum += p[(long long) split * valueDim];
    }
    out[i] = sum;
    __syncthreads();
    if (threadIdx.x < 32) {
        gb_quantize_q8_k_warp(out + 256 * b, q + 256 * b, d + 8 * b, s + 16 * b, threadIdx.x);
    }
}

// g = silu(g) * u, silu(x) = x / (1 + e^-x).
extern "C" __global__ void silu_mul(float* g, const float* u, long long count) {
    await_previous_kernels();
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        float x = g[i];
        g[i] = x / (1.0f + (float) exp(-(double) x)) * u[i];
    }
}

// x = d + x: the residual connection.
extern "C" __global__ void add_residual(float* x, const float* d, long long count) {
    await_previous_kernels();
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i < count) {
        x[i] = d[i] + x[i];
    }
}

#define MOE_MAX_USED 64
#define MOE_MAX_GROUPS 32

// Group-limited routing (DeepSeek-V3), as MoeFeedForward.maskUnchosenGroups: each of `groups` groups of
// experts is rated by the sum of its two best selection scores (its best alone with one expert per group);
// the experts outside the `groupsUsed` best groups (ties to the lower group) get -inf. Every lane rates
// every group (few groups, few experts: no shuffles), then masks its own experts.
__device__ void moe_mask_groups(float* sel, int experts, int groups, int groupsUsed, int lane) {
    int perGroup = experts / groups;
    float score[MOE_MAX_GROUPS];
    bool chosen[MOE_MAX_GROUPS];
    for (int g = 0; g < groups; g++) {
        float first = -INFINITY;
        float second = -INFINITY;
        for (int e = g * perGroup; e < (g + 1) * perGroup; e++) {
            float s = sel[e];
            if (s > first) {
                second = first;
                first = s;
            } else if (s > second) {
                second = s;
            }
        }
        score[g] = perGroup == 1 ? first : first + second;
        chosen[g] = false;
    }
    for (int k = 0; k < groupsUsed; k++) {
        int best = -1;
        for (int g = 0; g < groups; g++) {
            if (!chosen[g] && (best < 0 || score[g] > score[best])) {
                best = g;
            }
        }
        chosen[best] = true;
    }
    __syncwarp(); // every lane has read the scores before any is masked
    for (int e = lane; e < experts; e += 32) {
        if (!chosen[e / perGroup]) {
            sel[e] = -INFINITY;
        }
    }
    __syncwarp();
}

// Experts a lane holds in registers while routing (expert lane + 32 k in slot k): up to 512 experts.
#define MOE_LANE_EXPERTS 16

// MoE routing of one token as MoeFeedForward.route, by one warp (lane: the thread's lane): scores by softmax
// over all experts (sum in double) or sigmoid of the logits p; the selection scores are the scores plus the
// per-expert bias when there is one (DeepSeek-V3's exp_probs_b), with the experts outside the best groups masked
// when groups > 1 (then written to sel, where every lane rates the groups; p and sel are otherwise left as they
// are); the top `used` (<= MOE_MAX_USED) by descending selection score, ties to the lower id, into ids[0 ..
// used), weighted (into weights[0 .. used)) by their unbiased scores, optionally divided by their sum (clamped
// to the smallest normal F16) and scaled. experts <= 32 * MOE_LANE_EXPERTS.
// Each lane keeps its experts' scores in registers and the selection passes (scores, winner and its weight)
// along the butterfly, so a rank costs no memory round trip: an earlier version re-read the scores from
// global memory for every rank and took 10 us of an H200's time per Qwen3-30B-A3B layer.
__device__ __forceinline__ void moe_route_warp(const float* p, int experts, int used, int sigmoid, int renormalize,
                                               float weightScale, const float* bias, int groups, int groupsUsed,
                                               float* sel, int* ids, float* weights, int lane) {
    float prob[MOE_LANE_EXPERTS];
    float score[MOE_LANE_EXPERTS];
#pragma unroll
    for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
        int e = lane + 32 * k;
        prob[k] = e < experts ? p[e] : 0.0f;
    }
    if (sigmoid) {
#pragma unroll
        for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
            if (lane + 32 * k < experts) {
                prob[k] = 1.0f / (1.0f + (float) exp(-(double) prob[k]));
            }
        }
    } else {
        float max = -INFINITY;
#pragma unroll
        for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
            if (lane + 32 * k < experts) {
                max = fmaxf(max, prob[k]);
            }
        }
        for (int offset = 16; offset > 0; offset >>= 1) {
            max = fmaxf(max, __shfl_xor_sync(0xffffffffu, max, offset));
        }
        double sum = 0.0;
#pragma unroll
        for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
            if (lane + 32 * k < experts) {
                prob[k] = (float) exp((double) (prob[k] - max));
                sum += prob[k];
            }
        }
        for (int offset = 16; offset > 0; offset >>= 1) {
            sum += __shfl_xor_sync(0xffffffffu, sum, offset);
        }
        float inv = (float) (1.0 / sum);
#pragma unroll
        for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
            prob[k] *= inv;
        }
    }
#pragma unroll
    for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
        int e = lane + 32 * k;
        if (e < experts) {
            score[k] = bias != nullptr ? prob[k] + bias[e] : prob[k];
            if (groups > 1) {
                sel[e] = score[k]; // every lane rates every group from memory
            }
        }
    }
    if (groups > 1) {
        __syncwarp();
        moe_mask_groups(sel, experts, groups, groupsUsed, lane);
#pragma unroll
        for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
            int e = lane + 32 * k;
            if (e < experts) {
                score[k] = sel[e];
            }
        }
    }
    unsigned int taken = 0; // bit k: this lane's expert lane + 32 k is chosen already
    float rankWeight[MOE_MAX_USED / 32]; // lane l holds the weights of ranks l, l + 32, ...
    double weightSum = 0.0;
    for (int rank = 0; rank < used; rank++) {
        float bestValue = -INFINITY;
        float bestProb = 0.0f;
        int best = -1;
#pragma unroll
        for (int k = 0; k < MOE_LANE_EXPERTS; k++) {
            if (lane + 32 * k < experts && !(taken >> k & 1u) && (best < 0 || score[k] > bestValue)) {
                bestValue = score[k];
                bestProb = prob[k];
                best = lane + 32 * k;
            }
        }
        for (int offset = 16; offset > 0; offset >>= 1) {
            float otherValue = __shfl_xor_sync(0xffffffffu, bestValue, offset);
            float otherProb = __shfl_xor_sync(0xffffffffu, bestProb, offset);
            int other = __shfl_xor_sync(0xffffffffu, best, offset);
            if (other >= 0 && (best < 0 || otherValue > bestValue || (otherValue == bestValue && other < best))) {
                bestValue = otherValue;
                bestProb = otherProb;
                best = other;
            }
        }
        if (best >= 0 && best % 32 == lane) {
            taken |= 1u << (best / 32);
        }
        weightSum += bestProb;
#pragma unroll
        for (int slot = 0; slot < MOE_MAX_USED / 32; slot++) {
            if (rank == lane + 32 * slot) {
                rankWeight[slot] = bestProb;
            }
        }
        if (lane == 0) {
            ids[rank] = best;
        }
    }
    float divisor = renormalize ? fmaxf((float) weightSum, 6.103515625e-5f) : 1.0f;
#pragma unroll
    for (int slot = 0; slot < MOE_MAX_USED / 32; slot++) {
        int rank = lane + 32 * slot;
        if (rank < used) {
            float w = rankWeight[slot];
            if (renormalize) {
                w /= divisor;
            }
            if (weightScale != 1.0f) {
                w *= weightScale;
            }
            weights[rank] = w;
        }
    }
}

// moe_route_warp for tokens 0 .. n-1, a warp each: token t's logits at logits[t][..], selection scores at
// selection[t][..], slots at ids[t][..] and weights[t][..]. blockDim must be a multiple of 32.
extern "C" __global__ void moe_route(float* logits, int n, int experts, int used, int sigmoid, int renormalize,
                                     float weightScale, const float* bias, int groups, int groupsUsed,
                                     float* selection, int* ids, float* weights) {
    await_previous_kernels();
    long long t = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
    if (t >= n) {
        return; // whole warps: t is the same for the 32 lanes
    }
    moe_route_warp(logits + t * experts, experts, used, sigmoid, renormalize, weightScale, bias, groups, groupsUsed,
                   selection + t * experts, ids + t * used, weights + t * used, threadIdx.x % 32);
}

#define MOE_GROUP_MAX_EXPERTS 1024

// A prompt's (token, rank) slots grouped by expert, for the expert products: order[0 .. slots) lists the
// slots of expert 0, then of expert 1, ... (within an expert in no set order: each slot's product is computed
// alone, so the order changes which slots share a tile, not any result). A counting sort on one block;
// experts <= MOE_GROUP_MAX_EXPERTS.
extern "C" __global__ void moe_group(const int* ids, int slots, int experts, int* order) {
    await_previous_kernels();
    __shared__ int next[MOE_GROUP_MAX_EXPERTS];
    for (int e = threadIdx.x; e < experts; e += blockDim.x) {
        next[e] = 0;
    }
    __syncthreads();
    for (int i = threadIdx.x; i < slots; i += blockDim.x) {
        atomicAdd(&next[ids[i]], 1);
    }
    __syncthreads();
    if (threadIdx.x == 0) {
        int start = 0;
        for (int e = 0; e < experts; e++) {
            int count = next[e];
            next[e] = start;
            start += count;
        }
    }
    __syncthreads();
    for (int i = threadIdx.x; i < slots; i += blockDim.x) {
        order[atomicAdd(&next[ids[i]], 1)] = i;
    }
}

// Element c of a token's expert sum: weights[rank] x the rank's output row (expertOut, rows of embd) added in
// rank order, as the CPU's MoeFeedForward adds them.
__device__ __forceinline__ float expert_sum(const float* expertOut, const float* weights, int used, int embd,
                                            int c) {
    float acc = expertOut[c] * weights[0];
    for (int rank = 1; rank < used; rank++) {
        acc += expertOut[(long long) rank * embd + c] * weights[rank];
    }
    return acc;
}

// out[t][i] = sum over ranks (in rank order) of weights[t][rank] * expertOut[t * used + rank][i]; with
// accumulate, added to what out holds (sum + out, add_residual's order: the residual connection in the same launch).
extern "C" __global__ void moe_combine(const float* expertOut, const float* weights, int n, int used, int embd,
                                       float* out, int accumulate) {
    await_previous_kernels();
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) n * embd) {
        return;
    }
    long long t = i / embd;
    int c = (int) (i % embd);
    float acc = expert_sum(expertOut + t * used * embd, weights + t * used, used, embd, c);
    out[i] = accumulate ? acc + out[i] : acc;
}

// Order-preserving keys of floats: a larger float has a larger key; -0 counts as +0, so floats that compare
// equal have equal keys, as the sampler compares them; NaN gets the lowest key (the sampler ranks it last).
__device__ __forceinline__ unsigned int logit_key(float v) {
    if (v != v) {
        return 0u;
    }
    if (v == 0.0f) {
        v = 0.0f;
    }
    unsigned int bits = __float_as_uint(v);
    return (bits & 0x80000000u) ? ~bits : bits | 0x80000000u;
}

#define TOPK_BINS 256
#define TOPK_WARPS (BLOCK / 32)

// The k largest of x[0 .. n) (larger value first, equal values by lower id: the sampler's order), in any
// order, into ids and values [0 .. k), for top-k sampling without copying the whole row to the host. A radix
// select finds the k-th largest key a byte at a time (a histogram of the keys that share the bytes found so
// far; one histogram per warp, so the warps do not contend for the few bins that most logits share); then
// each thread takes a contiguous range of ids and writes its keys above that one, and, by their rank in id
// order, as many keys equal to it as are still wanted. One block of BLOCK threads; nothing for k outside
// 1 .. n.
extern "C" __global__ void top_k(const float* x, int n, int k, int* ids, float* values) {
    await_previous_kernels();
    __shared__ int hist[TOPK_WARPS][TOPK_BINS];
    __shared__ int aboveBefore[BLOCK];
    __shared__ int equalBefore[BLOCK];
    __shared__ unsigned int prefix;
    __shared__ unsigned int mask;
    __shared__ int wanted; // of the keys that share the prefix, how many of the largest are still to take
    if (k <= 0 || k > n) {
        return; // the same for every thread: no barrier is left waiting
    }
    if (threadIdx.x == 0) {
        prefix = 0;
        mask = 0;
        wanted = k;
    }
    int warp = threadIdx.x / 32;
    for (int shift = 24; shift >= 0; shift -= 8) {
        for (int b = threadIdx.x; b < TOPK_WARPS * TOPK_BINS; b += blockDim.x) {
            hist[b / TOPK_BINS][b % TOPK_BINS] = 0;
        }
        __syncthreads();
        for (int i = threadIdx.x; i < n; i += blockDim.x) {
            unsigned int key = logit_key(x[i]);
            if ((key & mask) == prefix) {
                atomicAdd(&hist[warp][(key >> shift) & 255u], 1);
            }
        }
        __syncthreads();
        for (int b = threadIdx.x; b < TOPK_BINS; b += blockDim.x) {
            int total = 0;
            for (int w = 0; w < TOPK_WARPS; w++) {
                total += hist[w][b];
            }
            hist[0][b] = total;
        }
        __syncthreads();
        if (threadIdx.x == 0) {
            int larger = 0;
            int b = TOPK_BINS - 1;
            while (larger + hist[0][b] < wanted) {
                larger += hist[0][b];
                b--;
            }
            wanted -= larger;
            prefix |= (unsigned int) b << shift;
            mask |= 255u << shift;
        }
        __syncthreads();
    }
    // prefix is now the k-th largest key: k - wanted keys are above it, and `wanted` of those equal to it go too.
    unsigned int threshold = prefix;
    int per = (n + blockDim.x - 1) / blockDim.x;
    int begin = min(n, (int) threadIdx.x * per);
    int end = min(n, begin + per);
    int above = 0;
    int equal = 0;
    for (int i = begin; i < end; i++) {
        unsigned int key = logit_key(x[i]);
        above += key > threshold;
        equal += key == threshold;
    }
    aboveBefore[threadIdx.x] = above;
    equalBefore[threadIdx.x] = equal;
    __syncthreads();
    if (threadIdx.x == 0) {
        int a = 0;
        int e = 0;
        for (int t = 0; t < (int) blockDim.x; t++) {
            int ta = aboveBefore[t];
            int te = equalBefore[t];
            aboveBefore[t] = a;
            equalBefore[t] = e;
            a += ta;
            e += te;
        }
    }
    __syncthreads();
    int outAbove = aboveBefore[threadIdx.x];
    int equalRank = equalBefore[threadIdx.x];
    int firstEqual = k - wanted;
    for (int i = begin; i < end; i++) {
        unsigned int key = logit_key(x[i]);
        if (key > threshold) {
            ids[outAbove] = i;
            values[outAbove] = x[i];
            outAbove++;
        } else if (key == threshold) {
            if (equalRank < wanted) {
                ids[firstEqual + equalRank] = i;
                values[firstEqual + equalRank] = x[i];
            }
            equalRank++;
        }
    }
}

// out[i] = x[ids[i]] for i < n: the logits of chosen tokens (the penalised ones, for the sampler).
extern "C" __global__ void gather_logits(const float* x, const int* ids, int n, float* out) {
    await_previous_kernels();
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        out[i] = x[ids[i]];
    }
}

// Greedy sampling on the device, in two launches so that the vocabulary is read by many blocks at once (one
// block alone took a quarter of a millisecond over 152K logits on an H200, a load at a time per thread):
// argmax_blocks gives each block a slice, argmax_pick takes the best of the slices' winners. "Best" is the
// largest value, the lowest index on ties; a candidate replaces the current one only by comparing greater.
// Logits are finite in practice: with a NaN among them the pick depends on how the threads split the row
// (a NaN a thread met first is never replaced), as it did with the one-block kernel before.

// Whether the candidate (value ov, index oi; oi < 0 for none) beats the current one (v, i).
__device__ __forceinline__ bool argmax_beats(float ov, int oi, float v, int i) {
    return oi >= 0 && (i < 0 || ov > v || (ov == v && oi < i));
}

// The block's best of (v, at) over its threads into slot 0 of the shared arrays (read after the call).
__device__ void block_argmax(float v, int at, float* values, int* indices) {
    values[threadIdx.x] = v;
    indices[threadIdx.x] = at;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s && argmax_beats(values[threadIdx.x + s], indices[threadIdx.x + s], values[threadIdx.x],
                                            indices[threadIdx.x])) {
            values[threadIdx.x] = values[threadIdx.x + s];
            indices[threadIdx.x] = indices[threadIdx.x + s];
        }
        __syncthreads();
    }
}

// Block b: the best of x[b * per .. min(n, (b + 1) * per)) into values[b], indices[b] (-1 for an empty
// slice). blockDim must be BLOCK.
extern "C" __global__ void argmax_blocks(const float* x, int n, int per, float* values, int* indices) {
    await_previous_kernels();
    __shared__ float bestValue[BLOCK];
    __shared__ int bestIndex[BLOCK];
    long long start = (long long) blockIdx.x * per;
    int end = (int) min((long long) n, start + per);
    float v = -INFINITY;
    int at = -1;
    for (int i = (int) start + threadIdx.x; i < end; i += blockDim.x) {
        float xi = x[i];
        if (argmax_beats(xi, i, v, at)) {
            v = xi;
            at = i;
        }
    }
    block_argmax(v, at, bestValue, bestIndex);
    if (threadIdx.x == 0) {
        values[blockIdx.x] = bestValue[0];
        indices[blockIdx.x] = bestIndex[0];
    }
}

// One block: out[0] = the index of the best of the `blocks` slice winners. blockDim must be BLOCK.
extern "C" __global__ void argmax_pick(const float* values, const int* indices, int blocks, int* out) {
    await_previous_kernels();
    __shared__ float bestValue[BLOCK];
    __shared__ int bestIndex[BLOCK];
    float v = -INFINITY;
    int at = -1;
    for (int b = threadIdx.x; b < blocks; b += blockDim.x) {
        if (argmax_beats(values[b], indices[b], v, at)) {
            v = values[b];
            at = indices[b];
        }
    }
    block_argmax(v, at, bestValue, bestIndex);
    if (threadIdx.x == 0) {
        out[0] = bestIndex[0];
    }
}
