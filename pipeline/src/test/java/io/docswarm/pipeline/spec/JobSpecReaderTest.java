package io.docswarm.pipeline.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.job.Priority;
import io.docswarm.renderers.OutputFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobSpecReaderTest {

    @TempDir
    Path temp;

    Path bucket;
    JobSpecReader reader;

    @BeforeEach
    void bucket() throws IOException {
        bucket = Files.createDirectories(temp.resolve("bucket"));
        Files.createDirectories(bucket.resolve("jobs"));
        Files.createDirectories(bucket.resolve("sources"));
        Files.writeString(bucket.resolve("sources/notes.md"), "# Notes\n\nSome text that says something.\n");
        Files.writeString(bucket.resolve("sources/data.csv"), "Region,Revenue\nNorth,10\n");
        Files.writeString(temp.resolve("outside.md"), "secret");
        reader = new JobSpecReader(new BucketPaths(bucket));
    }

    private ParsedSpec read(String json) throws SpecValidationException, IOException {
        Path spec = bucket.resolve("jobs/spec.json");
        Files.writeString(spec, json, StandardCharsets.UTF_8);
        return reader.read(spec);
    }

    private List<SpecError> errors(String json) throws IOException {
        SpecValidationException e = assertThrows(SpecValidationException.class, () -> read(json));
        for (SpecError error : e.errors()) {
            assertEquals("jobs/spec.json", error.file(), "every error names the file");
        }
        return e.errors();
    }

    private static String valid(String extra) {
        return """
                {"id": "job-1", "title": "T", "brief": "B",
                 "deliverables": [{"format": "docx"}],
                 "sources": [{"path": "../sources/notes.md"}]%s}""".formatted(extra);
    }

    @Test
    void validSpecGetsDefaultsAndResolvedPaths() throws Exception {
        ParsedSpec parsed = read(valid(", \"priority\": \"high\", \"data\": [{\"path\": \"../sources/data.csv\"}]"));
        JobSpec spec = parsed.spec();
        assertEquals("job-1", spec.id());
        assertEquals(OutputFormat.DOCX, spec.deliverables().getFirst().format());
        assertEquals("report", spec.deliverables().getFirst().skill(), "default skill by format");
        assertEquals("job-1.docx", spec.deliverables().getFirst().fileName(), "default name is the id");
        assertEquals(bucket.toRealPath().resolve("sources/notes.md").toString(), spec.sources().getFirst().path());
        assertEquals("data", spec.data().getFirst().name());
        assertEquals(Priority.HIGH, spec.priority());
        assertEquals("en", spec.constraints().language());
        assertEquals(64, parsed.specHash().length());
    }

    @Test
    void hashCoversReferencedFiles() throws Exception {
        String before = read(valid("")).specHash();
        Files.writeString(bucket.resolve("sources/notes.md"), "# Notes\n\nChanged text.\n");
        assertTrue(!before.equals(read(valid("")).specHash()), "a changed source changes the hash");
    }

    @Test
    void malformedJsonSaysWhere() throws IOException {
        SpecError error = errors("{\"id\": \"x\",, }").getFirst();
        assertEquals("$", error.path());
        assertEquals("well-formed JSON", error.expected());
        assertTrue(error.found().contains("line 1"), error.found());
    }

    @Test
    void rootMustBeAnObject() throws IOException {
        SpecError error = errors("[1, 2]").getFirst();
        assertEquals("an object", error.expected());
        assertTrue(error.found().startsWith("array"));
    }

    @Test
    void missingRequiredFields() throws IOException {
        List<SpecError> errors = errors("{\"id\": \"a\"}");
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("$.title") && e.found().contains("required")));
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("$.brief")));
        assertTrue(errors.stream().anyMatch(e -> e.path().equals("$.deliverables")));
    }

    @Test
    void wrongTypeNamesExpectedAndFound() throws IOException {
        SpecError error = errors(valid(", \"audience\": 42")).getFirst();
        assertEquals("$.audience", error.path());
        assertEquals("a string", error.expected());
        assertEquals("number 42", error.found());
    }

    @Test
    void unknownFieldsAreErrorsSoTyposAreCaught() throws IOException {
        SpecError error = errors(valid(", \"deliverable\": []")).getFirst();
        assertEquals("$.deliverable", error.path());
        assertTrue(error.found().contains("unknown field 'deliverable'"));
        SpecError nested = errors(valid(", \"constraints\": {\"slide\": 3}")).getFirst();
        assertEquals("$.constraints.slide", nested.path());
    }

    @Test
    void badEnumValues() throws IOException {
        SpecError format = errors(valid("").replace("\"docx\"", "\"odt\"")).getFirst();
        assertEquals("$.deliverables[0].format", format.path());
        assertEquals("'odt'", format.found());
        SpecError priority = errors(valid(", \"priority\": \"asap\"")).getFirst();
        assertEquals("one of low, normal, high, urgent", priority.expected());
    }

    @Test
    void idMustBeAFolderSafeName() throws IOException {
        SpecError error = errors(valid("").replace("\"job-1\"", "\"../evil\"")).getFirst();
        assertEquals("$.id", error.path());
    }

    @Test
    void numbersOutOfRange() throws IOException {
        SpecError error = errors(valid(", \"constraints\": {\"slides\": 0}")).getFirst();
        assertEquals("$.constraints.slides", error.path());
        assertEquals("0", error.found());
    }

    @Test
    void pathsMayNotLeaveTheBucket() throws IOException {
        SpecError dotDot = errors(valid("").replace("../sources/notes.md", "../../outside.md")).getFirst();
        assertEquals("$.sources[0].path", dotDot.path());
        assertTrue(dotDot.found().contains("leaves it"), dotDot.found());
        SpecError absolute = errors(valid("").replace("../sources/notes.md",
                temp.resolve("outside.md").toString())).getFirst();
        assertTrue(absolute.found().contains("leaves it"), absolute.found());
    }

    @Test
    void symlinksOutOfTheBucketAreRefused() throws IOException {
        Files.createSymbolicLink(bucket.resolve("sources/link.md"), temp.resolve("outside.md"));
        SpecError error = errors(valid("").replace("notes.md", "link.md")).getFirst();
        assertTrue(error.found().contains("a link to"), error.found());
    }

    @Test
    void missingFilesAndWrongExtensions() throws IOException {
        assertTrue(errors(valid("").replace("notes.md", "nope.md")).getFirst().found().contains("does not exist"));
        SpecError extension = errors(valid(", \"data\": [{\"path\": \"../sources/notes.md\"}]")).getFirst();
        assertEquals("$.data[0].path", extension.path());
        assertEquals("a file ending in .csv, .xlsx", extension.expected());
    }

    @Test
    void sourceNeedsExactlyOneOfPathOrText() throws IOException {
        SpecError error = errors(valid("").replace("{\"path\": \"../sources/notes.md\"}",
                "{\"path\": \"../sources/notes.md\", \"text\": \"x\"}")).getFirst();
        assertEquals("exactly one of 'path' or 'text'", error.expected());
        assertEquals("both", error.found());
    }

    @Test
    void twoDeliverablesMayNotShareAFile() throws IOException {
        SpecError error = errors(valid("").replace("[{\"format\": \"docx\"}]",
                "[{\"format\": \"docx\"}, {\"format\": \"docx\"}]")).getFirst();
        assertEquals("$.deliverables[1]", error.path());
    }

    @Test
    void allErrorsAreReportedTogether() throws IOException {
        assertTrue(errors("{\"id\": 1, \"title\": 2, \"brief\": 3, \"deliverables\": []}").size() >= 4);
    }

    @Test
    void controlCharactersAreRefusedWithTheirPosition() throws IOException {
        SpecError title = errors(valid("").replace("\"title\": \"T\"", "\"title\": \"Sales\\u0007 Q3\"")).getFirst();
        assertEquals("$.title", title.path());
        assertEquals("control character U+0007 at position 6", title.found());
        SpecError c1 = errors(valid(", \"audience\": \"Board\\u0085\"")).getFirst();
        assertEquals("$.audience", c1.path());
        assertEquals("control character U+0085 at position 6", c1.found());
        SpecError brief = errors(valid("").replace("\"brief\": \"B\"", "\"brief\": \"line\\nline\\u001b\"")).getFirst();
        assertEquals("$.brief", brief.path());
        assertTrue(brief.found().contains("U+001B"), brief.found());
        SpecError section = errors(valid(", \"constraints\": {\"sections\": [\"Intro\", \"Ri\\tsks\"]}")).getFirst();
        assertEquals("$.constraints.sections[1]", section.path());
        assertEquals("control character U+0009 at position 3", section.found());
        SpecError sourceTitle = errors(valid("").replace("\"path\": \"../sources/notes.md\"",
                "\"path\": \"../sources/notes.md\", \"title\": \"a\\nb\"")).getFirst();
        assertEquals("$.sources[0].title", sourceTitle.path());
        SpecError surrogate = errors(valid("").replace("\"title\": \"T\"", "\"title\": \"T\\ud800\"")).getFirst();
        assertTrue(surrogate.found().startsWith("unpaired surrogate U+D800"), surrogate.found());
    }

    @Test
    void multiLineFieldsKeepTabsAndLineBreaks() throws Exception {
        JobSpec spec = read(valid("").replace("\"brief\": \"B\"", "\"brief\": \"a\\tb\\r\\nc \\ud83d\\ude00\"")).spec();
        assertEquals("a\tb\r\nc \ud83d\ude00", spec.brief());
    }

    @Test
    void sectionHeadingsAndCountsStayWithinThePlanLimits() throws IOException {
        SpecError longHeading = errors(valid(", \"constraints\": {\"sections\": [\"" + "S".repeat(500) + "\"]}"))
                .getFirst();
        assertEquals("$.constraints.sections[0]", longHeading.path());
        assertEquals("a heading of at most 200 characters", longHeading.expected());
        assertEquals("500 characters", longHeading.found());
        String many = String.join(",", java.util.Collections.nCopies(101, "\"S\""));
        SpecError tooMany = errors(valid(", \"constraints\": {\"sections\": [" + many + "]}")).getFirst();
        assertEquals("$.constraints.sections", tooMany.path());
        assertEquals("at most 100 items", tooMany.expected());
        String deliverables = String.join(",", java.util.stream.IntStream.range(0, 101)
                .mapToObj(i -> "{\"format\": \"docx\", \"name\": \"d" + i + "\"}").toList());
        SpecError tooManyDeliverables = errors(valid("").replace("[{\"format\": \"docx\"}]", "[" + deliverables + "]"))
                .getFirst();
        assertEquals("$.deliverables", tooManyDeliverables.path());
    }

    @Test
    void upperCaseFormatIsRefusedWithTheSpellingToUse() throws IOException {
        SpecError error = errors(valid("").replace("\"docx\"", "\"DOCX\"")).getFirst();
        assertEquals("$.deliverables[0].format", error.path());
        assertEquals("'DOCX' (write 'docx')", error.found());
    }

    @Test
    void inlineTextHasALimit() throws IOException {
        SpecError error = errors(valid("").replace("{\"path\": \"../sources/notes.md\"}",
                "{\"text\": \"" + "x".repeat(JobSpecReader.MAX_INLINE_TEXT_CHARS + 1) + "\"}")).getFirst();
        assertEquals("$.sources[0].text", error.path());
        assertEquals("at most 100000 characters", error.expected());
    }

    @Test
    void aSpecThatLinksOutOfTheJobsFolderIsNotRead() throws IOException {
        Files.writeString(temp.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Path link = Files.createSymbolicLink(bucket.resolve("jobs/leak.json"), temp.resolve("passwd"));
        SpecValidationException e = assertThrows(SpecValidationException.class, () -> reader.read(link));
        SpecError error = e.errors().getFirst();
        assertEquals("jobs/leak.json", error.file(), "named by where it sits in the bucket");
        assertEquals("$", error.path());
        assertTrue(error.found().contains("outside the bucket's jobs/ folder"), error.found());
        assertTrue(!e.getMessage().contains("root") && !e.getMessage().contains(temp.toString()), e.getMessage());
        Path inBucket = Files.createSymbolicLink(bucket.resolve("jobs/other.json"), bucket.resolve("sources/notes.md"));
        assertThrows(SpecValidationException.class, () -> reader.read(inBucket), "jobs/ only, not the whole bucket");
    }

    @Test
    void aLinkInsideTheJobsFolderIsRead() throws Exception {
        Path real = bucket.resolve("jobs/real.json");
        Files.writeString(real, valid(""));
        Path link = Files.createSymbolicLink(bucket.resolve("jobs/alias.json"), real);
        assertEquals("job-1", reader.read(link).spec().id());
    }
}
