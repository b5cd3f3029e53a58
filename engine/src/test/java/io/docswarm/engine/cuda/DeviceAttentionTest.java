package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * How the attention launches are shaped: query heads per block (a divisor of the group, within the block's
 * shared memory, keeping at least 32 blocks where one head per block would), and the position splits of a
 * decode step.
 */
class DeviceAttentionTest {
    @Test
    void attentionBlocksShareCachedRowsWithoutStarvingTheGpu() {
        // Qwen3-30B-A3B, 32 heads over 4 KV heads (groups of 8): one token unsplit would keep one head per block
        // (32 blocks); a 16-token prompt chunk, or a decode step split over positions, takes whole groups.
        assertEquals(1, DeviceAttention.headsPerBlock(32, 8, 128, 1));
        assertEquals(8, DeviceAttention.headsPerBlock(32, 8, 128, 16));
        assertEquals(8, DeviceAttention.headsPerBlock(32, 8, 128, Integer.MAX_VALUE));
        // DeepSeek-V3 MLA, 128 heads on one latent cache of 576: 4 per block for one token, 16 in prompts.
        assertEquals(4, DeviceAttention.headsPerBlock(128, 128, 576, 1));
        assertEquals(16, DeviceAttention.headsPerBlock(128, 128, 576, 16));
        assertEquals(1, DeviceAttention.headsPerBlock(16, 1, 128, 16));     // no grouping (olmoe)
        assertEquals(3, DeviceAttention.headsPerBlock(60, 6, 2000, 16));    // 6 x 2000 floats do not fit: 3 do
        assertEquals(10, DeviceAttention.headsPerBlock(400, 20, 128, 16));  // at most 16, and dividing 20
        assertThrows(UnsupportedOperationException.class, () -> DeviceAttention.headsPerBlock(8, 4, 10_000, 1));
    }

    @Test
    void decodeStepsSplitPositionsUntilTheGpuIsFull() {
        // Qwen3-30B-A3B decoding: 4 runs of 8 heads; 64 splits (256 blocks) once the cache is long enough.
        assertEquals(64, DeviceAttention.decodeSplits(4, 4096));
        assertEquals(8, DeviceAttention.decodeSplits(4, 128));    // at least 16 positions per split
        assertEquals(33, DeviceAttention.decodeSplits(8, 4096));  // DeepSeek-V3: 8 runs of 16 heads
        assertEquals(1, DeviceAttention.decodeSplits(300, 4096)); // enough runs already
        assertEquals(1, DeviceAttention.decodeSplits(4, 8));      // a tiny cache is not split
    }
}
