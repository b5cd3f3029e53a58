package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The routing settings the device router cannot hold are named before anything is launched. */
class DeviceFeedForwardTest {
    private static DeviceFeedForward.Routing routing(int experts, int used, int groups, int groupsUsed) {
        return new DeviceFeedForward.Routing(experts, used, true, true, 2.5f, groups, groupsUsed);
    }

    @Test
    void deepSeekV3AndKimiK2RoutingRun() {
        assertNull(DeviceFeedForward.unsupported(routing(256, 8, 8, 4)));
        assertNull(DeviceFeedForward.unsupported(routing(384, 8, 0, 0)));
    }

    @Test
    void whatTheRouterCannotHoldIsNamed() {
        assertTrue(DeviceFeedForward.unsupported(routing(256, 80, 0, 0)).contains("80 experts per token"));
        assertTrue(DeviceFeedForward.unsupported(routing(256, 8, 64, 4)).contains("64 expert groups exceed"));
        assertTrue(DeviceFeedForward.unsupported(routing(250, 8, 8, 4)).contains("do not split 250 experts"));
        assertTrue(DeviceFeedForward.unsupported(routing(640, 8, 0, 0)).contains("640 experts exceed the CUDA router's 512"));
        assertTrue(DeviceFeedForward.unsupported(routing(256, 8, 8, 8)).contains("(8 used)"));
        assertTrue(DeviceFeedForward.unsupported(routing(256, 8, 8, 0)).contains("(0 used)"));
    }
}
