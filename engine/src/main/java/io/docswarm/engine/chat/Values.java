package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Python semantics for the template's values: strings, {@code Long}/{@code Double} numbers, booleans,
 * {@code null} (none), {@code List}s, {@code Map}s, {@link Namespace}s, callables and {@link #UNDEFINED}.
 */
final class Values {
    /** The value of a name or attribute that does not exist: false, empty, prints as nothing. */
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "Undefined";
        }
    };

    /** A mutable attribute bag made by {@code namespace(...)}: the one way to carry state out of a loop. */
    static final class Namespace {
        final Map<String, Object> attributes;

        Namespace(Map<String, Object> attributes) {
            this.attributes = attributes;
        }
    }

    /** A macro or built-in function. */
    interface Callable {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    private Values() {
    }

    static boolean truthy(Object v) {
        if (v == null || v == UNDEFINED) {
            return false;
        }
        return switch (v) {
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Long l -> l != 0;
            case Double d -> d != 0;
            case Collection<?> c -> !c.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    /** Python's {@code str()}. */
    static String str(Object v) {
        if (v == UNDEFINED) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        return repr(v);
    }

    /** Python's {@code repr()}, as lists and dicts print their elements. */
    static String repr(Object v) {
        if (v == null) {
            return "None";
        }
        if (v == UNDEFINED) {
            return "";
        }
        return switch (v) {
            case Boolean b -> b ? "True" : "False";
            case String s -> quote(s);
            case Long l -> l.toString();
            case Double d -> pythonFloat(d);
            case List<?> list -> {
                List<String> parts = new ArrayList<>();
                list.forEach(item -> parts.add(repr(item)));
                yield "[" + String.join(", ", parts) + "]";
            }
            case Map<?, ?> map -> {
                List<String> parts = new ArrayList<>();
                map.forEach((k, val) -> parts.add(repr(k) + ": " + repr(val)));
                yield "{" + String.join(", ", parts) + "}";
            }
            case Namespace ns -> "<Namespace " + repr(ns.attributes) + ">";
            default -> v.toString();
        };
    }

    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e16) {
            return (long) d + ".0";
        }
        return Double.toString(d).replace("E", "e");
    }

    private static String quote(String s) {
        String quote = s.contains("'") && !s.contains("\"") ? "\"" : "'";
        StringBuilder sb = new StringBuilder(quote);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (String.valueOf(c).equals(quote)) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's {@code ==}: 1 == 1.0, True == 1, lists and dicts by content. */
    static boolean equal(Object a, Object b) {
        if (a instanceof Number || b instanceof Number || a instanceof Boolean || b instanceof Boolean) {
            Double x = number(a);
            Double y = number(b);
            if (x != null && y != null) {
                return x.doubleValue() == y.doubleValue();
            }
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Double number(Object v) {
        return switch (v) {
            case Long l -> (double) l;
            case Double d -> d;
            case Boolean b -> b ? 1.0 : 0.0;
            case null, default -> null;
        };
    }

    /** Ordering for {@code < > <= >=} and sort: numbers with numbers, strings with strings. */
    static int compare(Object a, Object b) {
        Double x = number(a);
        Double y = number(b);
        if (x != null && y != null) {
            return Double.compare(x, y);
        }
        if (a instanceof String s && b instanceof String u) {
            return s.compareTo(u);
        }
        throw new IllegalArgumentException("cannot compare " + typeName(a) + " with " + typeName(b));
    }

    static String typeName(Object v) {
        if (v == null) {
            return "none";
        }
        if (v == UNDEFINED) {
            return "undefined";
        }
        return switch (v) {
            case String s -> "string";
            case Long l -> "integer";
            case Double d -> "float";
            case Boolean b -> "boolean";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case Namespace n -> "namespace";
            case Callable c -> "function";
            default -> v.getClass().getSimpleName();
        };
    }

    /** The elements a for loop visits: list items, dict keys, string characters; nothing for undefined/none. */
    static List<Object> iterate(Object v) {
        if (v == null || v == UNDEFINED) {
            return List.of();
        }
        return switch (v) {
            case List<?> list -> new ArrayList<>(list);
            case Map<?, ?> map -> new ArrayList<>(map.keySet());
            case String s -> {
                List<Object> chars = new ArrayList<>();
                s.codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
                yield chars;
            }
            case Iterable<?> it -> {
                List<Object> out = new ArrayList<>();
                for (Iterator<?> i = it.iterator(); i.hasNext(); ) {
                    out.add(i.next());
                }
                yield out;
            }
            default -> throw new IllegalArgumentException("cannot iterate over a " + typeName(v));
        };
    }

    /** Converts caller-supplied Java values: ints and floats to Long and Double, records stay as they are. */
    static Object fromJava(Object v) {
        return switch (v) {
            case Integer i -> (long) i;
            case Short s -> (long) s;
            case Byte b -> (long) b;
            case Float f -> (double) f;
            case Map<?, ?> map -> {
                Map<String, Object> out = new java.util.LinkedHashMap<>();
                map.forEach((k, val) -> out.put(String.valueOf(k), fromJava(val)));
                yield out;
            }
            case Collection<?> c -> {
                List<Object> out = new ArrayList<>();
                c.forEach(item -> out.add(fromJava(item)));
                yield out;
            }
            case null, default -> v;
        };
    }
}
