package io.docswarm.engine.grammar;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON Schema (the subset described in {@link JsonSchemaGrammar}) into a {@link Grammar}. Anything
 * outside the subset is an error naming the keyword and its path rather than being silently ignored,
 * since a constraint that is not enforced would produce documents that fail validation later.
 */
final class SchemaCompiler {
    /** Keywords that only annotate and do not constrain values. */
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment",
            "default", "examples", "deprecated", "readOnly", "writeOnly");
    private static final Set<String> OBJECT_KEYWORDS = Set.of("properties", "required", "additionalProperties");
    private static final Set<String> ARRAY_KEYWORDS = Set.of("items", "minItems", "maxItems", "uniqueItems");
    private static final Set<String> STRING_KEYWORDS = Set.of("minLength", "maxLength");
    private static final Set<String> NUMBER_KEYWORDS = Set.of("minimum", "maximum", "exclusiveMinimum",
            "exclusiveMaximum");
    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean",
            "null");
    /** Keywords that exist in JSON Schema but are not supported here, with the reason given to the user. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("pattern", "regular expressions are not supported"),
            Map.entry("format", "string formats are not enforced, so they are refused rather than ignored"),
            Map.entry("$ref", "references are not supported; inline the schema"),
            Map.entry("$defs", "definitions are not supported; inline the schema"),
            Map.entry("definitions", "definitions are not supported; inline the schema"),
            Map.entry("allOf", "allOf is not supported"),
            Map.entry("not", "not is not supported"),
            Map.entry("if", "conditionals are not supported"),
            Map.entry("then", "conditionals are not supported"),
            Map.entry("else", "conditionals are not supported"),
            Map.entry("patternProperties", "patternProperties is not supported"),
            Map.entry("propertyNames", "propertyNames is not supported"),
            Map.entry("minProperties", "minProperties is not supported"),
            Map.entry("maxProperties", "maxProperties is not supported"),
            Map.entry("dependentRequired", "dependentRequired is not supported"),
            Map.entry("dependentSchemas", "dependentSchemas is not supported"),
            Map.entry("prefixItems", "tuples (prefixItems) are not supported"),
            Map.entry("contains", "contains is not supported"),
            Map.entry("multipleOf", "multipleOf is not supported"),
            Map.entry("unevaluatedProperties", "unevaluatedProperties is not supported"),
            Map.entry("unevaluatedItems", "unevaluatedItems is not supported"));

    private SchemaCompiler() {
    }

    static Grammar compile(Object schema) {
        return compile(schema, "$");
    }

    private static Grammar compile(Object node, String path) {
        if (!(node instanceof Map<?, ?> raw)) {
            throw new SchemaException(path, node instanceof Boolean
                    ? "boolean schemas are not supported; write an object schema"
                    : "a schema must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) raw;
        for (String key : schema.keySet()) {
            String why = UNSUPPORTED.get(key);
            if (why != null) {
                throw new SchemaException(path, "unsupported keyword '" + key + "': " + why);
            }
        }
        if (schema.containsKey("const") || schema.containsKey("enum")) {
            return literals(schema, path);
        }
        String choiceKeyword = schema.containsKey("anyOf") ? "anyOf" : schema.containsKey("oneOf") ? "oneOf" : null;
        if (choiceKeyword != null) {
            return choice(schema, choiceKeyword, path);
        }
        List<String> types = types(schema, path);
        checkKeywords(schema, types, Set.of("type"), path);
        if (types.size() == 1) {
            return typed(schema, types.getFirst(), path);
        }
        List<Grammar> branches = new ArrayList<>();
        for (String type : types) {
            branches.add(typed(schema, type, path));
        }
        return merge(branches, path, "type");
    }

    /** The schema's type(s); inferred from properties/items when absent. */
    private static List<String> types(Map<String, Object> schema, String path) {
        Object type = schema.get("type");
        List<String> types = new ArrayList<>();
        if (type == null) {
            if (schema.containsKey("properties")) {
                types.add("object");
            } else if (schema.containsKey("items")) {
                types.add("array");
            } else {
                throw new SchemaException(path, "no 'type' (or enum, const, anyOf): a schema that allows any "
                        + "value is not supported");
            }
        } else if (type instanceof String s) {
            types.add(s);
        } else if (type instanceof List<?> list && !list.isEmpty()) {
            for (Object t : list) {
                if (!(t instanceof String s)) {
                    throw new SchemaException(path + ".type", "type names must be strings");
                }
                types.add(s);
            }
        } else {
            throw new SchemaException(path + ".type", "'type' must be a type name or a non-empty list of them");
        }
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw new SchemaException(path + ".type", "unknown type '" + t + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(types));
    }

    /** Every keyword must be an annotation, an allowed extra, or apply to one of the types. */
    private static void checkKeywords(Map<String, Object> schema, List<String> types, Set<String> extra, String path) {
        for (String key : schema.keySet()) {
            if (ANNOTATIONS.contains(key) || extra.contains(key)) {
                continue;
            }
            boolean applies = false;
            boolean known = false;
            for (String t : List.of("object", "array", "string", "number")) {
                if (keywordsOf(t).contains(key)) {
                    known = true;
                    applies |= types.contains(t) || (t.equals("number") && types.contains("integer"));
                }
            }
            if (!known) {
                throw new SchemaException(path, "unsupported keyword '" + key + "'");
            }
            if (!applies) {
                throw new SchemaException(path, "keyword '" + key + "' does not apply to type " + String.join("|", types));
            }
        }
    }

    private static Set<String> keywordsOf(String type) {
        return switch (type) {
            case "object" -> OBJECT_KEYWORDS;
            case "array" -> ARRAY_KEYWORDS;
            case "string" -> STRING_KEYWORDS;
            default -> NUMBER_KEYWORDS;
        };
    }

    private static Grammar typed(Map<String, Object> schema, String type, String path) {
        return switch (type) {
            case "object" -> object(schema, path);
            case "array" -> array(schema, path);
            case "string" -> string(schema, path);
            case "number", "integer" -> number(schema, type.equals("integer"), path);
            case "boolean" -> new LiteralGrammar(List.of("false", "true"));
            default -> new LiteralGrammar(List.of("null"));
        };
    }

    private static Grammar object(Map<String, Object> schema, String path) {
        Object props = schema.getOrDefault("properties", Map.of());
        if (!(props instanceof Map<?, ?> properties)) {
            throw new SchemaException(path + ".properties", "'properties' must be an object");
        }
        Set<String> required = new LinkedHashSet<>();
        Object req = schema.get("required");
        if (req != null) {
            if (!(req instanceof List<?> list)) {
                throw new SchemaException(path + ".required", "'required' must be a list of property names");
            }
            for (Object name : list) {
                if (!(name instanceof String s)) {
                    throw new SchemaException(path + ".required", "'required' must be a list of property names");
                }
                if (!properties.containsKey(s)) {
                    throw new SchemaException(path + ".required", "required property '" + s
                            + "' is not declared in 'properties' (undeclared properties are never generated)");
                }
                required.add(s);
            }
        }
        Object additional = schema.get("additionalProperties");
        if (additional != null && !(additional instanceof Boolean) && !(additional instanceof Map<?, ?>)) {
            throw new SchemaException(path + ".additionalProperties", "must be a boolean or a schema");
        }
        // additionalProperties is accepted whatever it says: generation writes only declared properties,
        // which every value of additionalProperties allows.
        List<ObjectGrammar.Property> list = new ArrayList<>();
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            String name = (String) e.getKey();
            Grammar value = compile(e.getValue(), path + ".properties." + name);
            list.add(new ObjectGrammar.Property(name, value, required.contains(name)));
        }
        return new ObjectGrammar(list);
    }

    private static Grammar array(Map<String, Object> schema, String path) {
        Object items = schema.get("items");
        if (items == null) {
            throw new SchemaException(path, "an array needs 'items' (arrays of any value are not supported)");
        }
        if (items instanceof List<?>) {
            throw new SchemaException(path + ".items", "tuple 'items' (a list of schemas) is not supported");
        }
        Object unique = schema.get("uniqueItems");
        if (unique != null && !Boolean.FALSE.equals(unique)) {
            throw new SchemaException(path, "unsupported keyword 'uniqueItems': true");
        }
        Grammar item = compile(items, path + ".items");
        int min = count(schema, "minItems", 0, path);
        int max = count(schema, "maxItems", -1, path);
        if (max >= 0 && min > max) {
            throw new SchemaException(path, "minItems " + min + " is above maxItems " + max);
        }
        return new ArrayGrammar(item, min, max);
    }

    private static Grammar string(Map<String, Object> schema, String path) {
        int min = count(schema, "minLength", 0, path);
        int max = count(schema, "maxLength", -1, path);
        if (max >= 0 && min > max) {
            throw new SchemaException(path, "minLength " + min + " is above maxLength " + max);
        }
        return new StringGrammar(min, max);
    }

    private static Grammar number(Map<String, Object> schema, boolean integer, String path) {
        BigDecimal min = decimal(schema, "minimum", path);
        BigDecimal max = decimal(schema, "maximum", path);
        BigDecimal exMin = decimal(schema, "exclusiveMinimum", path);
        BigDecimal exMax = decimal(schema, "exclusiveMaximum", path);
        boolean minExclusive = false;
        boolean maxExclusive = false;
        if (exMin != null && (min == null || exMin.compareTo(min) >= 0)) {
            min = exMin;
            minExclusive = true;
        }
        if (exMax != null && (max == null || exMax.compareTo(max) <= 0)) {
            max = exMax;
            maxExclusive = true;
        }
        if (integer) {
            // integer bounds become inclusive integers
            if (min != null) {
                min = minExclusive ? NumberGrammar.floorToInteger(min).add(BigDecimal.ONE) : NumberGrammar.ceilToInteger(min);
                minExclusive = false;
            }
            if (max != null) {
                max = maxExclusive ? NumberGrammar.ceilToInteger(max).subtract(BigDecimal.ONE) : NumberGrammar.floorToInteger(max);
                maxExclusive = false;
            }
        }
        if (min != null && max != null) {
            int c = min.compareTo(max);
            if (c > 0 || (c == 0 && (minExclusive || maxExclusive))) {
                throw new SchemaException(path, "no " + (integer ? "integer" : "number") + " lies within the bounds");
            }
        }
        return new NumberGrammar(integer, min, minExclusive, max, maxExclusive);
    }

    private static int count(Map<String, Object> schema, String keyword, int absent, String path) {
        Object v = schema.get(keyword);
        if (v == null) {
            return absent;
        }
        if (!(v instanceof BigDecimal d) || d.signum() < 0 || d.stripTrailingZeros().scale() > 0
                || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new SchemaException(path + "." + keyword, "'" + keyword + "' must be a non-negative integer");
        }
        return d.intValueExact();
    }

    private static BigDecimal decimal(Map<String, Object> schema, String keyword, String path) {
        Object v = schema.get(keyword);
        if (v == null) {
            return null;
        }
        if (!(v instanceof BigDecimal d)) {
            throw new SchemaException(path + "." + keyword, "'" + keyword + "' must be a number"
                    + (v instanceof Boolean ? " (the draft-4 boolean form is not supported)" : ""));
        }
        return d;
    }

    /** {@code enum} / {@code const}: the values written compactly, checked against a declared type. */
    private static Grammar literals(Map<String, Object> schema, String path) {
        if (schema.containsKey("enum") && schema.containsKey("const")) {
            throw new SchemaException(path, "both 'enum' and 'const': use one");
        }
        List<Object> values;
        if (schema.containsKey("const")) {
            values = new ArrayList<>();
            values.add(schema.get("const"));
        } else if (schema.get("enum") instanceof List<?> list && !list.isEmpty()) {
            values = new ArrayList<>(list);
        } else {
            throw new SchemaException(path + ".enum", "'enum' must be a non-empty list");
        }
        List<String> types = schema.containsKey("type") ? types(schema, path) : List.of();
        for (String key : schema.keySet()) {
            if (!ANNOTATIONS.contains(key) && !Set.of("enum", "const", "type").contains(key)) {
                throw new SchemaException(path, "keyword '" + key + "' beside enum/const is not supported");
            }
        }
        List<String> texts = new ArrayList<>();
        for (Object v : values) {
            if (!types.isEmpty() && !types.contains(typeOf(v))
                    && !(typeOf(v).equals("integer") && types.contains("number"))) {
                throw new SchemaException(path, "value " + Json.write(v) + " is not of type " + String.join("|", types));
            }
            texts.add(Json.write(v));
        }
        return new LiteralGrammar(texts);
    }

    private static String typeOf(Object v) {
        return switch (v) {
            case null -> "null";
            case Boolean b -> "boolean";
            case BigDecimal d -> d.signum() == 0 || d.stripTrailingZeros().scale() <= 0 ? "integer" : "number";
            case String s -> "string";
            case List<?> l -> "array";
            default -> "object";
        };
    }

    private static Grammar choice(Map<String, Object> schema, String keyword, String path) {
        if (schema.containsKey("anyOf") && schema.containsKey("oneOf")) {
            throw new SchemaException(path, "both 'anyOf' and 'oneOf' are not supported together");
        }
        for (String key : schema.keySet()) {
            if (!ANNOTATIONS.contains(key) && !key.equals(keyword)) {
                throw new SchemaException(path, "keyword '" + key + "' beside " + keyword
                        + " is not supported (move it into the branches)");
            }
        }
        if (!(schema.get(keyword) instanceof List<?> list) || list.isEmpty()) {
            throw new SchemaException(path + "." + keyword, "'" + keyword + "' must be a non-empty list of schemas");
        }
        List<Grammar> branches = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            branches.add(compile(list.get(i), path + "." + keyword + "[" + i + "]"));
        }
        if (keyword.equals("oneOf")) {
            checkLiteralsDisjoint(branches, path);
        }
        return merge(branches, path, keyword);
    }

    private static void checkLiteralsDisjoint(List<Grammar> branches, String path) {
        Set<String> seen = new LinkedHashSet<>();
        for (Grammar g : branches) {
            if (g instanceof LiteralGrammar lit) {
                for (String t : lit.texts()) {
                    if (!seen.add(t)) {
                        throw new SchemaException(path + ".oneOf", "value " + t + " matches two branches");
                    }
                }
            }
        }
    }

    /** Alternatives: literal branches become one literal set; the rest must start differently. */
    private static Grammar merge(List<Grammar> branches, String path, String keyword) {
        List<String> literals = new ArrayList<>();
        List<Grammar> others = new ArrayList<>();
        for (Grammar g : branches) {
            if (g instanceof LiteralGrammar lit) {
                literals.addAll(lit.texts());
            } else {
                others.add(g);
            }
        }
        if (!literals.isEmpty()) {
            others.add(new LiteralGrammar(literals));
        }
        if (others.size() == 1) {
            return others.getFirst();
        }
        try {
            return new ChoiceGrammar(others);
        } catch (IllegalArgumentException e) {
            throw new SchemaException(path, "unsupported '" + keyword + "': " + e.getMessage());
        }
    }
}
