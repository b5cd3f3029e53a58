package io.docswarm.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Front matter in skill.json: optional, with today's cover and contents when a Skill does not say. */
class FrontMatterTest {

    @Test
    void aSkillJsonWithoutFrontMatterLoadsWithCoverAndContents() {
        Skill report = SkillLibrary.builtIn("report").orElseThrow();
        Skill old = new Skill("old", 1, "", SkillKind.REPORT, report.look(),
                new Structure(report.structure().outline(), List.of()), report.voice(), "");
        String json = new String(SkillJson.write(old), StandardCharsets.UTF_8);
        assertFalse(json.contains("frontMatter"), "absent when the Skill does not say");
        Skill read = SkillJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "old");
        assertNull(read.structure().frontMatter());
        assertEquals(FrontMatter.COVER_AND_CONTENTS, read.structure().frontMatterOrDefault());
    }

    @Test
    void aSkillsOwnFrontMatterRoundTrips() {
        Skill report = SkillLibrary.builtIn("report").orElseThrow();
        Skill brief = new Skill("titled", 1, "", SkillKind.BRIEF, report.look(),
                new Structure(report.structure().outline(), List.of(), List.of(), FrontMatter.TITLE_BLOCK),
                report.voice(), "");
        Skill read = SkillJson.read(new ByteArrayInputStream(SkillJson.write(brief)), "titled");
        assertEquals(FrontMatter.TITLE_BLOCK, read.structure().frontMatterOrDefault());
    }

    @Test
    void pagesInFrontOfTheSections() {
        assertEquals(0, FrontMatter.TITLE_BLOCK.pages());
        assertEquals(1, new FrontMatter(true, false).pages());
        assertEquals(1, new FrontMatter(false, true).pages());
        assertEquals(2, FrontMatter.COVER_AND_CONTENTS.pages());
    }
}
