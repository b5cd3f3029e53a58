package io.docswarm.engine.chat;

import java.util.List;

/** Template statements. */
sealed interface Node {

    record Text(String text) implements Node {}

    record Output(Expr value) implements Node {}

    /** if / elif ... / else: {@code bodies.get(i)} runs when {@code conditions.get(i)} is the first true one. */
    record If(List<Expr> conditions, List<List<Node>> bodies, List<Node> otherwise) implements Node {}

    /** {@code for a[, b...] in iterable [if filter]} ... [else] ... endfor. */
    record For(List<String> targets, Expr iterable, Expr filter, List<Node> body, List<Node> otherwise, int offset)
            implements Node {}

    /** {@code set name = value} or {@code set name.attribute = value} (namespace attribute; attribute non-null). */
    record Set(String name, String attribute, Expr value, int offset) implements Node {}

    /** {@code set name} ... {@code endset}: captures the rendered body. */
    record SetBlock(String name, List<Node> body) implements Node {}

    record Macro(String name, List<String> parameters, List<Expr> defaults, List<Node> body) implements Node {}

    record Break(int offset) implements Node {}

    record Continue(int offset) implements Node {}
}
