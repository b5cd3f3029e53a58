package io.docswarm.skills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkillLibraryTest {

    @TempDir
    Path root;

    private void store(String name, int version, String template) throws IOException {
        Skill base = SkillLibrary.builtIn("report").orElseThrow();
        Skill skill = new Skill(name, version, "test " + version, base.kind(), base.look(), base.structure(),
                base.voice(), template);
        Path dir = Files.createDirectories(root.resolve(name).resolve("v" + version));
        Files.write(dir.resolve("skill.json"), SkillJson.write(skill));
    }

    @Test
    void everyBuiltInLoads() {
        for (String name : SkillLibrary.BUILT_INS) {
            Skill skill = SkillLibrary.builtInsOnly().resolve(name);
            assertEquals(name, skill.name());
            assertEquals(name + "@1", skill.reference());
        }
    }

    @Test
    void newestVersionUnlessPinned() throws IOException {
        store("acme", 1, null);
        store("acme", 3, null);
        store("acme", 2, null);
        SkillLibrary library = new SkillLibrary(root);
        assertEquals(3, library.resolve("acme").version());
        assertEquals(2, library.resolve("acme@2").version());
        SkillNotFoundException missing = assertThrows(SkillNotFoundException.class, () -> library.resolve("acme@7"));
        assertTrue(missing.getMessage().contains("acme@7"));
    }

    @Test
    void libraryShadowsBuiltInsAndBadReferencesAreRefused() throws IOException {
        store("report", 5, null);
        assertEquals(5, new SkillLibrary(root).resolve("report").version());
        assertThrows(IllegalArgumentException.class, () -> new SkillLibrary(root).resolve("Bad Name"));
        assertThrows(SkillNotFoundException.class, () -> new SkillLibrary(root).resolve("nothing"));
    }

    @Test
    void templatesResolveInsideTheirPackageOnly() throws IOException {
        store("branded", 1, "template.docx");
        Files.writeString(root.resolve("branded/v1/template.docx"), "not really a docx");
        Skill skill = new SkillLibrary(root).resolve("branded");
        assertTrue(Path.of(skill.template()).isAbsolute());
        try (InputStream in = skill.openTemplate()) {
            assertEquals("not really a docx", new String(in.readAllBytes()));
        }
        store("escaping", 1, "../../outside.docx");
        assertThrows(IllegalArgumentException.class, () -> new SkillLibrary(root).resolve("escaping"));
    }

    @Test
    void unknownFieldsInSkillJsonAreRejected() throws IOException {
        Path dir = Files.createDirectories(root.resolve("typo/v1"));
        Files.writeString(dir.resolve("skill.json"), "{\"name\": \"typo\", \"version\": 1, \"lok\": {}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SkillLibrary(root).resolve("typo"));
        assertTrue(e.getMessage().contains("skill.json"), e.getMessage());
    }
}
