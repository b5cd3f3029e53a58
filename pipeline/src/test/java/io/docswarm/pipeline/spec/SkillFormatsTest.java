package io.docswarm.pipeline.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.SkillLibrary;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SkillFormatsTest {

    private static Optional<String> check(String skill, OutputFormat format) {
        return SkillFormats.mismatch(skill, SkillLibrary.builtInsOnly().resolve(skill), format);
    }

    @Test
    void builtInSkillsFitTheirFormats() {
        assertTrue(check("report", OutputFormat.DOCX).isEmpty());
        assertTrue(check("report", OutputFormat.PDF).isEmpty());
        assertTrue(check("brief", OutputFormat.PDF).isEmpty());
        assertTrue(check("deck", OutputFormat.PPTX).isEmpty());
        assertTrue(check("workbook", OutputFormat.XLSX).isEmpty());
    }

    @Test
    void aSkillOfAnotherKindIsNamedWithWhatItIsFor() {
        assertEquals(Optional.of("skill 'deck' is a deck (pptx) skill, not usable for docx"),
                check("deck", OutputFormat.DOCX));
        assertEquals(Optional.of("skill 'workbook' is a workbook (xlsx) skill, not usable for pptx"),
                check("workbook", OutputFormat.PPTX));
        assertEquals(Optional.of("skill 'report@1' is a report (docx, pdf) skill, not usable for xlsx"),
                check("report@1", OutputFormat.XLSX));
    }
}
