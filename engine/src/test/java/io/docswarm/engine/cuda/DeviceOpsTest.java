package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * How many query heads an attention block takes: a divisor of the group, within the block's shared memory,
 * keeping at least 32 blocks where one head per block would.
 */
class DeviceOpsTest {
    @Test
    void attentionBlocksShareCachedRowsWithoutStarvingTheGpu() {
        // Qwen3-30B-A3B, 32 heads over 4 KV heads (groups of 8): decoding keeps one head per block (32 blocks);
        // a 16-token prompt chunk takes whole groups (4 x 16 = 64 blocks).
        assertEquals(1, DeviceOps.attentionHeadsPerBlock(32, 8, 128, 1));
        assertEquals(8, DeviceOps.attentionHeadsPerBlock(32, 8, 128, 16));
        // DeepSeek-V3 MLA, 128 heads on one latent cache of 576: 4 per block when decoding, 16 in prompts.
        assertEquals(4, DeviceOps.attentionHeadsPerBlock(128, 128, 576, 1));
        assertEquals(16, DeviceOps.attentionHeadsPerBlock(128, 128, 576, 16));
        assertEquals(1, DeviceOps.attentionHeadsPerBlock(16, 1, 128, 16));     // no grouping (olmoe)
        assertEquals(3, DeviceOps.attentionHeadsPerBlock(60, 6, 2000, 16));    // 6 x 2000 floats do not fit: 3 do
        assertEquals(10, DeviceOps.attentionHeadsPerBlock(400, 20, 128, 16));  // at most 16, and dividing 20
        assertThrows(UnsupportedOperationException.class, () -> DeviceOps.attentionHeadsPerBlock(8, 4, 10_000, 1));
    }
}
