package io.docswarm.skills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The published skill.json schema ({@code docs/skill.schema.json}) and a validator for the subset of JSON
 * Schema it uses ($ref, type, enum, pattern, minimum/maximum, required, additionalProperties, items,
 * propertyNames), so tests can check real manifests against it without another dependency.
 */
final class SkillSchema {

    static final Path FILE = Path.of("..", "docs", "skill.schema.json");

    private final JsonNode root;

    SkillSchema() {
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode definition(String name) {
        JsonNode def = root.get("$defs").get(name);
        if (def == null) {
            throw new AssertionError("schema has no $defs/" + name);
        }
        return def;
    }

    /** Every violation of the schema by {@code document}, each as "path: problem"; empty when valid. */
    List<String> validate(JsonNode document) {
        List<String> problems = new ArrayList<>();
        check(root, document, "$", problems);
        return problems;
    }

    private JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            schema = definition(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return schema;
    }

    private void check(JsonNode schema, JsonNode value, String path, List<String> problems) {
        schema = resolve(schema);
        if (schema.has("enum")) {
            boolean found = false;
            for (JsonNode allowed : schema.get("enum")) {
                found |= allowed.equals(value);
            }
            if (!found) {
                problems.add(path + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> checkObject(schema, value, path, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected an array");
                    return;
                }
                if (value.size() < schema.path("minItems").asInt(0)) {
                    problems.add(path + ": too few items");
                }
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string, was " + value);
                } else if (schema.has("pattern") && !value.asText().matches(schema.get("pattern").asText())) {
                    problems.add(path + ": '" + value.asText() + "' does not match " + schema.get("pattern"));
                }
            }
            case "integer", "number" -> {
                if (!value.isNumber() || ("integer".equals(type) && !value.isIntegralNumber()
                        && value.decimalValue().stripTrailingZeros().scale() > 0)) {
                    problems.add(path + ": expected " + type + ", was " + value);
                    return;
                }
                BigDecimal number = value.decimalValue();
                if (schema.has("minimum") && number.compareTo(schema.get("minimum").decimalValue()) < 0
                        || schema.has("exclusiveMinimum")
                        && number.compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0
                        || schema.has("maximum") && number.compareTo(schema.get("maximum").decimalValue()) > 0) {
                    problems.add(path + ": " + value + " is out of range");
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean");
                }
            }
            default -> {
            }
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + ": expected an object");
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(path + ": missing " + required.asText());
            }
        }
        JsonNode properties = schema.get("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            var field = it.next();
            String at = path + "." + field.getKey();
            if (schema.has("propertyNames")) {
                check(schema.get("propertyNames"), new com.fasterxml.jackson.databind.node.TextNode(field.getKey()),
                        at + " (name)", problems);
            }
            if (properties != null && properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), at, problems);
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), at, problems);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                problems.add(at + ": not allowed by the schema");
            }
        }
    }
}
