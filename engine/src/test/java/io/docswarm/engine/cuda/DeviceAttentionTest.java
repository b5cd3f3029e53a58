package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * How the attention launches are shaped: query heads per block (a divisor of the group, within the block's
 * shared memory) and the position splits per launch.
 */
class DeviceAttentionTest {
    @Test
    void blocksTakeTheHeadsThatShareCachedRows() {
        assertEquals(8, DeviceAttention.headsPerBlock(8, 128, 16));     // Qwen3-30B-A3B: groups of 8 (32 over 4)
        assertEquals(16, DeviceAttention.headsPerBlock(128, 576, 16));  // DeepSeek-V3 MLA: 128 heads, one latent cache
        assertEquals(1, DeviceAttention.headsPerBlock(1, 128, 16));     // no grouping (olmoe)
        assertEquals(3, DeviceAttention.headsPerBlock(6, 2000, 16));    // 6 x 2000 floats do not fit: 3 do
        assertEquals(10, DeviceAttention.headsPerBlock(20, 128, 16));   // at most 16, and dividing 20
        assertThrows(UnsupportedOperationException.class, () -> DeviceAttention.headsPerBlock(4, 10_000, 16));
        // A limit (CudaModel.ATTENTION_HEADS): the most heads that divide the group within it.
        assertEquals(8, DeviceAttention.headsPerBlock(128, 576, 8));
        assertEquals(4, DeviceAttention.headsPerBlock(8, 128, 4));
        assertEquals(5, DeviceAttention.headsPerBlock(20, 128, 8));
        assertEquals(1, DeviceAttention.headsPerBlock(8, 128, 1));
    }

    @Test
    void launchesSplitPositionsUntilTheGpuIsFull() {
        // Qwen3-30B-A3B decoding: 4 runs of 8 heads; 64 splits (256 blocks) once the cache is long enough.
        assertEquals(64, DeviceAttention.splits(4, 1, 4096));
        assertEquals(8, DeviceAttention.splits(4, 1, 128));      // at least 16 positions per split
        assertEquals(33, DeviceAttention.splits(8, 1, 4096));    // DeepSeek-V3: 8 runs of 16 heads
        assertEquals(5, DeviceAttention.splits(4, 16, 4096));    // a 16-token prompt chunk: 64 blocks per split
        assertEquals(1, DeviceAttention.splits(300, 1, 4096));   // enough runs already
        assertEquals(1, DeviceAttention.splits(4, 1, 8));        // a tiny cache is not split
    }
}
