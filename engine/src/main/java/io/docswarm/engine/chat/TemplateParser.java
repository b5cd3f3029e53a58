package io.docswarm.engine.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the Jinja subset that model chat templates use into {@link Node}s. Anything outside the subset
 * (unknown tags, unsupported operators) is rejected here with its line and column, not at render time.
 */
final class TemplateParser {
    private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=");

    private final Source source;
    private final List<TemplateLexer.Segment> segments;
    private int pos;
    // the tokens of the tag being parsed
    private List<Token> tokens;
    private int t;

    private TemplateParser(Source source) {
        this.source = source;
        this.segments = new TemplateLexer(source).segments();
    }

    static List<Node> parse(String template) {
        TemplateParser parser = new TemplateParser(new Source(template));
        List<Node> body = parser.body(Set.of());
        if (parser.pos < parser.segments.size()) {
            TemplateLexer.Segment segment = parser.segments.get(parser.pos);
            throw parser.source.error("unexpected '" + segment.tokens().getFirst().text() + "' tag", segment.offset());
        }
        return body;
    }

    /** Parses nodes until a statement tag whose keyword is in {@code terminators} (left unconsumed) or the end. */
    private List<Node> body(Set<String> terminators) {
        List<Node> nodes = new ArrayList<>();
        while (pos < segments.size()) {
            TemplateLexer.Segment segment = segments.get(pos);
            switch (segment.type()) {
                case TEXT -> {
                    nodes.add(new Node.Text(segment.text()));
                    pos++;
                }
                case OUTPUT -> {
                    begin(segment);
                    Expr value = expression();
                    expectEnd();
                    nodes.add(new Node.Output(value));
                    pos++;
                }
                case STATEMENT -> {
                    Token keyword = segment.tokens().getFirst();
                    if (terminators.contains(keyword.text())) {
                        return nodes;
                    }
                    nodes.add(statement(segment));
                }
            }
        }
        if (!terminators.isEmpty()) {
            throw source.error("missing {% " + String.join(" / ", terminators.stream().sorted().toList()) + " %}",
                    source.text().length());
        }
        return nodes;
    }

    private Node statement(TemplateLexer.Segment segment) {
        begin(segment);
        Token keyword = next();
        if (keyword.kind() != Token.Kind.NAME) {
            throw source.error("expected a statement keyword", keyword.offset());
        }
        pos++;
        return switch (keyword.text()) {
            case "if" -> ifStatement();
            case "for" -> forStatement(keyword);
            case "set" -> setStatement(keyword);
            case "macro" -> macroStatement();
            case "break" -> {
                expectEnd();
                yield new Node.Break(keyword.offset());
            }
            case "continue" -> {
                expectEnd();
                yield new Node.Continue(keyword.offset());
            }
            case "elif", "else", "endif", "endfor", "endset", "endmacro" ->
                    throw source.error("'" + keyword.text() + "' without a matching opening tag", keyword.offset());
            default -> throw source.error("unsupported template tag '" + keyword.text() + "'", keyword.offset());
        };
    }

    private Node ifStatement() {
        List<Expr> conditions = new ArrayList<>();
        List<List<Node>> bodies = new ArrayList<>();
        conditions.add(expression());
        expectEnd();
        Set<String> ends = Set.of("elif", "else", "endif");
        bodies.add(body(ends));
        List<Node> otherwise = List.of();
        while (true) {
            begin(segments.get(pos));
            String keyword = next().text();
            pos++;
            if (keyword.equals("elif")) {
                conditions.add(expression());
                expectEnd();
                bodies.add(body(ends));
            } else if (keyword.equals("else")) {
                expectEnd();
                otherwise = body(Set.of("endif"));
            } else {
                expectEnd();
                return new Node.If(conditions, bodies, otherwise);
            }
        }
    }

    private Node forStatement(Token keyword) {
        List<String> targets = new ArrayList<>();
        do {
            targets.add(name());
        } while (accept(","));
        expectName("in");
        Expr iterable = orExpression(); // not a full expression: a trailing "if" filters, it is no conditional
        Expr filter = accept("if") ? expression() : null;
        expectEnd();
        List<Node> body = body(Set.of("else", "endfor"));
        begin(segments.get(pos));
        String end = next().text();
        pos++;
        expectEnd();
        List<Node> otherwise = List.of();
        if (end.equals("else")) {
            otherwise = body(Set.of("endfor"));
            begin(segments.get(pos));
            next();
            pos++;
            expectEnd();
        }
        return new Node.For(targets, iterable, filter, body, otherwise, keyword.offset());
    }

    private Node setStatement(Token keyword) {
        String name = name();
        String attribute = accept(".") ? name() : null;
        if (attribute == null && peek().kind() == Token.Kind.END) {
            expectEnd();
            List<Node> body = body(Set.of("endset"));
            begin(segments.get(pos));
            next();
            pos++;
            expectEnd();
            return new Node.SetBlock(name, body);
        }
        if (attribute == null && peek().is(",")) {
            throw source.error("tuple assignment in 'set' is not supported", peek().offset());
        }
        expectOperator("=");
        Expr value = expression();
        expectEnd();
        return new Node.Set(name, attribute, value, keyword.offset());
    }

    private Node macroStatement() {
        String name = name();
        List<String> parameters = new ArrayList<>();
        List<Expr> defaults = new ArrayList<>();
        expectOperator("(");
        if (!accept(")")) {
            do {
                parameters.add(name());
                defaults.add(accept("=") ? expression() : null);
            } while (accept(","));
            expectOperator(")");
        }
        expectEnd();
        List<Node> body = body(Set.of("endmacro"));
        begin(segments.get(pos));
        next();
        pos++;
        expectEnd();
        return new Node.Macro(name, parameters, defaults, body);
    }

    // ---- expressions, lowest precedence first ----

    private Expr expression() {
        Expr value = orExpression();
        if (peek().is("if")) {
            Token ifToken = next();
            Expr condition = orExpression();
            Expr otherwise = accept("else") ? expression() : null;
            return new Expr.Conditional(condition, value, otherwise, ifToken.offset());
        }
        return value;
    }

    private Expr orExpression() {
        Expr left = andExpression();
        while (peek().is("or")) {
            Token op = next();
            left = new Expr.Binary("or", left, andExpression(), op.offset());
        }
        return left;
    }

    private Expr andExpression() {
        Expr left = notExpression();
        while (peek().is("and")) {
            Token op = next();
            left = new Expr.Binary("and", left, notExpression(), op.offset());
        }
        return left;
    }

    private Expr notExpression() {
        if (peek().is("not")) {
            Token op = next();
            return new Expr.Unary("not", notExpression(), op.offset());
        }
        return comparison();
    }

    private Expr comparison() {
        Expr left = concatenation();
        while (true) {
            Token op = peek();
            if (op.kind() == Token.Kind.OPERATOR && COMPARISONS.contains(op.text())) {
                next();
                left = new Expr.Binary(op.text(), left, concatenation(), op.offset());
            } else if (op.is("in")) {
                next();
                left = new Expr.Binary("in", left, concatenation(), op.offset());
            } else if (op.is("not") && tokens.get(t + 1).is("in")) {
                next();
                next();
                left = new Expr.Binary("not in", left, concatenation(), op.offset());
            } else if (op.is("is")) {
                next();
                boolean negated = accept("not");
                String test = name();
                List<Expr> args = new ArrayList<>();
                if (accept("(")) {
                    args = arguments(new LinkedHashMap<>());
                } else if (startsOperand(peek())) {
                    args.add(concatenation()); // "is divisibleby 3", "is sameas x"
                }
                left = new Expr.Test(left, test, args, negated, op.offset());
            } else {
                return left;
            }
        }
    }

    private boolean startsOperand(Token token) {
        return switch (token.kind()) {
            case STRING, INTEGER, FLOAT -> true;
            case NAME -> !Set.of("and", "or", "not", "in", "is", "if", "else").contains(token.text());
            default -> false;
        };
    }

    private Expr concatenation() {
        Expr left = additive();
        while (peek().is("~")) {
            Token op = next();
            left = new Expr.Binary("~", left, additive(), op.offset());
        }
        return left;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, multiplicative(), op.offset());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("//") || peek().is("%")) {
            Token op = next();
            left = new Expr.Binary(op.text(), left, unary(), op.offset());
        }
        return left;
    }

    private Expr unary() {
        if (peek().is("-") || peek().is("+")) {
            Token op = next();
            return new Expr.Unary(op.text(), unary(), op.offset());
        }
        Expr base = postfix(primary());
        if (peek().is("**")) {
            Token op = next();
            return new Expr.Binary("**", base, unary(), op.offset());
        }
        return base;
    }

    private Expr postfix(Expr value) {
        while (true) {
            Token token = peek();
            if (token.is(".")) {
                next();
                Token attr = next();
                if (attr.kind() != Token.Kind.NAME && attr.kind() != Token.Kind.INTEGER) {
                    throw source.error("expected an attribute name after '.'", attr.offset());
                }
                value = new Expr.Attribute(value, attr.text(), attr.offset());
            } else if (token.is("[")) {
                next();
                value = subscript(value, token);
            } else if (token.is("(")) {
                next();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                List<Expr> args = arguments(kwargs);
                value = new Expr.Call(value, args, kwargs, token.offset());
            } else if (token.is("|")) {
                next();
                String filter = name();
                Map<String, Expr> kwargs = new LinkedHashMap<>();
                List<Expr> args = accept("(") ? arguments(kwargs) : List.of();
                value = new Expr.Filter(value, filter, args, kwargs, token.offset());
            } else {
                return value;
            }
        }
    }

    private Expr subscript(Expr target, Token open) {
        Expr start = null;
        if (!peek().is(":")) {
            start = expression();
            if (accept("]")) {
                return new Expr.Item(target, start, open.offset());
            }
        }
        expectOperator(":");
        Expr stop = peek().is(":") || peek().is("]") ? null : expression();
        Expr step = null;
        if (accept(":") && !peek().is("]")) {
            step = expression();
        }
        expectOperator("]");
        return new Expr.Slice(target, start, stop, step, open.offset());
    }

    /** Call arguments after "(" up to and including ")"; keyword arguments go to {@code kwargs}. */
    private List<Expr> arguments(Map<String, Expr> kwargs) {
        List<Expr> args = new ArrayList<>();
        if (accept(")")) {
            return args;
        }
        do {
            if (peek().kind() == Token.Kind.NAME && tokens.get(t + 1).is("=")) {
                String key = next().text();
                next();
                kwargs.put(key, expression());
            } else {
                args.add(expression());
            }
        } while (accept(","));
        expectOperator(")");
        return args;
    }

    private Expr primary() {
        Token token = next();
        return switch (token.kind()) {
            case STRING -> {
                StringBuilder sb = new StringBuilder(token.text());
                while (peek().kind() == Token.Kind.STRING) { // adjacent literals concatenate
                    sb.append(next().text());
                }
                yield new Expr.Literal(sb.toString(), token.offset());
            }
            case INTEGER -> new Expr.Literal(Long.parseLong(token.text()), token.offset());
            case FLOAT -> new Expr.Literal(Double.parseDouble(token.text()), token.offset());
            case NAME -> switch (token.text()) {
                case "true", "True" -> new Expr.Literal(Boolean.TRUE, token.offset());
                case "false", "False" -> new Expr.Literal(Boolean.FALSE, token.offset());
                case "none", "None" -> new Expr.Literal(null, token.offset());
                default -> new Expr.Name(token.text(), token.offset());
            };
            case OPERATOR -> switch (token.text()) {
                case "(" -> {
                    if (accept(")")) {
                        yield new Expr.ListLiteral(List.of(), token.offset());
                    }
                    Expr inner = expression();
                    if (peek().is(",")) { // a tuple: treated as a list
                        List<Expr> items = new ArrayList<>(List.of(inner));
                        while (accept(",") && !peek().is(")")) {
                            items.add(expression());
                        }
                        inner = new Expr.ListLiteral(items, token.offset());
                    }
                    expectOperator(")");
                    yield inner;
                }
                case "[" -> {
                    List<Expr> items = new ArrayList<>();
                    while (!accept("]")) {
                        items.add(expression());
                        if (!accept(",")) {
                            expectOperator("]");
                            break;
                        }
                    }
                    yield new Expr.ListLiteral(items, token.offset());
                }
                case "{" -> {
                    List<Expr> keys = new ArrayList<>();
                    List<Expr> values = new ArrayList<>();
                    while (!accept("}")) {
                        keys.add(expression());
                        expectOperator(":");
                        values.add(expression());
                        if (!accept(",")) {
                            expectOperator("}");
                            break;
                        }
                    }
                    yield new Expr.DictLiteral(keys, values, token.offset());
                }
                default -> throw source.error("unexpected '" + token.text() + "'", token.offset());
            };
            case END -> throw source.error("unexpected end of tag, expected an expression", token.offset());
        };
    }

    // ---- token helpers ----

    private void begin(TemplateLexer.Segment segment) {
        tokens = segment.tokens();
        t = 0;
    }

    private Token peek() {
        return tokens.get(t);
    }

    private Token next() {
        Token token = tokens.get(t);
        if (token.kind() != Token.Kind.END) {
            t++;
        }
        return token;
    }

    private boolean accept(String text) {
        if (peek().is(text)) {
            t++;
            return true;
        }
        return false;
    }

    private String name() {
        Token token = next();
        if (token.kind() != Token.Kind.NAME) {
            throw source.error("expected a name, found '" + token.text() + "'", token.offset());
        }
        return token.text();
    }

    private void expectName(String name) {
        Token token = next();
        if (!token.is(name)) {
            throw source.error("expected '" + name + "', found '" + token.text() + "'", token.offset());
        }
    }

    private void expectOperator(String op) {
        Token token = next();
        if (!(token.kind() == Token.Kind.OPERATOR && token.text().equals(op))) {
            throw source.error("expected '" + op + "', found '" + token.text() + "'", token.offset());
        }
    }

    private void expectEnd() {
        Token token = peek();
        if (token.kind() != Token.Kind.END) {
            throw source.error("unexpected '" + token.text() + "'", token.offset());
        }
    }
}
