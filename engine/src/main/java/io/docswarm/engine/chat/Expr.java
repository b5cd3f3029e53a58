package io.docswarm.engine.chat;

import java.util.List;
import java.util.Map;

/** Template expressions. {@code offset} is where the expression starts in the template, for error messages. */
sealed interface Expr {
    int offset();

    record Literal(Object value, int offset) implements Expr {}

    record Name(String name, int offset) implements Expr {}

    record ListLiteral(List<Expr> items, int offset) implements Expr {}

    record DictLiteral(List<Expr> keys, List<Expr> values, int offset) implements Expr {}

    record Attribute(Expr target, String name, int offset) implements Expr {}

    record Item(Expr target, Expr index, int offset) implements Expr {}

    /** {@code target[start:stop:step]}; absent parts are null. */
    record Slice(Expr target, Expr start, Expr stop, Expr step, int offset) implements Expr {}

    record Call(Expr callee, List<Expr> args, Map<String, Expr> kwargs, int offset) implements Expr {}

    record Filter(Expr value, String name, List<Expr> args, Map<String, Expr> kwargs, int offset) implements Expr {}

    /** {@code value is [not] name(args)}. */
    record Test(Expr value, String name, List<Expr> args, boolean negated, int offset) implements Expr {}

    /** {@code not x}, {@code -x}. */
    record Unary(String operator, Expr operand, int offset) implements Expr {}

    /** Arithmetic, comparison, {@code and}/{@code or}, {@code in}/{@code not in}, {@code ~}. */
    record Binary(String operator, Expr left, Expr right, int offset) implements Expr {}

    /** {@code then if condition else otherwise}; {@code otherwise} may be null (undefined). */
    record Conditional(Expr condition, Expr then, Expr otherwise, int offset) implements Expr {}
}
