package io.docswarm.engine.grammar;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * An independent check of a parsed JSON value against a schema of the supported subset, written
 * directly from the JSON Schema rules (it shares no code with the compiler or the automaton). Stricter in
 * one way: undeclared properties are refused, since generation never writes any.
 */
final class SchemaValidator {
    private SchemaValidator() {
    }

    /** Returns null if valid, else a description of the first violation. */
    @SuppressWarnings("unchecked")
    static String check(Object value, Object schemaNode, String path) {
        Map<String, Object> schema = (Map<String, Object>) schemaNode;
        if (schema.containsKey("const")) {
            return jsonEquals(value, schema.get("const")) ? null : path + ": not the const";
        }
        if (schema.containsKey("enum")) {
            for (Object option : (List<Object>) schema.get("enum")) {
                if (jsonEquals(value, option)) {
                    return null;
                }
            }
            return path + ": " + Json.write(value) + " not in the enum";
        }
        for (String keyword : List.of("anyOf", "oneOf")) {
            if (schema.containsKey(keyword)) {
                int matches = 0;
                for (Object branch : (List<Object>) schema.get(keyword)) {
                    if (check(value, branch, path) == null) {
                        matches++;
                    }
                }
                boolean ok = keyword.equals("anyOf") ? matches > 0 : matches == 1;
                return ok ? null : path + ": " + matches + " branches of " + keyword + " match";
            }
        }
        Object type = schema.get("type");
        if (type == null) {
            type = schema.containsKey("properties") ? "object" : "array";
        }
        List<Object> types = type instanceof List<?> l ? (List<Object>) l : List.of(type);
        String firstError = null;
        for (Object t : types) {
            String error = checkTyped(value, (String) t, schema, path);
            if (error == null) {
                return null;
            }
            firstError = firstError == null ? error : firstError;
        }
        return firstError;
    }

    @SuppressWarnings("unchecked")
    private static String checkTyped(Object value, String type, Map<String, Object> schema, String path) {
        switch (type) {
            case "null" -> {
                return value == null ? null : path + ": not null";
            }
            case "boolean" -> {
                return value instanceof Boolean ? null : path + ": not a boolean";
            }
            case "string" -> {
                if (!(value instanceof String s)) {
                    return path + ": not a string";
                }
                int length = s.codePointCount(0, s.length());
                if (schema.get("minLength") instanceof BigDecimal min && length < min.intValue()) {
                    return path + ": shorter than minLength";
                }
                if (schema.get("maxLength") instanceof BigDecimal max && length > max.intValue()) {
                    return path + ": longer than maxLength (" + length + ")";
                }
                for (int i = 0; i < s.length(); i++) {
                    if (Character.isSurrogate(s.charAt(i)) && !(Character.isHighSurrogate(s.charAt(i))
                            && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(++i)))) {
                        return path + ": lone surrogate";
                    }
                }
                return null;
            }
            case "number", "integer" -> {
                if (!(value instanceof BigDecimal d)) {
                    return path + ": not a number";
                }
                if (type.equals("integer") && d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                    return path + ": not an integer";
                }
                if (schema.get("minimum") instanceof BigDecimal m && d.compareTo(m) < 0) {
                    return path + ": below minimum";
                }
                if (schema.get("maximum") instanceof BigDecimal m && d.compareTo(m) > 0) {
                    return path + ": above maximum";
                }
                if (schema.get("exclusiveMinimum") instanceof BigDecimal m && d.compareTo(m) <= 0) {
                    return path + ": not above exclusiveMinimum";
                }
                if (schema.get("exclusiveMaximum") instanceof BigDecimal m && d.compareTo(m) >= 0) {
                    return path + ": not below exclusiveMaximum";
                }
                return null;
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    return path + ": not an array";
                }
                if (schema.get("minItems") instanceof BigDecimal min && list.size() < min.intValue()) {
                    return path + ": fewer than minItems";
                }
                if (schema.get("maxItems") instanceof BigDecimal max && list.size() > max.intValue()) {
                    return path + ": more than maxItems";
                }
                for (int i = 0; i < list.size(); i++) {
                    String error = check(list.get(i), schema.get("items"), path + "[" + i + "]");
                    if (error != null) {
                        return error;
                    }
                }
                return null;
            }
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    return path + ": not an object";
                }
                Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!map.containsKey(name)) {
                        return path + ": required property " + name + " missing";
                    }
                }
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Object propertySchema = properties.get(e.getKey());
                    if (propertySchema == null) {
                        return path + ": undeclared property " + e.getKey();
                    }
                    String error = check(e.getValue(), propertySchema, path + "." + e.getKey());
                    if (error != null) {
                        return error;
                    }
                }
                return null;
            }
            default -> throw new IllegalArgumentException("unknown type " + type);
        }
    }

    private static boolean jsonEquals(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!jsonEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Object k : x.keySet()) {
                if (!jsonEquals(x.get(k), y.get(k))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
