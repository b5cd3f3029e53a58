package io.docswarm.skills.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.Layouts;
import io.docswarm.skills.Logic;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The built-in Skills are what importing templates/ gives: each committed {@code builtin/NAME.json} and template
 * must equal a fresh import of its source document, and the import must carry the design the generator wrote.
 */
class BuiltInSkillsTest {

    private static final String REGENERATE = "regenerate them: see templates/README.md (BuiltInSkills)";
    /** Maven runs tests in the module folder; templates/ is beside it. */
    private static final Path TEMPLATES = Path.of("..").resolve(BuiltInSkills.TEMPLATES);

    @Test
    void everyBuiltInIsTheImportOfItsTemplate() throws IOException {
        for (BuiltInSkills.BuiltIn builtIn : BuiltInSkills.ALL) {
            assertTrue(Files.isRegularFile(TEMPLATES.resolve(builtIn.source())), "templates/" + builtIn.source());
            BuiltInSkills.Imported fresh = BuiltInSkills.importTemplate(TEMPLATES, builtIn);
            byte[] committed = resource(builtIn.name() + ".json");
            String diff = firstDifference(canonical(committed), canonical(fresh.manifest()));
            if (diff != null) {
                fail("built-in Skill '" + builtIn.name() + "' differs from an import of templates/" + builtIn.source()
                        + ": " + diff + "; " + REGENERATE);
            }
            Map<String, byte[]> expected = entries(fresh.template());
            Map<String, byte[]> actual = entries(resource(builtIn.templateFile()));
            assertEquals(expected.keySet(), actual.keySet(), "parts of builtin/" + builtIn.templateFile() + "; "
                    + REGENERATE);
            for (String part : expected.keySet()) {
                assertTrue(java.util.Arrays.equals(expected.get(part), actual.get(part)), "builtin/"
                        + builtIn.templateFile() + " part " + part + " differs from the cleaned template; " + REGENERATE);
            }
            Skill resolved = SkillLibrary.builtIn(builtIn.name()).orElseThrow();
            assertEquals(fresh.skill().look(), resolved.look());
            try (InputStream in = resolved.openTemplate()) {
                assertNotNull(in.readNBytes(4), "the template resource opens");
            }
        }
    }

    @Test
    void importsCarryTheGeneratorsDesign() {
        Skill report = SkillLibrary.builtIn("report").orElseThrow();
        assertEquals(TemplateGenerator.REPORT.major(), report.look().headingFont());
        assertEquals(TemplateGenerator.REPORT.minor(), report.look().bodyFont());
        assertEquals(TemplateGenerator.REPORT.accents(), report.look().chartPalette());
        assertEquals(TemplateGenerator.report().headingSizes(), report.look().headingSizes());
        assertEquals(TemplateGenerator.report().titleSize(), report.look().titleSize());
        assertEquals("DocswarmTable", report.look().tableStyle().name());
        assertEquals("Page {page}", report.look().footerText());
        assertEquals("{title}", report.look().headerText());
        assertEquals(TemplateGenerator.report().sections().stream().map(WordTemplate.SampleSection::heading).toList(),
                report.structure().outline().stream().map(e -> e.heading()).toList());
        assertEquals(22.0, report.look().page().marginMm());
        // Read from the sample, not the default: the report template has a cover page and a contents list.
        assertEquals(FrontMatter.COVER_AND_CONTENTS, report.structure().frontMatter());

        Skill brief = SkillLibrary.builtIn("brief").orElseThrow();
        assertEquals(TemplateGenerator.BRIEF.dark2(), brief.look().primaryColor());
        assertEquals("first-plural", brief.voice().person());
        assertEquals(FrontMatter.TITLE_BLOCK, brief.structure().frontMatter());

        Skill deck = SkillLibrary.builtIn("deck").orElseThrow();
        Layouts layouts = deck.layouts();
        assertEquals(DeckTemplate.W, layouts.slideWidthPt());
        assertEquals(DeckTemplate.H, layouts.slideHeightPt());
        assertEquals(Map.of("title", "Title Slide", "section", "Section Header", "content", "Title and Content",
                "two-content", "Two Content", "chart", "Title and Chart", "table", "Title and Table",
                "picture", "Picture with Caption", "closing", "Closing"), layouts.roles());
        assertEquals(List.of("Highlights", "What we found", "By the numbers", "Next steps"),
                deck.structure().outline().stream().map(e -> e.heading()).toList());
        assertEquals(TemplateGenerator.DECK.dark2(), deck.look().primaryColor());

        Skill workbook = SkillLibrary.builtIn("workbook").orElseThrow();
        Logic logic = workbook.logic();
        for (String format : List.of(WorkbookTemplate.AMOUNT, WorkbookTemplate.COUNT, WorkbookTemplate.YEAR,
                WorkbookTemplate.SHARE, WorkbookTemplate.DATE)) {
            assertTrue(logic.numberFormats().stream().anyMatch(f -> f.format().equals(format)), format + " in " + logic);
        }
        assertEquals(WorkbookTemplate.COUNT, logic.formatFor("integer").orElseThrow(), "most used integer format");
        assertTrue(logic.formulas().stream().anyMatch(f -> f.kind().equals("total")), logic.formulas().toString());
        assertEquals(2, logic.conditionalFormats().size());
        assertEquals(List.of("Summary", "Data"), workbook.structure().sheets().stream().map(s -> s.name()).toList());
        assertEquals(TemplateGenerator.WORKBOOK.dark2(), workbook.look().primaryColor());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SkillLibrary.class.getResourceAsStream("builtin/" + name)) {
            assertNotNull(in, "resource builtin/" + name + "; " + REGENERATE);
            return in.readAllBytes();
        }
    }

    /** JSON with object keys sorted, one value per line, so differences are shown as lines. */
    private static List<String> canonical(byte[] json) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(mapper.readValue(json, Object.class)).lines().toList();
    }

    private static String firstDifference(List<String> committed, List<String> fresh) {
        for (int i = 0; i < Math.max(committed.size(), fresh.size()); i++) {
            String a = i < committed.size() ? committed.get(i).strip() : "(end)";
            String b = i < fresh.size() ? fresh.get(i).strip() : "(end)";
            if (!a.equals(b)) {
                return "line " + (i + 1) + " of the sorted JSON is '" + a + "' in the committed file but '" + b
                        + "' in a fresh import";
            }
        }
        return null;
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
