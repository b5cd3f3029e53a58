// Matrix-vector and matrix-matrix products over ggml weight blocks, the activation preparation they need,
// and embedding rows. One warp per weight row; each warp computes its row for a tile of `tile` output rows
// (tokens, or (token, expert) slots for MoE; block y covers outputs tile*y ..), so a prompt batch reads each
// weight row from memory once per tile and from L1 for the rest of the tile.
//
// MoE expert dispatch uses the same kernels: with `ids` non-null, output row o uses expert ids[o]'s matrix
// (at w + ids[o] * expertBytes) and activation row o / xDiv; only the experts named in ids are read. With
// `order` non-null, the outputs are taken in that order (tile position p computes output order[p]): a prompt's
// (token, expert) slots grouped by expert (moe_group), so the slots of a tile mostly share their expert's
// rows. Without it, slots of one tile usually name different experts, so the host launches a decode step's
// expert products with a tile of 1 (more blocks in flight instead of a reuse that would not happen).
#include "ggml_blocks.cuh"
#include "q8k_warp.cuh"

// Activation row xr of a prepared form (see ActRow).
__device__ __forceinline__ ActRow act_row(const int8_t* xq, const float* xd, const int16_t* xs, const float* xf,
                                          const float* xm, long long xr, int cols) {
    ActRow x;
    x.q = xq + xr * cols;
    x.d = xd + xr * (cols / 32);
    x.s = xs + xr * (cols / 16);
    x.f = xf + xr * cols;
    x.m = xm + xr * (cols / 32);
    return x;
}

// With `accumulate` the product is added to what out holds (out = product + out: ops.cu's add_residual's
// order, so a residual connection costs no launch of its own).
// With `up` non-null the product is SwiGLU's first half in one launch: the warp computes row r of w (the
// gate) and of up (the same type, layout and experts) and writes silu(gate) * up, with the arithmetic of
// ops.cu's silu_mul, so the result has the same bits as two products and silu_mul.
// The coalesced layout for Q4_K rows (matvec_q4_k_coalesced, swiglu_q4_k_coalesced), which the models take for
// expert products (an H200 gave 40 us against 61 us for eight of Qwen3-30B-A3B's 768 x 2048 expert matrices;
// the warp-per-row layout stays for the tall output matrix, where it was faster): the warp takes one block of
// 256 at a time and lane l the block's 4-byte quant word l, so each of the warp's loads is one coalesced
// 128-byte line (the default layout gives lane l a 32-element sub-block: 8 loads 32 bytes apart per lane,
// each word loaded by two lanes).
// Word l holds elements 4m .. 4m+3 (m = l % 8) of sub-blocks 2p (low nibbles) and 2p+1 (high nibbles),
// p = l / 8; the min terms are taken once per 16 elements (lanes m = 0 and m = 4).
__device__ __forceinline__ float q4k_row_dot_coalesced(const uint8_t* row, int cols, ActRow x, int lane) {
    int p = lane / 8;
    int m = lane % 8;
    float sum = 0.0f;
    for (int blk = 0; blk < cols / 256; blk++) {
        const uint8_t* b = row + 144LL * blk;
        int packed = gb_i32_aligned(b + 16 + 4 * lane);
        const uint8_t* xq = (const uint8_t*) (x.q + 256 * blk + 64 * p + 4 * m);
        int sumLo = gb_dp4a(packed & 0x0F0F0F0F, gb_i32_aligned(xq), 0);
        int sumHi = gb_dp4a((packed >> 4) & 0x0F0F0F0F, gb_i32_aligned(xq + 32), 0);
        int scLo, minLo, scHi, minHi;
        gb_scale_min_k4(b + 4, 2 * p, &scLo, &minLo);
        gb_scale_min_k4(b + 4, 2 * p + 1, &scHi, &minHi);
        int minSum = 0;
        if (m % 4 == 0) {
            const int16_t* bsum = x.s + 16 * blk + 4 * p + m / 4; // sums of 16: 2 per sub-block
            minSum = minLo * bsum[0] + minHi * bsum[2];
        }
        float xd = x.d[8 * blk];
        sum += gb_half(b) * xd * (float) (scLo * sumLo + scHi * sumHi) - gb_half(b + 2) * xd * (float) minSum;
    }
    return sum;
}

// The same layout for Q6_K rows (matvec_q6_k_coalesced, swiglu_q6_k_coalesced): lane l takes quant-low word l of the block (ql,
// 128 bytes) and the high-bit word its elements need (qh): ql bytes 64h + 32q + j (h = l / 16, q = (l % 16) / 8,
// j = 4 (l % 8) .. +3) hold, in their low nibbles, elements 128h + 32q + j and, in their high nibbles, elements
// 128h + 32(q + 2) + j, whose two top bits are bits 2q and 2(q + 2) of qh bytes 32h + j. Levels 0..63 through
// __dp4a, the offset of 32 taken off as 32 x the activation quants' sum, as gb_unit_dot's Q6_K does.
__device__ __forceinline__ float q6k_row_dot_coalesced(const uint8_t* row, int cols, ActRow x, int lane) {
    int h = lane / 16;
    int q = (lane % 16) / 8;
    int j = 4 * (lane % 8);
    float sum = 0.0f;
    for (int blk = 0; blk < cols / 256; blk++) {
        const uint8_t* b = row + 210LL * blk;
        int ql = gb_i32_align2(b + 64 * h + 32 * q + j);
        int qh = gb_i32_align2(b + 128 + 32 * h + j);
        int levelsLo = (ql & 0x0F0F0F0F) | (((qh >> (2 * q)) & 0x03030303) << 4);
        int levelsHi = ((ql >> 4) & 0x0F0F0F0F) | (((qh >> (2 * (q + 2))) & 0x03030303) << 4);
        const uint8_t* xq = (const uint8_t*) (x.q + 256 * blk + 128 * h + 32 * q + j);
        int xLo = gb_i32_aligned(xq);
        int xHi = gb_i32_aligned(xq + 64);
        int sumLo = gb_dp4a(levelsLo, xLo, 0) - 32 * gb_dp4a(0x01010101, xLo, 0);
        int sumHi = gb_dp4a(levelsHi, xHi, 0) - 32 * gb_dp4a(0x01010101, xHi, 0);
        int scale = 8 * h + 2 * q + (lane % 8) / 4; // the low nibbles' 16-element group; the high ones' is 4 on
        int scLo = (int8_t) b[192 + scale];
        int scHi = (int8_t) b[192 + scale + 4];
        sum += gb_half(b + 208) * x.d[8 * blk] * (float) (scLo * sumLo + scHi * sumHi);
    }
    return sum;
}

// How a product kernel lays its threads over the weight rows: a warp per row (the default), a warp per row in
// the coalesced layouts above (Q4_K, Q6_K), or a whole block per row (grid (rows, output tiles)): the
// block's threads take the row's units in turn, then the warps' sums are added in warp order. The block form is
// for rows with many units per lane (a float router's 2048 columns: 64 loads one after another per lane of a
// single warp), where one warp per row is bound by load latency and a small matrix (128 experts) leaves most of
// the GPU idle.
enum RowLayout { WARP_ROW, WARP_ROW_COALESCED, BLOCK_ROW };

// This thread's part of row . x in LAYOUT (the warp's or block's parts still to be added).
template <int T, int LAYOUT>
__device__ __forceinline__ float row_dot(const uint8_t* row, int cols, ActRow x, int lane) {
    return LAYOUT == BLOCK_ROW ? gb_row_dot_lane(T, row, cols, x, threadIdx.x, blockDim.x)
         : LAYOUT == WARP_ROW ? gb_row_dot_lane(T, row, cols, x, lane, 32)
         : T == GT_Q4_K ? q4k_row_dot_coalesced(row, cols, x, lane)
                        : q6k_row_dot_coalesced(row, cols, x, lane);
}

template <int T, int LAYOUT = WARP_ROW>
__device__ __forceinline__ void matvec(const uint8_t* w, const uint8_t* up, long long expertBytes, const int* ids,
                                       const int* order, const int8_t* xq, const float* xd, const int16_t* xs,
                                       const float* xf, const float* xm, int xDiv, int rows, int cols, int nOut,
                                       float* out, int outStride, int tile, int accumulate) {
    __shared__ float warpSums[32]; // BLOCK_ROW: the warps' sums
    int warp = threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    int r = LAYOUT == BLOCK_ROW ? blockIdx.x : blockIdx.x * (blockDim.x / 32) + warp;
    if (r >= rows) {
        return; // whole warps (the whole block for BLOCK_ROW)
    }
    long long rowBytes = gb_row_bytes(T, cols);
    int o0 = blockIdx.y * tile;
    int o1 = min(o0 + tile, nOut);
    for (int p = o0; p < o1; p++) {
        int o = order != nullptr ? order[p] : p;
        long long expert = ids != nullptr ? ids[o] : 0;
        long long at = expert * expertBytes + (long long) r * rowBytes;
        ActRow x = act_row(xq, xd, xs, xf, xm, o / xDiv, cols);
        // Both of SwiGLU's rows before either butterfly, so the up row's loads are in flight with the gate's.
        float v = row_dot<T, LAYOUT>(w + at, cols, x, lane);
        float u = up != nullptr ? row_dot<T, LAYOUT>(up + at, cols, x, lane) : 0.0f;
        // Butterfly: the order gb_lane_sum reproduces on the host.
        for (int offset = 16; offset > 0; offset >>= 1) {
            v += __shfl_xor_sync(0xffffffffu, v, offset);
        }
        if (up != nullptr) {
            for (int offset = 16; offset > 0; offset >>= 1) {
                u += __shfl_xor_sync(0xffffffffu, u, offset);
            }
            v = v / (1.0f + (float) exp(-(double) v)) * u;
        }
        if (LAYOUT == BLOCK_ROW) {
            if (lane == 0) {
                warpSums[warp] = v;
            }
            __syncthreads();
            if (threadIdx.x == 0) {
                v = 0.0f;
                for (int i = 0; i < blockDim.x / 32; i++) {
                    v += warpSums[i];
                }
            }
        }
        if (LAYOUT == BLOCK_ROW ? threadIdx.x == 0 : lane == 0) {
            float* at = out + (long long) o * outStride + r;
            *at = accumulate ? v + *at : v;
        }
        if (LAYOUT == BLOCK_ROW) {
            __syncthreads(); // warpSums is rewritten for the next output
        }
    }
}

// A product kernel of weight type T whose rows LAYOUT assigns to threads (see matvec): WARP_ROW for most
// products, BLOCK_ROW for float matrices of few long rows, WARP_ROW_COALESCED for Q4_K and Q6_K expert products.
#define MATVEC(name, T, LAYOUT)                                                                                 \
    extern "C" __global__ void name(const uint8_t* w, long long expertBytes, const int* ids, const int* order,   \
                                    const int8_t* xq, const float* xd, const int16_t* xs, const float* xf,      \
                                    const float* xm, int xDiv, int rows, int cols, int nOut, float* out,        \
                                    int outStride, int tile, int accumulate) {                                  \
        matvec<T, LAYOUT>(w, nullptr, expertBytes, ids, order, xq, xd, xs, xf, xm, xDiv, rows, cols, nOut, out, \
                          outStride, tile, accumulate);                                                         \
    }

// The gate and up products with silu(gate) * up in one launch (see matvec): out = silu(w . x) * (up . x).
#define MATVEC_SWIGLU(name, T, LAYOUT)                                                                          \
    extern "C" __global__ void name(const uint8_t* w, const uint8_t* up, long long expertBytes, const int* ids,  \
                                    const int* order, const int8_t* xq, const float* xd, const int16_t* xs,     \
                                    const float* xf, const float* xm, int xDiv, int rows, int cols, int nOut,   \
                                    float* out, int outStride, int tile, int accumulate) {                      \
        matvec<T, LAYOUT>(w, up, expertBytes, ids, order, xq, xd, xs, xf, xm, xDiv, rows, cols, nOut, out,     \
                          outStride, tile, accumulate);                                                         \
    }

MATVEC(matvec_f32, GT_F32, WARP_ROW)
MATVEC(matvec_f16, GT_F16, WARP_ROW)
MATVEC(matvec_bf16, GT_BF16, WARP_ROW)
MATVEC(matvec_q8_0, GT_Q8_0, WARP_ROW)
MATVEC(matvec_q4_0, GT_Q4_0, WARP_ROW)
MATVEC(matvec_q4_1, GT_Q4_1, WARP_ROW)
MATVEC(matvec_q5_0, GT_Q5_0, WARP_ROW)
MATVEC(matvec_q5_1, GT_Q5_1, WARP_ROW)
MATVEC(matvec_q4_k, GT_Q4_K, WARP_ROW)
MATVEC(matvec_q5_k, GT_Q5_K, WARP_ROW)
MATVEC(matvec_q6_k, GT_Q6_K, WARP_ROW)
MATVEC(matvec_q4_k_coalesced, GT_Q4_K, WARP_ROW_COALESCED)
MATVEC(matvec_q6_k_coalesced, GT_Q6_K, WARP_ROW_COALESCED)

MATVEC_SWIGLU(swiglu_f32, GT_F32, WARP_ROW)
MATVEC_SWIGLU(swiglu_f16, GT_F16, WARP_ROW)
MATVEC_SWIGLU(swiglu_bf16, GT_BF16, WARP_ROW)
MATVEC_SWIGLU(swiglu_q8_0, GT_Q8_0, WARP_ROW)
MATVEC_SWIGLU(swiglu_q4_0, GT_Q4_0, WARP_ROW)
MATVEC_SWIGLU(swiglu_q4_1, GT_Q4_1, WARP_ROW)
MATVEC_SWIGLU(swiglu_q5_0, GT_Q5_0, WARP_ROW)
MATVEC_SWIGLU(swiglu_q5_1, GT_Q5_1, WARP_ROW)
MATVEC_SWIGLU(swiglu_q4_k, GT_Q4_K, WARP_ROW)
MATVEC_SWIGLU(swiglu_q5_k, GT_Q5_K, WARP_ROW)
MATVEC_SWIGLU(swiglu_q6_k, GT_Q6_K, WARP_ROW)
MATVEC_SWIGLU(swiglu_q4_k_coalesced, GT_Q4_K, WARP_ROW_COALESCED)
MATVEC_SWIGLU(swiglu_q6_k_coalesced, GT_Q6_K, WARP_ROW_COALESCED)

MATVEC(matvec_wide_f32, GT_F32, BLOCK_ROW)
MATVEC(matvec_wide_f16, GT_F16, BLOCK_ROW)
MATVEC(matvec_wide_bf16, GT_BF16, BLOCK_ROW)

// Activation rows x[rows][xStride] (first cols used) to Q8_0: one thread per block of 32.
// q: [rows][cols] int8, d: [rows][cols/32].
extern "C" __global__ void quantize_q8_0(const float* x, int xStride, int rows, int cols, int8_t* q, float* d) {
    int per = cols / 32;
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) rows * per) {
        return;
    }
    long long r = i / per;
    int b = (int) (i % per);
    d[r * per + b] = gb_quantize_q8_0(x + r * xStride + 32 * b, q + r * cols + 32 * b);
}

// To Q8_1 (for Q4_1/Q5_1 weights): one thread per block of 32; as quantize_q8_0, plus each block's s in
// m: [rows][cols/32].
extern "C" __global__ void quantize_q8_1(const float* x, int xStride, int rows, int cols, int8_t* q, float* d,
                                         float* m) {
    int per = cols / 32;
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) rows * per) {
        return;
    }
    long long r = i / per;
    int b = (int) (i % per);
    d[r * per + b] = gb_quantize_q8_1(x + r * xStride + 32 * b, q + r * cols + 32 * b, m + r * per + b);
}

// To Q8_K: one warp per block of 256 (gb_quantize_q8_k_warp). The scale of block b goes to d[row][8 * b] (d
// keeps the Q8_0 stride of cols/32 per row), the sums of 16 to s[row][16 * b ..]. blockDim must be a multiple
// of 32.
extern "C" __global__ void quantize_q8_k(const float* x, int xStride, int rows, int cols, int8_t* q, float* d,
                                         int16_t* s) {
    int per = cols / 256;
    long long i = ((long long) blockIdx.x * blockDim.x + threadIdx.x) / 32;
    int lane = threadIdx.x % 32;
    if (i >= (long long) rows * per) {
        return; // whole warps leave together: i is the same for all 32 lanes
    }
    long long r = i / per;
    int b = (int) (i % per);
    gb_quantize_q8_k_warp(x + r * xStride + 256 * b, q + r * cols + 256 * b, d + r * (cols / 32) + 8 * b,
                          s + r * (cols / 16) + 16 * b, lane);
}

// Float activations for F32 (mode 0: copied), F16 (1) or BF16 (2) weights: rounded as the CPU rounds them.
extern "C" __global__ void round_activations(const float* x, int xStride, int rows, int cols, int mode, float* f) {
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) rows * cols) {
        return;
    }
    long long r = i / cols;
    int c = (int) (i % cols);
    float v = x[r * xStride + c];
    f[i] = mode == 1 ? gb_round_f16(v) : mode == 2 ? gb_round_bf16(v) : v;
}

// Embedding lookup: out[t][c] = row tokens[t] of w decoded, for a matrix of `type`.
extern "C" __global__ void get_rows(const uint8_t* w, int type, const int* tokens, int n, int cols, float* out) {
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) n * cols) {
        return;
    }
    int t = (int) (i / cols);
    int c = (int) (i % cols);
    out[i] = gb_dequant(type, w + (long long) tokens[t] * gb_row_bytes(type, cols), c);
}
