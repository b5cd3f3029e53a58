package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Filters, tests and methods of the supported Jinja subset. Errors are IllegalArgumentExceptions; the renderer adds the position. */
final class Builtins {
    private Builtins() {
    }

    static Object filter(String name, Object v, List<Object> args, Map<String, Object> kwargs) {
        return switch (name) {
            case "trim" -> strip(Values.str(v), args.isEmpty() ? null : Values.str(args.getFirst()), true, true);
            case "length", "count" -> length(v);
            case "tojson" -> {
                Object indent = kwargs.containsKey("indent") ? kwargs.get("indent") : args.isEmpty() ? null : args.getFirst();
                yield new JsonWriter(indent instanceof Long l ? Integer.valueOf((int) (long) l) : null,
                        Values.truthy(kwargs.get("sort_keys"))).write(v);
            }
            case "default", "d" -> {
                Object fallback = args.isEmpty() ? "" : args.getFirst();
                boolean boolMode = args.size() > 1 && Values.truthy(args.get(1)) || Values.truthy(kwargs.get("boolean"));
                yield v == Values.UNDEFINED || (boolMode && !Values.truthy(v)) ? fallback : v;
            }
            case "upper" -> Values.str(v).toUpperCase(Locale.ROOT);
            case "lower" -> Values.str(v).toLowerCase(Locale.ROOT);
            case "capitalize" -> capitalize(Values.str(v));
            case "title" -> title(Values.str(v));
            case "replace" -> Values.str(v).replace(Values.str(args.get(0)), Values.str(args.get(1)));
            case "string" -> Values.str(v);
            case "safe", "escape", "e" -> v;
            case "int" -> toInt(v);
            case "float" -> v instanceof Long l ? (double) l : v instanceof Double ? v : Double.parseDouble(Values.str(v).strip());
            case "abs" -> v instanceof Long l ? Math.abs(l) : Math.abs((Double) v);
            case "first" -> {
                List<Object> items = Values.iterate(v);
                yield items.isEmpty() ? Values.UNDEFINED : items.getFirst();
            }
            case "last" -> {
                List<Object> items = Values.iterate(v);
                yield items.isEmpty() ? Values.UNDEFINED : items.getLast();
            }
            case "list" -> Values.iterate(v);
            case "reverse" -> v instanceof String s ? new StringBuilder(s).reverse().toString() : Values.iterate(v).reversed();
            case "join" -> {
                List<String> parts = new ArrayList<>();
                String attribute = kwargs.get("attribute") instanceof String a ? a : null;
                for (Object item : Values.iterate(v)) {
                    parts.add(Values.str(attribute == null ? item : attribute(item, attribute)));
                }
                yield String.join(args.isEmpty() ? "" : Values.str(args.getFirst()), parts);
            }
            case "items" -> items(v);
            case "selectattr", "rejectattr" -> {
                boolean select = name.equals("selectattr");
                String attribute = Values.str(args.getFirst());
                List<Object> out = new ArrayList<>();
                for (Object item : Values.iterate(v)) {
                    Object value = attribute(item, attribute);
                    boolean pass = args.size() < 2 ? Values.truthy(value)
                            : test(Values.str(args.get(1)), value, args.subList(2, args.size()));
                    if (pass == select) {
                        out.add(item);
                    }
                }
                yield out;
            }
            case "map" -> {
                if (!(kwargs.get("attribute") instanceof String attribute)) {
                    throw new IllegalArgumentException("the map filter is supported only as map(attribute='...')");
                }
                List<Object> out = new ArrayList<>();
                for (Object item : Values.iterate(v)) {
                    out.add(attribute(item, attribute));
                }
                yield out;
            }
            case "unique" -> {
                List<Object> out = new ArrayList<>();
                for (Object item : Values.iterate(v)) {
                    if (out.stream().noneMatch(o -> Values.equal(o, item))) {
                        out.add(item);
                    }
                }
                yield out;
            }
            case "indent" -> {
                int width = args.isEmpty() ? 4 : (int) (long) (Long) args.getFirst();
                String pad = " ".repeat(width);
                yield Values.str(v).replace("\n", "\n" + pad);
            }
            default -> throw new IllegalArgumentException("unsupported filter '" + name + "'");
        };
    }

    static boolean test(String name, Object v, List<Object> args) {
        return switch (name) {
            case "defined" -> v != Values.UNDEFINED;
            case "undefined" -> v == Values.UNDEFINED;
            case "none" -> v == null;
            case "string" -> v instanceof String;
            case "number" -> v instanceof Long || v instanceof Double;
            case "integer" -> v instanceof Long;
            case "float" -> v instanceof Double;
            case "boolean" -> v instanceof Boolean;
            case "true" -> Boolean.TRUE.equals(v);
            case "false" -> Boolean.FALSE.equals(v);
            case "mapping" -> v instanceof Map;
            case "sequence", "iterable" -> v instanceof List || v instanceof String || v instanceof Map;
            case "callable" -> v instanceof Values.Callable;
            case "odd" -> v instanceof Long l && l % 2 != 0;
            case "even" -> v instanceof Long l && l % 2 == 0;
            case "divisibleby" -> v instanceof Long l && l % (Long) args.getFirst() == 0;
            case "equalto", "eq", "==" -> Values.equal(v, args.getFirst());
            case "ne", "!=" -> !Values.equal(v, args.getFirst());
            case "in" -> contains(args.getFirst(), v);
            case "lower" -> v instanceof String s && s.equals(s.toLowerCase(Locale.ROOT));
            case "upper" -> v instanceof String s && s.equals(s.toUpperCase(Locale.ROOT));
            default -> throw new IllegalArgumentException("unsupported test '" + name + "'");
        };
    }

    /** {@code obj.name}: a dict key, a namespace attribute, a list index, or undefined. */
    static Object attribute(Object target, String name) {
        if (target instanceof Map<?, ?> map) {
            return map.containsKey(name) ? map.get(name) : Values.UNDEFINED;
        }
        if (target instanceof Values.Namespace ns) {
            return ns.attributes.containsKey(name) ? ns.attributes.get(name) : Values.UNDEFINED;
        }
        if (target instanceof List<?> list && name.chars().allMatch(Character::isDigit)) {
            int i = Integer.parseInt(name);
            return i < list.size() ? list.get(i) : Values.UNDEFINED;
        }
        return Values.UNDEFINED;
    }

    /** {@code obj[index]}: negative list/string indexes count from the end, as in Python. */
    static Object item(Object target, Object index) {
        if (target instanceof List<?> list && index instanceof Long l) {
            long i = l < 0 ? list.size() + l : l;
            return i >= 0 && i < list.size() ? list.get((int) i) : Values.UNDEFINED;
        }
        if (target instanceof String s && index instanceof Long l) {
            int[] cps = s.codePoints().toArray();
            long i = l < 0 ? cps.length + l : l;
            return i >= 0 && i < cps.length ? new String(cps, (int) i, 1) : Values.UNDEFINED;
        }
        if (index instanceof String name) {
            return attribute(target, name);
        }
        return Values.UNDEFINED;
    }

    static Object slice(Object target, Long start, Long stop, Long step) {
        long st = step == null ? 1 : step;
        if (st == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        List<Object> items;
        boolean isString = target instanceof String;
        if (target instanceof String s) {
            items = Values.iterate(s);
        } else if (target instanceof List<?> list) {
            items = new ArrayList<>(list);
        } else {
            throw new IllegalArgumentException("cannot slice a " + Values.typeName(target));
        }
        int n = items.size();
        long from;
        long to;
        if (st > 0) {
            from = start == null ? 0 : clamp(start < 0 ? start + n : start, 0, n);
            to = stop == null ? n : clamp(stop < 0 ? stop + n : stop, 0, n);
        } else {
            from = start == null ? n - 1 : clamp(start < 0 ? start + n : start, -1, n - 1);
            to = stop == null ? -1 : clamp(stop < 0 ? stop + n : stop, -1, n - 1);
        }
        List<Object> out = new ArrayList<>();
        for (long i = from; st > 0 ? i < to : i > to; i += st) {
            out.add(items.get((int) i));
        }
        if (isString) {
            StringBuilder sb = new StringBuilder();
            out.forEach(sb::append);
            return sb.toString();
        }
        return out;
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** Methods of strings, dicts and lists ({@code "a".startswith("b")}, {@code d.get("k")}). */
    static Object method(Object target, String name, List<Object> args, Map<String, Object> kwargs) {
        if (target instanceof String s) {
            return switch (name) {
                case "startswith" -> startsOrEnds(s, args.getFirst(), true);
                case "endswith" -> startsOrEnds(s, args.getFirst(), false);
                case "strip" -> strip(s, arg(args, 0), true, true);
                case "lstrip" -> strip(s, arg(args, 0), true, false);
                case "rstrip" -> strip(s, arg(args, 0), false, true);
                case "split" -> split(s, arg(args, 0), args.size() > 1 ? (Long) args.get(1) : -1);
                case "replace" -> s.replace(Values.str(args.get(0)), Values.str(args.get(1)));
                case "upper" -> s.toUpperCase(Locale.ROOT);
                case "lower" -> s.toLowerCase(Locale.ROOT);
                case "title" -> title(s);
                case "capitalize" -> capitalize(s);
                case "find" -> (long) s.indexOf(Values.str(args.getFirst()));
                case "count" -> (long) count(s, Values.str(args.getFirst()));
                case "join" -> {
                    List<String> parts = new ArrayList<>();
                    Values.iterate(args.getFirst()).forEach(item -> parts.add(Values.str(item)));
                    yield String.join(s, parts);
                }
                case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
                case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
                default -> throw new IllegalArgumentException("unsupported string method '" + name + "'");
            };
        }
        if (target instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<Object, Object> m = (Map<Object, Object>) map;
            return switch (name) {
                case "get" -> m.containsKey(args.getFirst()) ? m.get(args.getFirst()) : args.size() > 1 ? args.get(1) : null;
                case "items" -> items(m);
                case "keys" -> new ArrayList<>(m.keySet());
                case "values" -> new ArrayList<>(m.values());
                default -> throw new IllegalArgumentException("unsupported dict method '" + name + "'");
            };
        }
        if (target instanceof List<?> list) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) list;
            if (name.equals("append")) {
                l.add(args.getFirst());
                return null;
            }
            if (name.equals("index")) {
                for (int i = 0; i < l.size(); i++) {
                    if (Values.equal(l.get(i), args.getFirst())) {
                        return (long) i;
                    }
                }
                throw new IllegalArgumentException("value is not in the list");
            }
            throw new IllegalArgumentException("unsupported list method '" + name + "'");
        }
        throw new IllegalArgumentException("a " + Values.typeName(target) + " has no method '" + name + "'");
    }

    /** Whether a method of this name exists for the value, so {@code x.name(...)} is a method call. */
    static boolean hasMethod(Object target, String name) {
        return switch (target) {
            case String s -> true;
            case Map<?, ?> m -> List.of("get", "items", "keys", "values").contains(name);
            case List<?> l -> List.of("append", "index").contains(name);
            case null, default -> false;
        };
    }

    static boolean contains(Object container, Object item) {
        return switch (container) {
            case String s -> s.contains(Values.str(item));
            case List<?> list -> list.stream().anyMatch(o -> Values.equal(o, item));
            case Map<?, ?> map -> map.containsKey(item);
            case null, default -> false;
        };
    }

    private static String arg(List<Object> args, int i) {
        return args.size() > i && args.get(i) != null ? Values.str(args.get(i)) : null;
    }

    private static long length(Object v) {
        return switch (v) {
            case String s -> s.codePointCount(0, s.length());
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            case null, default -> {
                if (v == Values.UNDEFINED) {
                    yield 0;
                }
                throw new IllegalArgumentException("a " + Values.typeName(v) + " has no length");
            }
        };
    }

    private static List<Object> items(Object v) {
        if (!(v instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("items() needs a dict, got a " + Values.typeName(v));
        }
        List<Object> out = new ArrayList<>();
        map.forEach((k, val) -> out.add(new ArrayList<>(java.util.Arrays.asList(k, val))));
        return out;
    }

    private static Object toInt(Object v) {
        return switch (v) {
            case Long l -> l;
            case Double d -> (long) (double) d;
            case Boolean b -> b ? 1L : 0L;
            case String s -> {
                try {
                    yield Long.parseLong(s.strip());
                } catch (NumberFormatException e) {
                    yield 0L;
                }
            }
            case null, default -> 0L;
        };
    }

    private static boolean startsOrEnds(String s, Object prefix, boolean start) {
        List<Object> options = prefix instanceof List<?> l ? new ArrayList<>(l) : List.of(prefix);
        for (Object option : options) {
            String p = Values.str(option);
            if (start ? s.startsWith(p) : s.endsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Python's strip family: with no argument strips whitespace, else any of the given characters. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int from = 0;
        int to = s.length();
        while (left && from < to && (chars == null ? Character.isWhitespace(s.charAt(from)) : chars.indexOf(s.charAt(from)) >= 0)) {
            from++;
        }
        while (right && to > from && (chars == null ? Character.isWhitespace(s.charAt(to - 1)) : chars.indexOf(s.charAt(to - 1)) >= 0)) {
            to--;
        }
        return s.substring(from, to);
    }

    private static List<Object> split(String s, String separator, long maxSplit) {
        List<Object> out = new ArrayList<>();
        if (separator == null) { // runs of whitespace, no empty strings
            for (String part : s.strip().split("\\s+", maxSplit < 0 ? 0 : (int) maxSplit + 1)) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        if (separator.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int from = 0;
        for (int at = s.indexOf(separator); at >= 0 && (maxSplit < 0 || out.size() < maxSplit); at = s.indexOf(separator, from)) {
            out.add(s.substring(from, at));
            from = at + separator.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean wordStart = true;
        for (char c : s.toCharArray()) {
            sb.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
            wordStart = !Character.isLetterOrDigit(c);
        }
        return sb.toString();
    }

    static Map<String, Object> kwargsMap(Map<String, Object> kwargs) {
        return new LinkedHashMap<>(kwargs);
    }
}
