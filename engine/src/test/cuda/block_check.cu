// Host program (built by nvcc, run without a GPU) that runs the CUDA backend's block arithmetic
// (ggml_blocks.cuh) on cases written by CudaBlockMathTest and writes what it computed, for the test to
// compare with the Java kernels.
//
// usage: block_check IN OUT
// IN: int32 cases, then per case: int32 type (ggml id), int32 cols, weight row bytes, float x[cols].
// OUT per case: the prepared activation (int8 q[cols], float d[cols/32], int16 s[cols/16], float m[cols/32],
// float f[cols]),
// the dequantized row (float[cols]) and the dot product as the matvec kernel's warp computes it (float).
#include "ggml_blocks.cuh"
#include <stdio.h>
#include <stdlib.h>
#include <vector>

static void need(bool ok, const char* what) {
    if (!ok) {
        fprintf(stderr, "block_check: %s\n", what);
        exit(1);
    }
}

int main(int argc, char** argv) {
    need(argc == 3, "usage: block_check IN OUT");
    FILE* in = fopen(argv[1], "rb");
    FILE* out = fopen(argv[2], "wb");
    need(in && out, "cannot open files");
    int cases = 0;
    need(fread(&cases, 4, 1, in) == 1, "short input");
    for (int c = 0; c < cases; c++) {
        int type = 0, cols = 0;
        need(fread(&type, 4, 1, in) == 1 && fread(&cols, 4, 1, in) == 1, "short case header");
        long long rowBytes = gb_row_bytes(type, cols);
        std::vector<uint8_t> w(rowBytes);
        std::vector<float> x(cols);
        need(fread(w.data(), 1, rowBytes, in) == (size_t) rowBytes, "short weights");
        need(fread(x.data(), 4, cols, in) == (size_t) cols, "short activations");

        std::vector<int8_t> q(cols, 0);
        std::vector<float> d(cols / 32, 0.0f);
        std::vector<int16_t> s(cols / 16, 0);
        std::vector<float> m(cols / 32, 0.0f);
        std::vector<float> f(cols, 0.0f);
        switch (type) {
            case GT_F32: for (int i = 0; i < cols; i++) f[i] = x[i]; break;
            case GT_F16: for (int i = 0; i < cols; i++) f[i] = gb_round_f16(x[i]); break;
            case GT_BF16: for (int i = 0; i < cols; i++) f[i] = gb_round_bf16(x[i]); break;
            case GT_Q8_0: case GT_Q4_0: case GT_Q5_0:
                for (int b = 0; b < cols / 32; b++) d[b] = gb_quantize_q8_0(&x[32 * b], &q[32 * b]);
                break;
            case GT_Q4_1: case GT_Q5_1:
                for (int b = 0; b < cols / 32; b++) d[b] = gb_quantize_q8_1(&x[32 * b], &q[32 * b], &m[b]);
                break;
            default:
                for (int b = 0; b < cols / 256; b++) d[8 * b] = gb_quantize_q8_k(&x[256 * b], &q[256 * b], &s[16 * b]);
                break;
        }
        ActRow act = {q.data(), d.data(), s.data(), f.data(), m.data()};
        std::vector<float> deq(cols);
        for (int i = 0; i < cols; i++) deq[i] = gb_dequant(type, w.data(), i);
        float lanes[32];
        for (int l = 0; l < 32; l++) lanes[l] = gb_row_dot_lane(type, w.data(), cols, act, l, 32);
        float dot = gb_lane_sum(lanes);

        fwrite(q.data(), 1, cols, out);
        fwrite(d.data(), 4, cols / 32, out);
        fwrite(s.data(), 2, cols / 16, out);
        fwrite(m.data(), 4, cols / 32, out);
        fwrite(f.data(), 4, cols, out);
        fwrite(deq.data(), 4, cols, out);
        fwrite(&dot, 4, 1, out);
    }
    fclose(out);
    fclose(in);
    return 0;
}
