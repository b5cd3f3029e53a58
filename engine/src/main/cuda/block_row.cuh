// One weight row's product with an activation row by a whole block (matvec.cu's BLOCK_ROW layout), shared by
// matvec.cu's float routers and ops.cu's fused norm-and-routing kernel, so that both give the same bits.
#pragma once
#include "ggml_blocks.cuh"

// row . x by a block of whole warps: the threads take the row's units in turn (gb_row_dot_lane), each warp
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
