package io.docswarm.pipeline.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The published schema and the reader must describe the same spec: same fields, same enumerations. */
class JobSpecSchemaTest {

    private static JsonNode schema() throws IOException {
        Path file = Path.of("..", "docs", "job-spec.schema.json");
        return new ObjectMapper().readTree(Files.readAllBytes(file));
    }

    private static Set<String> properties(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.get("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> enumeration(JsonNode node) {
        List<String> values = new ArrayList<>();
        node.get("enum").forEach(v -> values.add(v.asText()));
        return values;
    }

    @Test
    void schemaFieldsMatchTheReader() throws IOException {
        JsonNode schema = schema();
        JsonNode properties = schema.get("properties");
        assertEquals(new TreeSet<>(JobSpecReader.ROOT_FIELDS), properties(schema));
        assertEquals(new TreeSet<>(JobSpecReader.DELIVERABLE_FIELDS),
                properties(properties.get("deliverables").get("items")));
        assertEquals(new TreeSet<>(JobSpecReader.SOURCE_FIELDS), properties(properties.get("sources").get("items")));
        assertEquals(new TreeSet<>(JobSpecReader.DATA_FIELDS), properties(properties.get("data").get("items")));
        assertEquals(new TreeSet<>(JobSpecReader.CONSTRAINT_FIELDS), properties(properties.get("constraints")));
    }

    @Test
    void schemaEnumerationsMatchTheReader() throws IOException {
        JsonNode properties = schema().get("properties");
        assertEquals(List.of("docx", "pptx", "xlsx", "pdf"),
                enumeration(properties.get("deliverables").get("items").get("properties").get("format")));
        assertEquals(List.of("low", "normal", "high", "urgent"), enumeration(properties.get("priority")));
        assertEquals(JobSpecReader.TONES, enumeration(properties.get("constraints").get("properties").get("tone")));
    }

    @Test
    void schemaLimitsMatchTheReader() throws IOException {
        JsonNode properties = schema().get("properties");
        JsonNode sections = properties.get("constraints").get("properties").get("sections");
        assertEquals(JobSpecReader.MAX_SECTIONS, sections.get("maxItems").asInt());
        assertEquals(JobSpecReader.MAX_HEADING_CHARS, sections.get("items").get("maxLength").asInt());
        assertEquals(JobSpecReader.MAX_DELIVERABLES, properties.get("deliverables").get("maxItems").asInt());
        assertEquals(JobSpecReader.MAX_INLINE_TEXT_CHARS,
                properties.get("sources").get("items").get("properties").get("text").get("maxLength").asInt());
        java.util.regex.Pattern singleLine = java.util.regex.Pattern.compile(properties.get("title").get("pattern")
                .asText());
        assertEquals(false, singleLine.matcher("a\u0007b").matches());
        assertEquals(false, singleLine.matcher("a\tb").matches());
        assertEquals(true, singleLine.matcher("Sales by région").matches());
        java.util.regex.Pattern multiLine = java.util.regex.Pattern.compile(properties.get("brief").get("pattern")
                .asText());
        assertEquals(true, multiLine.matcher("a\tb\r\nc").matches());
        assertEquals(false, multiLine.matcher("a\u0085").matches());
    }
}
