package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** How many query heads an attention block takes: a divisor of the group, within the block's shared memory. */
class DeviceOpsTest {
    @Test
    void attentionBlocksTakeWholeRunsOfOneGroup() {
        assertEquals(8, DeviceOps.attentionHeadsPerBlock(8, 128));    // Qwen3-30B-A3B: 32 heads over 4 KV heads
        assertEquals(16, DeviceOps.attentionHeadsPerBlock(128, 576)); // DeepSeek-V3 MLA: 128 heads, one latent cache
        assertEquals(1, DeviceOps.attentionHeadsPerBlock(1, 128));    // no grouping (olmoe)
        assertEquals(3, DeviceOps.attentionHeadsPerBlock(6, 2000));   // 6 x 2000 floats do not fit: 3 do
        assertEquals(10, DeviceOps.attentionHeadsPerBlock(20, 128));  // at most 16, and dividing 20
        assertThrows(UnsupportedOperationException.class, () -> DeviceOps.attentionHeadsPerBlock(4, 10_000));
    }
}
