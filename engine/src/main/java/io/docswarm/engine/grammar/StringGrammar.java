package io.docswarm.engine.grammar;

/**
 * A string of {@code minLength} to {@code maxLength} code points (max -1: unbounded), as JSON counts them
 * (an escape sequence is one character). Content is strict UTF-8 (no overlong forms, no surrogates);
 * escapes are the JSON ones, with {@code \\u} escapes of surrogates refused (a lone surrogate is not text).
 */
final class StringGrammar implements Grammar {
    final int minLength;
    final int maxLength;

    StringGrammar(int minLength, int maxLength) {
        this.minLength = minLength;
        this.maxLength = maxLength;
    }

    @Override
    public Frame start(int b) {
        return b == '"' ? new StringFrame(this, StringFrame.OPEN, 0, 0, 0, 0, 0) : null;
    }

    @Override
    public boolean canStartWith(int b) {
        return b == '"';
    }

    /**
     * Inside a string.
     *
     * @param count code points so far; when there is no maximum, counts past the minimum are not told apart
     * @param need  UTF-8 continuation bytes still due for the current character (0-3)
     * @param lo    the smallest byte allowed as the next continuation byte (the lead byte narrows the first one)
     * @param hi    the largest
     * @param hex   in phase UNICODE: hex digits read so far; +4 once the first digit was 'd' (a surrogate
     *              if the second digit is 8-f)
     */
    record StringFrame(StringGrammar grammar, int phase, int count, int need, int lo, int hi, int hex)
            implements Frame {
        static final int OPEN = 0;    // expects '"'
        static final int CONTENT = 1; // characters, escapes or the closing quote
        static final int ESCAPE = 2;  // after a backslash
        static final int UNICODE = 3; // in the four hex digits of a backslash-u escape

        boolean inContent() {
            return phase == CONTENT;
        }

        /** How many more code points may be started (Integer.MAX_VALUE when unbounded). */
        int remaining() {
            return grammar.maxLength < 0 ? Integer.MAX_VALUE : grammar.maxLength - count;
        }

        private StringFrame content(int newCount, int newNeed, int newLo, int newHi) {
            int c = grammar.maxLength < 0 ? Math.min(newCount, grammar.minLength) : newCount;
            return new StringFrame(grammar, CONTENT, c, newNeed, newLo, newHi, 0);
        }

        @Override
        public Step advance(int b) {
            switch (phase) {
                case OPEN -> {
                    return b == '"' ? new Step.Consumed(content(0, 0, 0, 0)) : null;
                }
                case CONTENT -> {
                    return contentByte(b);
                }
                case ESCAPE -> {
                    return switch (b) {
                        case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> new Step.Consumed(content(count, 0, 0, 0));
                        case 'u' -> new Step.Consumed(new StringFrame(grammar, UNICODE, count, 0, 0, 0, 0));
                        default -> null;
                    };
                }
                case UNICODE -> {
                    int digit = Character.digit(b, 16);
                    if (digit < 0 || b > 'f') {
                        return null;
                    }
                    int read = hex & 3;
                    if (read == 1 && hex >= 4 && digit >= 8) {
                        return null; // \\uD800-\\uDFFF
                    }
                    if (read == 3) {
                        return new Step.Consumed(content(count, 0, 0, 0));
                    }
                    int next = (read + 1) | (read == 0 && digit == 0xD ? 4 : hex & 4);
                    return new Step.Consumed(new StringFrame(grammar, UNICODE, count, 0, 0, 0, next));
                }
                default -> {
                    return null;
                }
            }
        }

        private Step contentByte(int b) {
            if (need > 0) {
                return b >= lo && b <= hi ? new Step.Consumed(content(count, need - 1, 0x80, 0xBF)) : null;
            }
            if (b == '"') {
                return count >= grammar.minLength ? Step.FINISHED : null;
            }
            if (b < 0x20 || remaining() <= 0) {
                return null; // raw control characters are not allowed in JSON strings
            }
            if (b == '\\') {
                return new Step.Consumed(new StringFrame(grammar, ESCAPE, count + 1, 0, 0, 0, 0));
            }
            if (b < 0x80) {
                return new Step.Consumed(content(count + 1, 0, 0, 0));
            }
            int lead = Utf8.leadInfo(b);
            if (lead < 0) {
                return null;
            }
            return new Step.Consumed(content(count + 1, Utf8.need(lead), Utf8.lo(lead), Utf8.hi(lead)));
        }
    }
}
