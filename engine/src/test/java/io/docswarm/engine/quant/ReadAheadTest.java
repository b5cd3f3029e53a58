package io.docswarm.engine.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Where the one-token products' read-ahead lands: {@link ReadAhead#DISTANCE} bytes on in its own group, past the
 * group's end in the next pair's group of the same parity (not the partner group, which is being read already),
 * and never past the end of the weights.
 */
class ReadAheadTest {
    private static final int GROUP_BYTES = 8192; // two read-ahead distances and then some

    /** Four groups; every byte of group {@code k} holds {@code k + 1}. */
    private static MemorySegment groups(Arena arena) {
        MemorySegment w = arena.allocate(4L * GROUP_BYTES);
        for (int k = 0; k < 4; k++) {
            w.asSlice((long) k * GROUP_BYTES, GROUP_BYTES).fill((byte) (k + 1));
        }
        return w;
    }

    @Test
    void readsAheadWithinItsOwnGroup() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = groups(arena);
            // Group 1's stream (the second of pair 0), 256 bytes from its start: four lines of group 1.
            assertEquals(4 * 2, ReadAhead.touch(w, GROUP_BYTES, GROUP_BYTES, 0, 256));
        }
    }

    @Test
    void skipsThePartnerGroupPastItsOwnEnd() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = groups(arena);
            long nearEnd = GROUP_BYTES - ReadAhead.DISTANCE + 128;
            // Group 0's stream lands 128 bytes into group 2, not in group 1.
            assertEquals(4 * 3, ReadAhead.touch(w, 0, GROUP_BYTES, nearEnd, 256));
            // Group 1's lands in group 3.
            assertEquals(4 * 4, ReadAhead.touch(w, GROUP_BYTES, GROUP_BYTES, nearEnd, 256));
        }
    }

    @Test
    void staysInsideTheWeights() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment w = groups(arena);
            w.set(ValueLayout.JAVA_BYTE, w.byteSize() - 1, (byte) 100);
            // The last pair's streams run off the end: every read is clamped to the last byte.
            assertEquals(4 * 100, ReadAhead.touch(w, 2L * GROUP_BYTES, GROUP_BYTES, GROUP_BYTES - 256, 256));
            assertEquals(4 * 100, ReadAhead.touch(w, 3L * GROUP_BYTES, GROUP_BYTES, GROUP_BYTES - 256, 256));
        }
    }
}
