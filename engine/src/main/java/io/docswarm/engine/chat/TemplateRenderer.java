package io.docswarm.engine.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a parsed template. Scoping follows Jinja: a for loop's body has its own scope, so a
 * {@code set} inside a loop does not leak out (templates use {@code namespace()} for that); macros run in a
 * scope of their own on top of the globals.
 */
final class TemplateRenderer {
    private final Source source;
    private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();
    private final StringBuilder out = new StringBuilder();

    /** Thrown by {@code break} / {@code continue}; carries no stack trace, it is control flow. */
    private static final class LoopControl extends RuntimeException {
        final boolean isBreak;

        LoopControl(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    TemplateRenderer(Source source, Map<String, Object> variables) {
        this.source = source;
        Map<String, Object> globals = new HashMap<>();
        globals.put("raise_exception", (Values.Callable) (args, kwargs) -> {
            throw new IllegalArgumentException("template raised an exception: " + (args.isEmpty() ? "" : Values.str(args.getFirst())));
        });
        globals.put("namespace", (Values.Callable) (args, kwargs) -> {
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (!args.isEmpty() && args.getFirst() instanceof Map<?, ?> initial) {
                initial.forEach((k, v) -> attributes.put(String.valueOf(k), v));
            }
            attributes.putAll(kwargs);
            return new Values.Namespace(attributes);
        });
        globals.put("range", (Values.Callable) (args, kwargs) -> range(args));
        globals.put("dict", (Values.Callable) (args, kwargs) -> new LinkedHashMap<>(kwargs));
        variables.forEach((k, v) -> globals.put(k, Values.fromJava(v)));
        scopes.push(globals);
    }

    String render(List<Node> nodes) {
        try {
            renderAll(nodes);
        } catch (LoopControl e) {
            throw source.error("'break' or 'continue' outside a loop", 0);
        }
        return out.toString();
    }

    private void renderAll(List<Node> nodes) {
        for (Node node : nodes) {
            render(node);
        }
    }

    private void render(Node node) {
        switch (node) {
            case Node.Text text -> out.append(text.text());
            case Node.Output output -> out.append(Values.str(eval(output.value())));
            case Node.If ifNode -> {
                for (int i = 0; i < ifNode.conditions().size(); i++) {
                    if (Values.truthy(eval(ifNode.conditions().get(i)))) {
                        renderAll(ifNode.bodies().get(i));
                        return;
                    }
                }
                renderAll(ifNode.otherwise());
            }
            case Node.For forNode -> renderFor(forNode);
            case Node.Set set -> {
                Object value = eval(set.value());
                if (set.attribute() == null) {
                    scopes.peek().put(set.name(), value);
                } else if (lookup(set.name()) instanceof Values.Namespace ns) {
                    ns.attributes.put(set.attribute(), value);
                } else {
                    throw source.error("'" + set.name() + "' is not a namespace, cannot set its attribute", set.offset());
                }
            }
            case Node.SetBlock block -> {
                int mark = out.length();
                renderAll(block.body());
                String captured = out.substring(mark);
                out.setLength(mark);
                scopes.peek().put(block.name(), captured);
            }
            case Node.Macro macro -> scopes.peek().put(macro.name(), macroFunction(macro));
            case Node.Break b -> throw new LoopControl(true);
            case Node.Continue c -> throw new LoopControl(false);
        }
    }

    private void renderFor(Node.For loop) {
        List<Object> items = new ArrayList<>();
        Object iterable = eval(loop.iterable());
        List<Object> all;
        try {
            all = Values.iterate(iterable);
        } catch (IllegalArgumentException e) {
            throw source.error(e.getMessage(), loop.iterable().offset());
        }
        Map<String, Object> scope = new HashMap<>();
        scopes.push(scope);
        try {
            for (Object item : all) { // the if-filter runs before loop.index and friends are counted
                if (loop.filter() == null) {
                    items.add(item);
                    continue;
                }
                bindTargets(loop, item, scope);
                if (Values.truthy(eval(loop.filter()))) {
                    items.add(item);
                }
            }
            if (items.isEmpty()) {
                renderAll(loop.otherwise());
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                scope.clear();
                bindTargets(loop, items.get(i), scope);
                Map<String, Object> info = new HashMap<>();
                int n = items.size();
                info.put("index0", (long) i);
                info.put("index", (long) i + 1);
                info.put("revindex0", (long) (n - i - 1));
                info.put("revindex", (long) (n - i));
                info.put("first", i == 0);
                info.put("last", i == n - 1);
                info.put("length", (long) n);
                info.put("previtem", i > 0 ? items.get(i - 1) : Values.UNDEFINED);
                info.put("nextitem", i < n - 1 ? items.get(i + 1) : Values.UNDEFINED);
                scope.put("loop", info);
                try {
                    renderAll(loop.body());
                } catch (LoopControl control) {
                    if (control.isBreak) {
                        break;
                    }
                }
            }
        } finally {
            scopes.pop();
        }
    }

    private void bindTargets(Node.For loop, Object item, Map<String, Object> scope) {
        if (loop.targets().size() == 1) {
            scope.put(loop.targets().getFirst(), item);
            return;
        }
        List<Object> parts = Values.iterate(item);
        if (parts.size() != loop.targets().size()) {
            throw source.error("cannot unpack " + parts.size() + " values into " + loop.targets().size() + " loop variables",
                    loop.offset());
        }
        for (int i = 0; i < parts.size(); i++) {
            scope.put(loop.targets().get(i), parts.get(i));
        }
    }

    private Values.Callable macroFunction(Node.Macro macro) {
        return (args, kwargs) -> {
            Map<String, Object> scope = new HashMap<>();
            for (int i = 0; i < macro.parameters().size(); i++) {
                String name = macro.parameters().get(i);
                Object value;
                if (i < args.size()) {
                    value = args.get(i);
                } else if (kwargs.containsKey(name)) {
                    value = kwargs.get(name);
                } else if (macro.defaults().get(i) != null) {
                    value = eval(macro.defaults().get(i));
                } else {
                    value = Values.UNDEFINED;
                }
                scope.put(name, value);
            }
            // a macro sees the globals and its own parameters, not the caller's loop variables
            Deque<Map<String, Object>> saved = new ArrayDeque<>(scopes);
            Map<String, Object> globals = scopes.peekLast();
            scopes.clear();
            scopes.push(globals);
            scopes.push(scope);
            int mark = out.length();
            try {
                renderAll(macro.body());
                String result = out.substring(mark);
                out.setLength(mark);
                return result;
            } finally {
                scopes.clear();
                saved.descendingIterator().forEachRemaining(scopes::push);
            }
        };
    }

    private Object lookup(String name) {
        for (Map<String, Object> scope : scopes) {
            if (scope.containsKey(name)) {
                return scope.get(name);
            }
        }
        return Values.UNDEFINED;
    }

    private Object eval(Expr expr) {
        try {
            return evaluate(expr);
        } catch (TemplateException e) {
            throw e;
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException | ArithmeticException e) {
            throw source.error(e.getMessage() == null ? e.toString() : e.getMessage(), expr.offset());
        }
    }

    private Object evaluate(Expr expr) {
        return switch (expr) {
            case Expr.Literal literal -> literal.value();
            case Expr.Name name -> lookup(name.name());
            case Expr.ListLiteral list -> {
                List<Object> items = new ArrayList<>();
                list.items().forEach(item -> items.add(eval(item)));
                yield items;
            }
            case Expr.DictLiteral dict -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < dict.keys().size(); i++) {
                    map.put(eval(dict.keys().get(i)), eval(dict.values().get(i)));
                }
                yield map;
            }
            case Expr.Attribute attribute -> Builtins.attribute(eval(attribute.target()), attribute.name());
            case Expr.Item item -> Builtins.item(eval(item.target()), eval(item.index()));
            case Expr.Slice slice -> Builtins.slice(eval(slice.target()), longOrNull(slice.start()),
                    longOrNull(slice.stop()), longOrNull(slice.step()));
            case Expr.Call call -> call(call);
            case Expr.Filter filter -> Builtins.filter(filter.name(), eval(filter.value()), evalAll(filter.args()),
                    evalAll(filter.kwargs()));
            case Expr.Test test -> {
                boolean result = Builtins.test(test.name(), eval(test.value()), evalAll(test.args()));
                yield result != test.negated();
            }
            case Expr.Unary unary -> {
                Object v = eval(unary.operand());
                yield switch (unary.operator()) {
                    case "not" -> !Values.truthy(v);
                    case "-" -> v instanceof Long l ? -l : -(Double) v;
                    default -> v;
                };
            }
            case Expr.Binary binary -> binary(binary);
            case Expr.Conditional conditional -> Values.truthy(eval(conditional.condition()))
                    ? eval(conditional.then())
                    : conditional.otherwise() == null ? Values.UNDEFINED : eval(conditional.otherwise());
        };
    }

    private Long longOrNull(Expr expr) {
        if (expr == null) {
            return null;
        }
        Object v = eval(expr);
        if (v == null) {
            return null;
        }
        if (v instanceof Long l) {
            return l;
        }
        throw source.error("slice bounds must be integers, got a " + Values.typeName(v), expr.offset());
    }

    private Object call(Expr.Call call) {
        List<Object> args = evalAll(call.args());
        Map<String, Object> kwargs = evalAll(call.kwargs());
        if (call.callee() instanceof Expr.Attribute attribute) {
            Object target = eval(attribute.target());
            if (Builtins.hasMethod(target, attribute.name())) {
                return Builtins.method(target, attribute.name(), args, kwargs);
            }
            Object member = Builtins.attribute(target, attribute.name());
            if (member instanceof Values.Callable callable) {
                return callable.call(args, kwargs);
            }
            throw source.error("'" + attribute.name() + "' of a " + Values.typeName(target) + " cannot be called", call.offset());
        }
        Object callee = eval(call.callee());
        if (callee instanceof Values.Callable callable) {
            return callable.call(args, kwargs);
        }
        String what = call.callee() instanceof Expr.Name n ? "'" + n.name() + "'" : "this " + Values.typeName(callee);
        throw source.error(what + " is not a function" + (callee == Values.UNDEFINED ? " (undefined)" : ""), call.offset());
    }

    private Object binary(Expr.Binary b) {
        switch (b.operator()) {
            case "and" -> {
                Object left = eval(b.left());
                return Values.truthy(left) ? eval(b.right()) : left;
            }
            case "or" -> {
                Object left = eval(b.left());
                return Values.truthy(left) ? left : eval(b.right());
            }
            default -> {
            }
        }
        Object l = eval(b.left());
        Object r = eval(b.right());
        return switch (b.operator()) {
            case "==" -> Values.equal(l, r);
            case "!=" -> !Values.equal(l, r);
            case "<" -> Values.compare(l, r) < 0;
            case ">" -> Values.compare(l, r) > 0;
            case "<=" -> Values.compare(l, r) <= 0;
            case ">=" -> Values.compare(l, r) >= 0;
            case "in" -> Builtins.contains(r, l);
            case "not in" -> !Builtins.contains(r, l);
            case "~" -> Values.str(l) + Values.str(r);
            case "+" -> add(l, r);
            case "-", "*", "/", "//", "%", "**" -> arithmetic(b.operator(), l, r);
            default -> throw new IllegalArgumentException("unsupported operator '" + b.operator() + "'");
        };
    }

    private static Object add(Object l, Object r) {
        if (l instanceof String s && r instanceof String u) {
            return s + u;
        }
        if (l instanceof List<?> x && r instanceof List<?> y) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        return arithmetic("+", l, r);
    }

    private static Object arithmetic(String op, Object l, Object r) {
        if (op.equals("*") && l instanceof String s && r instanceof Long n) {
            return s.repeat((int) Math.max(0, n));
        }
        if (!(l instanceof Long || l instanceof Double) || !(r instanceof Long || r instanceof Double)) {
            throw new IllegalArgumentException("cannot apply '" + op + "' to a " + Values.typeName(l) + " and a " + Values.typeName(r));
        }
        if (l instanceof Long x && r instanceof Long y && !op.equals("/")) {
            return switch (op) {
                case "+" -> x + y;
                case "-" -> x - y;
                case "*" -> x * y;
                case "//" -> Math.floorDiv(x, y);
                case "%" -> Math.floorMod(x, y);
                case "**" -> (long) Math.pow(x, y);
                default -> throw new IllegalArgumentException(op);
            };
        }
        double x = ((Number) l).doubleValue();
        double y = ((Number) r).doubleValue();
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> x / y;
            case "//" -> Math.floor(x / y);
            case "%" -> x - Math.floor(x / y) * y;
            case "**" -> Math.pow(x, y);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static List<Object> range(List<Object> args) {
        long start = 0;
        long stop;
        long step = 1;
        if (args.size() == 1) {
            stop = (Long) args.getFirst();
        } else {
            start = (Long) args.get(0);
            stop = (Long) args.get(1);
            if (args.size() > 2) {
                step = (Long) args.get(2);
            }
        }
        if (step == 0) {
            throw new IllegalArgumentException("range() step must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(i);
        }
        return out;
    }

    private List<Object> evalAll(List<Expr> exprs) {
        List<Object> out = new ArrayList<>(exprs.size());
        exprs.forEach(e -> out.add(eval(e)));
        return out;
    }

    private Map<String, Object> evalAll(Map<String, Expr> exprs) {
        Map<String, Object> out = new LinkedHashMap<>();
        exprs.forEach((k, e) -> out.put(k, eval(e)));
        return out;
    }
}
