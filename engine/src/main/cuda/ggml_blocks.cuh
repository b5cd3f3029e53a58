// The per-element arithmetic of the CUDA backend: ggml's block layouts (decode one element, dot one unit
// of a weight row with an activation row prepared as the CPU backend prepares it) and the activation
// quantizers. Everything here is __host__ __device__ so that the host test program (cuda_host_check.cu,
// built by nvcc without a GPU) runs exactly this code against the Java kernels; the __global__ kernels
// in *.cu only add the thread layout around it.
//
// Layouts (little-endian, as in ggml and io.docswarm.engine.quant.*Kernel):
//   Q8_0 34 bytes / 32: f16 d, int8 q[32]
//   Q4_0 18 bytes / 32: f16 d, u8 qs[16]   element j: low nibble of qs[j], element j+16: high nibble; minus 8
//   Q4_1 20 bytes / 32: f16 d, f16 m, u8 qs[16]             element d * nibble + m
//   Q5_0 22 bytes / 32: f16 d, u32 qh, u8 qs[16]            5-bit level (bit j of qh is element j's fifth bit) - 16
//   Q5_1 24 bytes / 32: f16 d, f16 m, u32 qh, u8 qs[16]     element d * level + m
//   Q4_K 144 bytes / 256: f16 d, f16 dmin, u8 scales[12], u8 qs[128]
//   Q5_K 176 bytes / 256: f16 d, f16 dmin, u8 scales[12], u8 qh[32], u8 qs[128]
//   Q6_K 210 bytes / 256: u8 ql[128], u8 qh[64], int8 scales[16], f16 d
#pragma once
#include <stdint.h>
#include <string.h>
#include <math.h>
#ifdef __CUDACC__
#include <cuda_fp16.h>
#endif

#define GB_HD __host__ __device__ inline

// ggml type ids (GgmlType.id()).
enum GgmlTypeId {
    GT_F32 = 0, GT_F16 = 1, GT_Q4_0 = 2, GT_Q4_1 = 3, GT_Q5_0 = 6, GT_Q5_1 = 7, GT_Q8_0 = 8, GT_Q4_K = 12, GT_Q5_K = 13, GT_Q6_K = 14, GT_BF16 = 30
};

GB_HD float gb_bits_to_float(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }
GB_HD uint32_t gb_float_to_bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

GB_HD uint16_t gb_u16(const uint8_t* p) { return (uint16_t) (p[0] | (p[1] << 8)); }

// Four bytes as a little-endian int from any address: four byte loads on the device (F32 weights, the dequant
// path's qh words).
GB_HD int gb_i32(const uint8_t* p) {
    return (int) ((uint32_t) p[0] | ((uint32_t) p[1] << 8) | ((uint32_t) p[2] << 16) | ((uint32_t) p[3] << 24));
}

// Four bytes as a little-endian int from a 2-byte aligned address: two 16-bit loads on the device instead of
// four byte loads. The quants and qh words of Q8_0/Q4_0/Q4_1/Q5_0/Q5_1/Q6_K blocks read four bytes at a time
// all sit at even offsets (blocks of 34/18/20/22/24/210 bytes, even-sized rows, 256-byte aligned
// allocations). The host build (tests) takes the byte path; only a GPU runs the 16-bit loads.
GB_HD int gb_i32_align2(const uint8_t* p) {
#ifdef __CUDA_ARCH__
    const uint16_t* h = reinterpret_cast<const uint16_t*>(p);
    return (int) ((uint32_t) h[0] | ((uint32_t) h[1] << 16));
#else
    return gb_i32(p);
#endif
}

// Four bytes as a little-endian int from a 4-byte aligned address: one load on the device. Used for the
// activation quants (rows of a multiple of 32 bytes in 256-byte aligned buffers) and the Q4_K/Q5_K quants
// (blocks of 144/176 bytes, rows of whole blocks, allocations 256-byte aligned).
GB_HD int gb_i32_aligned(const uint8_t* p) {
#ifdef __CUDA_ARCH__
    return *reinterpret_cast<const int*>(p);
#else
    int v;
    memcpy(&v, p, 4);
    return v;
#endif
}

// IEEE half to float, exact (every half is a float): one conversion instruction on the device, the same value.
GB_HD float gb_f16_to_float(uint16_t h) {
#ifdef __CUDA_ARCH__
    return __half2float(__ushort_as_half(h));
#else
    uint32_t sign = (uint32_t) (h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    if (exp == 0) {
        float v = (float) mant * 5.9604644775390625e-8f; // mant * 2^-24, exact
        return sign ? -v : v;
    }
    if (exp == 31) {
        return gb_bits_to_float(sign | 0x7f800000u | (mant << 13));
    }
    return gb_bits_to_float(sign | ((exp + 112) << 23) | (mant << 13));
#endif
}

// Float to the nearest half, ties to even (F16C's vcvtps2ph and Java's Float.floatToFloat16). The device's
// conversion instruction rounds the same way; only a NaN's payload may differ.
GB_HD uint16_t gb_float_to_f16(float f) {
#ifdef __CUDA_ARCH__
    return __half_as_ushort(__float2half_rn(f));
#else
    uint32_t x = gb_float_to_bits(f);
    uint32_t sign = (x >> 16) & 0x8000;
    uint32_t ax = x & 0x7fffffffu;
    if (ax > 0x7f800000u) {
        return (uint16_t) (sign | 0x7e00 | ((ax >> 13) & 0x3ff)); // NaN stays NaN
    }
    if (ax >= 0x477ff000u) {
        return (uint16_t) (sign | 0x7c00); // 65520 and above round to infinity
    }
    if (ax < 0x38800000u) {
        // Below the smallest normal half (2^-14): a multiple of 2^-24; scaling by 2^24 is exact.
        uint32_t m = (uint32_t) rintf(gb_bits_to_float(ax) * 16777216.0f);
        return (uint16_t) (sign | m);
    }
    uint32_t r = ax - (112u << 23);
    return (uint16_t) (sign | ((r + 0xfffu + ((r >> 13) & 1u)) >> 13));
#endif
}

GB_HD float gb_round_f16(float f) { return gb_f16_to_float(gb_float_to_f16(f)); }

GB_HD float gb_bf16_to_float(uint16_t h) { return gb_bits_to_float((uint32_t) h << 16); }

// ggml_compute_fp32_to_bf16: nearest even; NaN stays a quiet NaN.
GB_HD uint16_t gb_float_to_bf16(float f) {
    uint32_t u = gb_float_to_bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) {
        return (uint16_t) ((u >> 16) | 64);
    }
    return (uint16_t) ((u + (0x7fffu + ((u >> 16) & 1u))) >> 16);
}

GB_HD float gb_round_bf16(float f) { return gb_bf16_to_float(gb_float_to_bf16(f)); }

// A half at a 2-byte aligned address (every block scale and F16 element: see gb_i32_align2): one 16-bit load
// on the device.
GB_HD float gb_half(const uint8_t* p) {
#ifdef __CUDA_ARCH__
    return __half2float(*reinterpret_cast<const __half*>(p));
#else
    return gb_f16_to_float(gb_u16(p));
#endif
}

// Sum of four signed byte products plus c: __dp4a on the device, the same arithmetic on the host.
GB_HD int gb_dp4a(int a, int b, int c) {
#ifdef __CUDA_ARCH__
    return __dp4a(a, b, c);
#else
    for (int i = 0; i < 4; i++) {
        c += (int) (int8_t) (a >> (8 * i)) * (int) (int8_t) (b >> (8 * i));
    }
    return c;
#endif
}

// Four bits (bit i of `bits`, i < 4) moved to bit 4 of byte i: the fifth bits of four consecutive Q5
// elements placed where their nibbles are, so they can be or-ed into a packed int for __dp4a.
GB_HD int gb_fifth_bits4(uint32_t bits) {
    return (int) (((bits & 1u) | ((bits & 2u) << 7) | ((bits & 4u) << 14) | ((bits & 8u) << 21)) << 4);
}

// ---- element sizes ----

// The 32-element block types with a scale per block (Q8_0's family).
GB_HD bool gb_is_legacy(int type) {
    return type == GT_Q8_0 || type == GT_Q4_0 || type == GT_Q4_1 || type == GT_Q5_0 || type == GT_Q5_1;
}

GB_HD int gb_block_size(int type) {
    return type == GT_F32 || type == GT_F16 || type == GT_BF16 ? 1 : gb_is_legacy(type) ? 32 : 256;
}

GB_HD int gb_block_bytes(int type) {
    switch (type) {
        case GT_F32: return 4;
        case GT_F16: case GT_BF16: return 2;
        case GT_Q8_0: return 34;
        case GT_Q4_0: return 18;
        case GT_Q4_1: return 20;
        case GT_Q5_0: return 22;
        case GT_Q5_1: return 24;
        case GT_Q4_K: return 144;
        case GT_Q5_K: return 176;
        default: return 210; // Q6_K
    }
}

GB_HD long long gb_row_bytes(int type, int cols) {
    return (long long) (cols / gb_block_size(type)) * gb_block_bytes(type);
}

// ---- activation rows ----

// One prepared activation row (see PreparedBatch / QuantizedRow): int8 quants and their per-block
// scales (Q8_0/Q8_1: per 32, F16-rounded; Q8_K: per 256), Q8_K's sums of each 16 quants and Q8_1's
// per-block s; or the float values (F32, or rounded to F16/BF16 for those weights).
struct ActRow {
    const int8_t* q;
    const float* d;
    const int16_t* s;
    const float* f;
    const float* m; // Q8_1: F16(unrounded d * sum of the block's quants), widened (QuantizedRow.blockSums)
};

// rintf(x) (ties to even) clamped to [lo, hi], and NaN as 0: what Java's saturated (int) Math.rint gives and
// PTX's cvt.rni does on the GPU. A plain C++ cast of NaN is undefined, and on x86, where the tests emulate the
// kernels, it gives INT_MIN (an infinite block maximum makes the scale 0 and inf * 0 NaN).
GB_HD int gb_rint_clamped(float x, float lo, float hi) {
    float r = rintf(x);
    return r != r ? 0 : (int) fminf(fmaxf(r, lo), hi);
}

// The quants of quantize_row_q8_0/q8_1 as ggml's x86 build computes them: q = rint(x * 127 / amax) (ties
// to even), saturated to int8. Returns the unrounded scale amax / 127 (Q8_1's s is computed from it).
GB_HD float gb_quantize_q8_block(const float* x, int8_t* q) {
    float amax = 0.0f;
    for (int j = 0; j < 32; j++) {
        amax = fmaxf(amax, fabsf(x[j]));
    }
    float d = amax / 127.0f;
    float id = amax != 0.0f ? 127.0f / amax : 0.0f;
    for (int j = 0; j < 32; j++) {
        q[j] = (int8_t) gb_rint_clamped(x[j] * id, -128.0f, 127.0f);
    }
    return d;
}

// quantize_row_q8_0: the quants and the scale as F16. Returns the F16-rounded scale.
GB_HD float gb_quantize_q8_0(const float* x, int8_t* q) {
    return gb_round_f16(gb_quantize_q8_block(x, q));
}

// quantize_row_q8_1 (x86): Q8_0's quants and F16 scale, and *s = F16(d * sum(q)) with the unrounded d,
// as QuantizedRow computes it. Returns the F16-rounded scale.
GB_HD float gb_quantize_q8_1(const float* x, int8_t* q, float* s) {
    float d = gb_quantize_q8_block(x, q);
    int sum = 0;
    for (int j = 0; j < 32; j++) {
        sum += q[j];
    }
    *s = gb_round_f16(d * (float) sum);
    return gb_round_f16(d);
}

// quantize_row_q8_K_ref: the element of largest magnitude (the first on ties) max, iscale = -127 / max,
// q = min(127, rint(iscale * x)), d = 1 / iscale; then the sums of each 16 quants. Returns d.
GB_HD float gb_quantize_q8_k(const float* x, int8_t* q, int16_t* bsums) {
    float max = 0.0f;
    float amax = 0.0f;
    for (int j = 0; j < 256; j++) {
        float ax = fabsf(x[j]);
        if (ax > amax) {
            amax = ax;
            max = x[j];
        }
    }
    if (amax == 0.0f) {
        for (int j = 0; j < 256; j++) q[j] = 0;
        for (int g = 0; g < 16; g++) bsums[g] = 0;
        return 0.0f;
    }
    float iscale = -127.0f / max;
    for (int j = 0; j < 256; j++) {
        q[j] = (int8_t) gb_rint_clamped(iscale * x[j], -128.0f, 127.0f);
    }
    for (int g = 0; g < 16; g++) {
        int sum = 0;
        for (int j = 0; j < 16; j++) sum += q[16 * g + j];
        bsums[g] = (int16_t) sum;
    }
    return 1.0f / iscale;
}

// ---- K-quant scales ----

// get_scale_min_k4: 6-bit scale and min of sub-block j (0..7) from the 12 packed bytes.
GB_HD void gb_scale_min_k4(const uint8_t* s, int j, int* scale, int* min) {
    if (j < 4) {
        *scale = s[j] & 63;
        *min = s[j + 4] & 63;
    } else {
        *scale = (s[j + 4] & 0xF) | ((s[j - 4] >> 6) << 4);
        *min = (s[j + 4] >> 4) | ((s[j] >> 6) << 4);
    }
}

// Q6_K element e (0..255) of the block at b: the 6-bit level minus 32.
GB_HD int gb_q6k_level(const uint8_t* b, int e) {
    int half = e / 128;
    int r = e % 128;
    int l = r % 32;
    int quarter = r / 32;
    int ql = b[64 * half + l + (quarter % 2) * 32];
    int low = quarter < 2 ? (ql & 0xF) : (ql >> 4);
    int high = (b[128 + 32 * half + l] >> (2 * quarter)) & 3;
    return (low | (high << 4)) - 32;
}

// ---- dequantization of one element (embedding rows) ----

GB_HD float gb_dequant(int type, const uint8_t* row, int i) {
    switch (type) {
        case GT_F32: return gb_bits_to_float(gb_i32(row + 4 * (long long) i));
        case GT_F16: return gb_half(row + 2 * (long long) i);
        case GT_BF16: return gb_bf16_to_float(gb_u16(row + 2 * (long long) i));
        case GT_Q8_0: {
            const uint8_t* b = row + 34LL * (i / 32);
            return (float) (int8_t) b[2 + i % 32] * gb_half(b);
        }
        case GT_Q4_0: {
            const uint8_t* b = row + 18LL * (i / 32);
            int j = i % 32;
            int q = j < 16 ? (b[2 + j] & 0xF) : (b[2 + j - 16] >> 4);
            return (float) (q - 8) * gb_half(b);
        }
        case GT_Q4_1: {
            const uint8_t* b = row + 20LL * (i / 32);
            int j = i % 32;
            int q = j < 16 ? (b[4 + j] & 0xF) : (b[4 + j - 16] >> 4);
            return (float) q * gb_half(b) + gb_half(b + 2);
        }
        case GT_Q5_0: case GT_Q5_1: {
            int q51 = type == GT_Q5_1;
            const uint8_t* b = row + (q51 ? 24LL : 22LL) * (i / 32);
            int j = i % 32;
            const uint8_t* qs = b + (q51 ? 8 : 6);
            uint32_t qh = (uint32_t) gb_i32(b + (q51 ? 4 : 2));
            int level = (j < 16 ? (qs[j] & 0xF) : (qs[j - 16] >> 4)) | (int) (((qh >> j) & 1u) << 4);
            return q51 ? (float) level * gb_half(b) + gb_half(b + 2) : (float) (level - 16) * gb_half(b);
        }
        case GT_Q4_K: case GT_Q5_K: {
            int k5 = type == GT_Q5_K;
            const uint8_t* b = row + (k5 ? 176LL : 144LL) * (i / 256);
            int e = i % 256;
            int sub = e / 32;
            int sc, m;
            gb_scale_min_k4(b + 4, sub, &sc, &m);
            float d1 = gb_half(b) * (float) sc;
            float m1 = gb_half(b + 2) * (float) m;
            int qbyte = b[(k5 ? 48 : 16) + 32 * (sub / 2) + e % 32];
            int level = sub % 2 == 0 ? (qbyte & 0xF) : (qbyte >> 4);
            if (k5) {
                level |= ((b[16 + e % 32] >> sub) & 1) << 4;
            }
            return d1 * (float) level - m1;
        }
        default: { // Q6_K
            const uint8_t* b = row + 210LL * (i / 256);
            int e = i % 256;
            float d = gb_half(b + 208);
            int scale = (int8_t) b[192 + e / 16];
            return d * (float) scale * (float) gb_q6k_level(b, e);
        }
    }
}

// ---- dot products of one unit of a weight row with an activation row ----
//
// A "unit" is what one thread handles at a time: one element for the float types, one block of 32 for
// Q8_0/Q4_0/Q4_1/Q5_0/Q5_1, one 32-element sub-block for Q4_K/Q5_K (eight per super-block), one 16-element group for
// Q6_K (sixteen per super-block). Within a unit the sum is an exact integer; across units it is a float
// sum whose order is set by the caller (the warp layout of the matvec kernels).

GB_HD int gb_units(int type, int cols) {
    switch (type) {
        case GT_F32: case GT_F16: case GT_BF16: return cols;
        case GT_Q8_0: case GT_Q4_0: case GT_Q4_1: case GT_Q5_0: case GT_Q5_1: return cols / 32;
        case GT_Q4_K: case GT_Q5_K: return cols / 32;
        default: return cols / 16;
    }
}

// Sum of the block's 32 activation quants (Q5_0's offset term), four at a time.
GB_HD int gb_quant_sum32(const int8_t* xq) {
    int sum = 0;
    for (int j = 0; j < 32; j += 4) {
        sum = gb_dp4a(0x01010101, gb_i32_aligned((const uint8_t*) xq + j), sum);
    }
    return sum;
}

// Q4_1, Q5_0, Q5_1: block u of the row times the activation's block u. The unsigned levels (nibble, plus
// the fifth bit for Q5) go through __dp4a as they are; Q5_0's offset of 16 is taken off as 16 * (sum of
// the activation quants); Q4_1/Q5_1 add the min term m * s, as the Java dotReference does.
GB_HD float gb_legacy_dot(int type, const uint8_t* row, int u, ActRow x) {
    bool q5 = type != GT_Q4_1;
    bool hasMin = type != GT_Q5_0;
    int bytes = type == GT_Q4_1 ? 20 : type == GT_Q5_0 ? 22 : 24;
    const uint8_t* b = row + (long long) bytes * u;
    const uint8_t* qs = b + (type == GT_Q4_1 ? 4 : type == GT_Q5_0 ? 6 : 8);
    uint32_t qh = q5 ? (uint32_t) gb_i32_align2(b + (type == GT_Q5_0 ? 2 : 4)) : 0u;
    const int8_t* xq = x.q + 32 * u;
    int sumi = 0;
    for (int j = 0; j < 16; j += 4) {
        int packed = gb_i32_align2(qs + j);
        int lo = packed & 0x0F0F0F0F;         // elements j .. j+3
        int hi = (packed >> 4) & 0x0F0F0F0F;  // elements j+16 .. j+19
        if (q5) {
            lo |= gb_fifth_bits4((qh >> j) & 0xFu);
            hi |= gb_fifth_bits4((qh >> (j + 16)) & 0xFu);
        }
        sumi = gb_dp4a(lo, gb_i32_aligned((const uint8_t*) xq + j), sumi);
        sumi = gb_dp4a(hi, gb_i32_aligned((const uint8_t*) xq + 16 + j), sumi);
    }
    if (!hasMin) {
        sumi -= 16 * gb_quant_sum32(xq);
        return gb_half(b) * x.d[u] * (float) sumi;
    }
    return gb_half(b) * x.d[u] * (float) sumi + gb_half(b + 2) * x.m[u];
}

GB_HD float gb_unit_dot(int type, const uint8_t* row, int u, ActRow x) {
    switch (type) {
        case GT_F32: return gb_bits_to_float(gb_i32(row + 4LL * u)) * x.f[u];
        case GT_F16: return gb_half(row + 2LL * u) * x.f[u];
        case GT_BF16: return gb_bf16_to_float(gb_u16(row + 2LL * u)) * x.f[u];
        case GT_Q8_0: {
            const uint8_t* b = row + 34LL * u;
            const int8_t* xq = x.q + 32 * u;
            int sumi = 0;
            for (int j = 0; j < 32; j += 4) {
                sumi = gb_dp4a(gb_i32_align2(b + 2 + j), gb_i32_aligned((const uint8_t*) xq + j), sumi);
            }
            return (float) sumi * (gb_half(b) * x.d[u]);
        }
        case GT_Q4_0: {
            const uint8_t* b = row + 18LL * u;
            const int8_t* xq = x.q + 32 * u;
            int sumi = 0;
            for (int j = 0; j < 16; j += 4) {
                int packed = gb_i32_align2(b + 2 + j);
                // Nibbles minus 8 as signed bytes: (n ^ 8) - 8 == n - 8 for 0..15, byte-wise via 0x08 bias.
                int lo = packed & 0x0F0F0F0F;
                int hi = (packed >> 4) & 0x0F0F0F0F;
                sumi = gb_dp4a(lo, gb_i32_aligned((const uint8_t*) xq + j), sumi);
                sumi = gb_dp4a(hi, gb_i32_aligned((const uint8_t*) xq + 16 + j), sumi);
            }
            // The unsigned nibbles were multiplied as they are; subtract 8 * (sum of the block's quants).
            int xsum = 0;
            for (int j = 0; j < 32; j += 4) {
                xsum = gb_dp4a(0x01010101, gb_i32_aligned((const uint8_t*) xq + j), xsum);
            }
            sumi -= 8 * xsum;
            return (float) sumi * gb_half(b) * x.d[u];
        }
        case GT_Q4_1: case GT_Q5_0: case GT_Q5_1: return gb_legacy_dot(type, row, u, x);
        case GT_Q4_K: case GT_Q5_K: {
            int k5 = type == GT_Q5_K;
            int blk = u / 8;
            int sub = u % 8;
            const uint8_t* b = row + (k5 ? 176LL : 144LL) * blk;
            const uint8_t* qs = b + (k5 ? 48 : 16) + 32 * (sub / 2);
            const int8_t* xq = x.q + 256 * blk + 32 * sub;
            int shift = 4 * (sub % 2);
            int sumi = 0;
            for (int j = 0; j < 32; j += 4) {
                int levels = (gb_i32_aligned(qs + j) >> shift) & 0x0F0F0F0F;
                if (k5) {
                    int h = (gb_i32_aligned(b + 16 + j) >> sub) & 0x01010101;
                    levels |= h << 4;
                }
                sumi = gb_dp4a(levels, gb_i32_aligned((const uint8_t*) xq + j), sumi);
            }
            int sc, m;
            gb_scale_min_k4(b + 4, sub, &sc, &m);
            float xd = x.d[8 * blk]; // one Q8_K scale per 256, stored at the first of its eight 32-slots
            int bsum = x.s[16 * blk + 2 * sub] + x.s[16 * blk + 2 * sub + 1];
            return gb_half(b) * xd * (float) (sc * sumi) - gb_half(b + 2) * xd * (float) (m * bsum);
        }
        default: { // Q6_K, one group of 16
            // Elements 16g .. 16g+15 are quarter (g % 8) / 2 of half g / 8: 16 consecutive ql bytes (low or
            // high nibbles) and 16 consecutive qh bytes (one bit pair), four at a time through __dp4a as
            // unsigned levels 0..63; the offset of 32 comes off as 32 * (sum of the activation quants).
            int blk = u / 16;
            int g = u % 16;
            const uint8_t* b = row + 210LL * blk;
            int half = g / 8;
            int quarter = (g % 8) / 2;
            const uint8_t* ql = b + 64 * half + 32 * (quarter % 2) + 16 * (g % 2);
            const uint8_t* qh = b + 128 + 32 * half + 16 * (g % 2);
            int nibbleShift = 4 * (quarter / 2);
            int pairShift = 2 * quarter;
            const int8_t* xq = x.q + 256 * blk + 16 * g;
            int sumi = 0;
            int xsum = 0;
            for (int j = 0; j < 16; j += 4) {
                int levels = ((gb_i32_align2(ql + j) >> nibbleShift) & 0x0F0F0F0F)
                        | (((gb_i32_align2(qh + j) >> pairShift) & 0x03030303) << 4);
                int xv = gb_i32_aligned((const uint8_t*) xq + j);
                sumi = gb_dp4a(levels, xv, sumi);
                xsum = gb_dp4a(0x01010101, xv, xsum);
            }
            sumi -= 32 * xsum;
            int scale = (int8_t) b[192 + g];
            return gb_half(b + 208) * x.d[8 * blk] * (float) (scale * sumi);
        }
    }
}

// The share of lane `lane` (of `lanes`) of a row's dot product: units lane, lane + lanes, ... summed in
// order. The matvec kernels add the lanes' shares with gb_lane_sum's butterfly. Not unrolled: unrolling by two
// made an H200's Qwen3-30B-A3B decode step slower overall (the Q6_K expert down products 10.2 -> 14.5 us, the
// output matrix 139 -> 167 us, for gains on the small v and router products; docs/benchmarks.md, session 7).
GB_HD float gb_row_dot_lane(int type, const uint8_t* row, int cols, ActRow x, int lane, int lanes) {
    int units = gb_units(type, cols);
    float sum = 0.0f;
    for (int u = lane; u < units; u += lanes) {
        sum += gb_unit_dot(type, row, u, x);
    }
    return sum;
}

// gb_row_dot_lane of two rows of the same type and length against the same activations (SwiGLU's gate and
// up) in one loop, each share summed in gb_row_dot_lane's order (the same bits), with both rows' loads in
// flight together (unrolled by two: swiglu_q4_k 12.6 -> 11.4 us per Qwen3-30B-A3B layer on an H200).
GB_HD void gb_row_dot_lane2(int type, const uint8_t* row, const uint8_t* row2, int cols, ActRow x, int lane,
                            int lanes, float* sum, float* sum2) {
    int units = gb_units(type, cols);
    float s = 0.0f;
    float s2 = 0.0f;
#pragma unroll 2
    for (int u = lane; u < units; u += lanes) {
        s += gb_unit_dot(type, row, u, x);
        s2 += gb_unit_dot(type, row2, u, x);
    }
    *sum = s;
    *sum2 = s2;
}

// The warp's butterfly reduction (__shfl_xor_sync with offsets 16, 8, 4, 2, 1) done on an array: what
// every lane holds afterwards, so the host check adds in exactly the device's order.
GB_HD float gb_lane_sum(float* v) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        float next[32];
        for (int l = 0; l < 32; l++) next[l] = v[l] + v[l ^ offset];
        for (int l = 0; l < 32; l++) v[l] = next[l];
    }
    return v[0];
}
