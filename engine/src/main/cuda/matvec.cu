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
#include "launch_order.cuh"

// One weight row's product with an activation row by a whole block (the BLOCK_ROW layout of float routers):
// row . x by a block of whole warps; the threads take the row's units in turn (gb_row_dot_lane), each warp
// adds its lanes by a butterfly (the order gb_lane_sum reproduces on the host), then thread 0 adds the warps'
// sums in warp order. The product is thread 0's result (the other threads' results mean nothing). warpSums:
// blockDim.x / 32 floats of shared memory, free again when this returns (a barrier ends it).
__device__ __forceinline__ float block_row_dot(int type, const uint8_t* row, int cols, ActRow x, float* warpSums) {
    float v = gb_row_dot_lane(type, row, cols, x, threadIdx.x, blockDim.x);
    for (int offset = 16; offset > 0; offset >>= 1) {
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    }
    if (threadIdx.x % 32 == 0) {
        warpSums[threadIdx.x / 32] = v;
    }
    __syncthreads();
    if (threadIdx.x == 0) {
        v = 0.0f;
        for (int i = 0; i < blockDim.x / 32; i++) {
            v += warpSums[i];
        }
    }
    __syncthreads(); // warpSums may be rewritten after this
    return v;
}

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

// How a product kernel lays its threads over the weight rows: a warp per row (the default) or a whole block
// per row (grid (rows, output tiles)): the block's threads take the row's units in turn, then the warps' sums
// are added in warp order. The block form is for rows with many units per lane (a float router's 2048
// columns: 64 loads one after another per lane of a single warp), where one warp per row is bound by load
// latency and a small matrix (128 experts) leaves most of the GPU idle.
enum RowLayout { WARP_ROW, BLOCK_ROW };

// With `accumulate` the product is added to what out holds (out = product + out: ops.cu's add_residual's
// order, so a residual connection costs no launch of its own).
// With `up` non-null the product is SwiGLU's first half in one launch: the warp computes row r of w (the
// gate) and of up (the same type, layout and experts) and writes silu(gate) * up, with the arithmetic of
// ops.cu's silu_mul, so the result has the same bits as two products and silu_mul.
// bx is the block's place among the blocks over w's rows (blockIdx.x, but for matvec_pair's second matrix).
template <int T, int LAYOUT = WARP_ROW>
__device__ __forceinline__ void matvec(int bx, const uint8_t* w, const uint8_t* up, long long expertBytes,
                                       const int* ids, const int* order, const int8_t* xq, const float* xd,
                                       const int16_t* xs, const float* xf, const float* xm, int xDiv, int rows,
                                       int cols, int nOut, float* out, int outStride, int tile, int accumulate) {
    __shared__ float warpSums[32]; // BLOCK_ROW: the warps' sums
    int warp = threadIdx.x / 32;
    int lane = threadIdx.x % 32;
    int r = LAYOUT == BLOCK_ROW ? bx : bx * (blockDim.x / 32) + warp;
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
        float v;
        if (LAYOUT == BLOCK_ROW) {
            v = block_row_dot(T, w + at, cols, x, warpSums); // (no BLOCK_ROW kernel takes an up matrix)
        } else {
            // SwiGLU's two rows in one loop, so the up row's loads are in flight with the gate's.
            float u = 0.0f;
            if (up != nullptr) {
                gb_row_dot_lane2(T, w + at, up + at, cols, x, lane, 32, &v, &u);
            } else {
                v = gb_row_dot_lane(T, w + at, cols, x, lane, 32);
            }
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
        }
        if (LAYOUT == BLOCK_ROW ? threadIdx.x == 0 : lane == 0) {
            float* at = out + (long long) o * outStride + r;
            *at = accumulate ? v + *at : v;
        }
    }
}

// Whether products of fixed weights prefetch their rows (prefetch_rows); the host clears it to compare.
__device__ int prefetchRows = 1;

// A product of fixed weights (no expert ids: those come from the previous kernels) asks L2 for its block's
// weight rows before it waits for the previous kernel (launch_order.cuh), so with programmatic launch the
// rows stream in while that kernel finishes. Only the first block row of a prompt tile prefetches (the others
// read the same rows). A hint: nothing is loaded into registers and no result depends on it.
template <int T, int LAYOUT>
__device__ __forceinline__ void prefetch_rows(int bx, const uint8_t* w, const int* ids, int rows, int cols) {
    if (ids != nullptr || blockIdx.y != 0 || !prefetchRows) {
        return;
    }
    int r = LAYOUT == BLOCK_ROW ? bx : bx * (blockDim.x / 32) + threadIdx.x / 32;
    if (r >= rows) {
        return;
    }
    long long rowBytes = gb_row_bytes(T, cols);
    int first = LAYOUT == BLOCK_ROW ? threadIdx.x : threadIdx.x % 32;
    int step = LAYOUT == BLOCK_ROW ? blockDim.x : 32;
    const uint8_t* row = w + (long long) r * rowBytes;
    for (long long b = 128LL * first; b < rowBytes; b += 128LL * step) {
        gb_prefetch_l2(row + b);
    }
}

// A product kernel of weight type T whose rows LAYOUT assigns to threads (see matvec): WARP_ROW for the models'
// products, BLOCK_ROW for float matrices of few long rows.
#define MATVEC(name, T, LAYOUT)                                                                                 \
    extern "C" __global__ void name(const uint8_t* w, long long expertBytes, const int* ids, const int* order,   \
                                    const int8_t* xq, const float* xd, const int16_t* xs, const float* xf,      \
                                    const float* xm, int xDiv, int rows, int cols, int nOut, float* out,        \
                                    int outStride, int tile, int accumulate) {                                  \
        prefetch_rows<T, LAYOUT>(blockIdx.x, w, ids, rows, cols);                                               \
        await_previous_kernels();                                                                                \
        matvec<T, LAYOUT>(blockIdx.x, w, nullptr, expertBytes, ids, order, xq, xd, xs, xf, xm, xDiv, rows, cols, \
                          nOut, out, outStride, tile, accumulate);                                              \
    }

// The gate and up products with silu(gate) * up in one launch (see matvec): out = silu(w . x) * (up . x).
#define MATVEC_SWIGLU(name, T)                                                                                  \
    extern "C" __global__ void name(const uint8_t* w, const uint8_t* up, long long expertBytes, const int* ids,  \
                                    const int* order, const int8_t* xq, const float* xd, const int16_t* xs,     \
                                    const float* xf, const float* xm, int xDiv, int rows, int cols, int nOut,   \
                                    float* out, int outStride, int tile, int accumulate) {                      \
        prefetch_rows<T, WARP_ROW>(blockIdx.x, w, ids, rows, cols);                                             \
        prefetch_rows<T, WARP_ROW>(blockIdx.x, up, ids, rows, cols);                                            \
        await_previous_kernels();                                                                                \
        matvec<T>(blockIdx.x, w, up, expertBytes, ids, order, xq, xd, xs, xf, xm, xDiv, rows, cols, nOut, out, \
                  outStride, tile, accumulate);                                                                 \
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

MATVEC_SWIGLU(swiglu_f32, GT_F32)
MATVEC_SWIGLU(swiglu_f16, GT_F16)
MATVEC_SWIGLU(swiglu_bf16, GT_BF16)
MATVEC_SWIGLU(swiglu_q8_0, GT_Q8_0)
MATVEC_SWIGLU(swiglu_q4_0, GT_Q4_0)
MATVEC_SWIGLU(swiglu_q4_1, GT_Q4_1)
MATVEC_SWIGLU(swiglu_q5_0, GT_Q5_0)
MATVEC_SWIGLU(swiglu_q5_1, GT_Q5_1)
MATVEC_SWIGLU(swiglu_q4_k, GT_Q4_K)
MATVEC_SWIGLU(swiglu_q5_k, GT_Q5_K)
MATVEC_SWIGLU(swiglu_q6_k, GT_Q6_K)

// Two products of the same input rows in one launch, for fixed matrices of two types whose activations share
// a form (the K-quants' Q8_K), each a warp per row: blocks 0 .. ceil(rows1 / warps) - 1 take w1's rows (type T1)
// into out1, the blocks after them w2's rows (type T2) into out2, both with outStride and a tile of outputs.
// Q4_K_M files keep attn_v (in many layers) in Q6_K beside Q4_K queries and keys: without this the v product
// is a small launch of its own after the q and k one; together their blocks run side by side. Each output has
// the bits of its own matrix's matvec launch.
__device__ __forceinline__ int pair_first_blocks(int rows1) {
    return (rows1 + blockDim.x / 32 - 1) / (blockDim.x / 32);
}

template <int T1, int T2>
__device__ __forceinline__ void prefetch_pair_rows(const uint8_t* w1, int rows1, const uint8_t* w2, int rows2,
                                                   int cols) {
    int blocks1 = pair_first_blocks(rows1);
    if ((int) blockIdx.x < blocks1) {
        prefetch_rows<T1, WARP_ROW>(blockIdx.x, w1, nullptr, rows1, cols);
    } else {
        prefetch_rows<T2, WARP_ROW>(blockIdx.x - blocks1, w2, nullptr, rows2, cols);
    }
}

template <int T1, int T2>
__device__ __forceinline__ void matvec_pair(const uint8_t* w1, int rows1, float* out1, const uint8_t* w2,
                                            int rows2, float* out2, const int8_t* xq, const float* xd,
                                            const int16_t* xs, const float* xf, const float* xm, int cols, int nOut,
                                            int outStride, int tile) {
    int blocks1 = pair_first_blocks(rows1);
    if ((int) blockIdx.x < blocks1) {
        matvec<T1>(blockIdx.x, w1, nullptr, 0, nullptr, nullptr, xq, xd, xs, xf, xm, 1, rows1, cols, nOut, out1,
                   outStride, tile, 0);
    } else {
        matvec<T2>(blockIdx.x - blocks1, w2, nullptr, 0, nullptr, nullptr, xq, xd, xs, xf, xm, 1, rows2, cols, nOut,
                   out2, outStride, tile, 0);
    }
}

#define MATVEC_PAIR(name, T1, T2)                                                                               \
    extern "C" __global__ void name(const uint8_t* w1, int rows1, float* out1, const uint8_t* w2, int rows2,    \
                                    float* out2, const int8_t* xq, const float* xd, const int16_t* xs,          \
                                    const float* xf, const float* xm, int cols, int nOut, int outStride,        \
                                    int tile) {                                                                 \
        prefetch_pair_rows<T1, T2>(w1, rows1, w2, rows2, cols);                                                 \
        await_previous_kernels();                                                                                \
        matvec_pair<T1, T2>(w1, rows1, out1, w2, rows2, out2, xq, xd, xs, xf, xm, cols, nOut, outStride, tile); \
    }

MATVEC_PAIR(matvec_pair_q4_k_q6_k, GT_Q4_K, GT_Q6_K)
MATVEC_PAIR(matvec_pair_q5_k_q6_k, GT_Q5_K, GT_Q6_K)
MATVEC_PAIR(matvec_pair_q6_k_q4_k, GT_Q6_K, GT_Q4_K)
MATVEC_PAIR(matvec_pair_q6_k_q5_k, GT_Q6_K, GT_Q5_K)
MATVEC_PAIR(matvec_pair_q4_k_q5_k, GT_Q4_K, GT_Q5_K)
MATVEC_PAIR(matvec_pair_q5_k_q4_k, GT_Q5_K, GT_Q4_K)

MATVEC(matvec_wide_f32, GT_F32, BLOCK_ROW)
MATVEC(matvec_wide_f16, GT_F16, BLOCK_ROW)
MATVEC(matvec_wide_bf16, GT_BF16, BLOCK_ROW)

// Activation rows x[rows][xStride] (first cols used) to Q8_0: one thread per block of 32.
// q: [rows][cols] int8, d: [rows][cols/32].
extern "C" __global__ void quantize_q8_0(const float* x, int xStride, int rows, int cols, int8_t* q, float* d) {
    await_previous_kernels();
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
    await_previous_kernels();
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
    await_previous_kernels();
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
    await_previous_kernels();
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
    await_previous_kernels();
    long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= (long long) n * cols) {
        return;
    }
    int t = (int) (i / cols);
    int c = (int) (i % cols);
    out[i] = gb_dequant(type, w + (long long) tokens[t] * gb_row_bytes(type, cols), c);
}
