package io.docswarm.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogicTest {

    private final Logic logic = new Logic(List.of(new Logic.NumberFormat("integer", "#,##0", 2),
            new Logic.NumberFormat("integer", "0", 1), new Logic.NumberFormat("decimal", "#,##0.00", 3),
            new Logic.NumberFormat("percent", "0.0%", 2)), List.of(), List.of());

    @Test
    void aFormatTheSkillUsesIsKept() {
        assertEquals("0", logic.follow("0"));
        assertEquals("#,##0", logic.follow("#,##0"));
        assertEquals("", logic.follow(""));
    }

    @Test
    void otherFormatsTakeTheSkillsFormatForTheirKind() {
        assertEquals("#,##0.00", logic.follow("#,##0.##"));
        assertEquals("0.0%", logic.follow("0%"));
        assertEquals("#,##0", logic.follow("#,##0;(#,##0)"));
    }

    @Test
    void kindsWithoutAFormatInTheSkillKeepTheirFormat() {
        assertEquals("#,##0 \"EUR\"", logic.follow("#,##0 \"EUR\""));
        assertEquals("currency", Logic.kindOfFormat("[$€-x-euro2] #,##0"));
        assertEquals("decimal", Logic.kindOfFormat("General"));
    }
}
