package io.docswarm.engine.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads that bring packed weights towards the core a few kilobytes before the one-token products load them: the
 * products' vector work depends on each weight load, so a load that misses the caches holds dozens of waiting
 * operations in the scheduler, which fills after one or two 64-byte lines in flight and then stops the core from
 * looking further ahead. A single byte read per line, whose value only feeds a running sum, costs two operations
 * and does not clog the scheduler; by the time the product loads the line, it is in the cache. (Java has no
 * prefetch instruction.) One thread, quarters of 1,024 x 2,048 matrices read at random from 1 GiB
 * ({@code bench/kernel-ab.sh OLD NEW mem1024}): Q4_K 1.23-1.29x, Q6_K 1.11-1.13x; Q8_0's product, with less work
 * per byte, got slower with it and reads without (docs/benchmarks.md, "session 15").
 *
 * <p>The two-group products read two streams at once, groups {@code g} and {@code g + 1}. A stream's read-ahead
 * that runs past the end of its group skips the other stream's group, which is already being read, and lands on
 * the next pair's group of the same parity: where that stream's call on the next pair starts.
 */
final class ReadAhead {
    /** Bytes between a line's read-ahead and its use: two Q4_K group-blocks. */
    static final long DISTANCE = 4608;
    private static final int LINE = 64;
    /** Each thread's last sum: the reads must be used, or the JIT drops them. */
    private static final ThreadLocal<int[]> SINK = ThreadLocal.withInitial(() -> new int[1]);

    private ReadAhead() {
    }

    /**
     * Reads a byte of each line of {@code [offset, offset + bytes) + DISTANCE} in the group stream that starts at
     * {@code groupStart} ({@code groupBytes} long, its partner group right after it), clamped to the segment.
     * Returns the bytes' sum, for {@link #keep}. Lines are counted from the range's start, not by address, so a
     * range that does not fill whole lines (Q6_K's 210 bytes) reads some lines twice: four reads per 3.3 lines.
     * Reading each line once by its address made the loop's trip count variable, and the products from memory
     * came out 1-8% slower (docs/benchmarks.md, "session 15").
     */
    static int touch(MemorySegment w, long groupStart, long groupBytes, long offset, int bytes) {
        long ahead = offset + DISTANCE;
        long target = groupStart + ahead + (ahead >= groupBytes ? groupBytes : 0);
        long last = w.byteSize() - 1;
        int sum = 0;
        for (int l = 0; l < bytes; l += LINE) {
            sum += w.get(ValueLayout.JAVA_BYTE, Math.min(last, target + l));
        }
        return sum;
    }

    /** Keeps a sum of {@link #touch} results alive: once per product call, not per line. */
    static void keep(int sum) {
        SINK.get()[0] = sum;
    }
}
