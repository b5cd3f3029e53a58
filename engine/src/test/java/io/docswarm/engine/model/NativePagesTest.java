package io.docswarm.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * Anonymous pages for repacked weights: zeroed, writable, and null (not an error) when the system refuses, which
 * makes {@link WeightPacker} read the rest of the model in place. Advice on a range that holds no whole page is
 * harmless.
 */
class NativePagesTest {
    @Test
    void anonymousPagesAreZeroedAndWritable() {
        assumeTrue(NativePages.available(), "anonymous pages need Linux's C library");
        try (Arena arena = Arena.ofShared()) {
            MemorySegment pages = NativePages.allocate(3 << 20, arena);
            assertEquals(3 << 20, pages.byteSize());
            assertEquals(0L, pages.get(ValueLayout.JAVA_LONG, (3 << 20) - 8));
            pages.set(ValueLayout.JAVA_LONG, 4096, 42L);
            assertEquals(42L, pages.get(ValueLayout.JAVA_LONG, 4096));
            NativePages.populate(pages.asSlice(100, 50)); // no whole page: nothing to do
            pages.set(ValueLayout.JAVA_LONG, 8192, 7L);
            NativePages.release(pages.asSlice(8192, 8192)); // dropped pages of anonymous memory read as zeros
            assertEquals(0L, pages.get(ValueLayout.JAVA_LONG, 8192));
            assertEquals(42L, pages.get(ValueLayout.JAVA_LONG, 4096)); // outside the range: kept
        }
    }

    @Test
    void aRefusedAllocationIsNull() {
        assumeTrue(NativePages.available(), "anonymous pages need Linux's C library");
        try (Arena arena = Arena.ofShared()) {
            assertNull(NativePages.allocate(1L << 62, arena));
        }
    }
}
