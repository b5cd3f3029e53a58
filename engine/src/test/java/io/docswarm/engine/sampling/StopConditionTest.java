package io.docswarm.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StopConditionTest {

    @Test
    void stopStringSplitAcrossTokensIsFoundAndNotEmitted() {
        StopCondition stop = new StopCondition(100, List.of("</answer>"), Set.of());
        StringBuilder shown = new StringBuilder();
        for (String piece : List.of("The result", " is 4</an", "swer> and more")) {
            shown.append(stop.accept(1, piece));
            if (stop.isDone()) {
                break;
            }
        }
        assertEquals("The result is 4", shown.toString());
        assertEquals(StopCondition.Reason.STOP_STRING, stop.reason());
    }

    @Test
    void aPossibleStopStartIsHeldBackThenReleased() {
        StopCondition stop = new StopCondition(100, List.of("STOP"), Set.of());
        assertEquals("go ", stop.accept(1, "go ST"));
        assertEquals("STart", stop.accept(1, "art"));
        assertFalse(stop.isDone());
    }

    @Test
    void maxTokensAndEndTokens() {
        StopCondition limited = new StopCondition(2, List.of("xyz"), Set.of());
        assertEquals("a", limited.accept(5, "a"));
        assertEquals("bx", limited.accept(5, "bx"), "at the limit held-back text comes out");
        assertEquals(StopCondition.Reason.MAX_TOKENS, limited.reason());
        assertThrows(IllegalStateException.class, () -> limited.accept(5, "c"));

        StopCondition ended = new StopCondition(10, List.of("xyz"), Set.of(7));
        assertEquals("", ended.accept(1, "x"));
        assertEquals("x", ended.accept(7, "<|im_end|>"), "the end token's text is not shown");
        assertEquals(StopCondition.Reason.END_OF_GENERATION, ended.reason());
        assertTrue(ended.isDone());
        assertEquals(2, ended.tokenCount());
    }
}
