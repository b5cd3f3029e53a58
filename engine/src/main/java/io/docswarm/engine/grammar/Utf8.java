package io.docswarm.engine.grammar;

/**
 * Strict UTF-8 lead bytes (RFC 3629): how many continuation bytes follow and the range of the first one,
 * which rules out overlong forms, surrogates and code points above U+10FFFF.
 */
final class Utf8 {
    private Utf8() {
    }

    /** Packed {@code need << 16 | lo << 8 | hi} for a lead byte of a multi-byte character, or -1. */
    static int leadInfo(int b) {
        if (b >= 0xC2 && b <= 0xDF) {
            return pack(1, 0x80, 0xBF);
        } else if (b == 0xE0) {
            return pack(2, 0xA0, 0xBF);
        } else if (b == 0xED) {
            return pack(2, 0x80, 0x9F);
        } else if (b >= 0xE1 && b <= 0xEF) {
            return pack(2, 0x80, 0xBF);
        } else if (b == 0xF0) {
            return pack(3, 0x90, 0xBF);
        } else if (b >= 0xF1 && b <= 0xF3) {
            return pack(3, 0x80, 0xBF);
        } else if (b == 0xF4) {
            return pack(3, 0x80, 0x8F);
        }
        return -1;
    }

    private static int pack(int need, int lo, int hi) {
        return need << 16 | lo << 8 | hi;
    }

    static int need(int info) {
        return info >>> 16;
    }

    static int lo(int info) {
        return (info >>> 8) & 0xFF;
    }

    static int hi(int info) {
        return info & 0xFF;
    }

    static boolean isContinuation(int b) {
        return b >= 0x80 && b <= 0xBF;
    }
}
