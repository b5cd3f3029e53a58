package io.docswarm.engine.tokenizer;

/**
 * Unicode general-category classes of code points, as llama.cpp's pre-tokenizers see them.
 *
 * <p>llama.cpp classifies code points with its own table (generated from UnicodeData.txt) rather than the
 * regex engine's: letters are L*, numbers N*, marks M*, punctuation P*, symbols S*, and "whitespace" is a
 * fixed list (Python's {@code str.isspace} set, which includes U+0085 and U+00A0 but not U+200B).
 * This class reproduces that classification from {@link Character#getType(int)}; both derive from the
 * Unicode Character Database, so they agree except for code points assigned in a newer Unicode version.
 */
final class CodepointFlags {
    enum Category { UNDEFINED, NUMBER, LETTER, SEPARATOR, MARK, PUNCTUATION, SYMBOL, CONTROL }

    private CodepointFlags() {
    }

    static Category category(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> Category.LETTER;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> Category.MARK;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> Category.NUMBER;
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> Category.SEPARATOR;
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE -> Category.CONTROL;
            case Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                 Character.CONNECTOR_PUNCTUATION, Character.OTHER_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION -> Category.PUNCTUATION;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL -> Category.SYMBOL;
            default -> Category.UNDEFINED;
        };
    }

    static boolean isLetter(int cp) {
        return Character.isLetter(cp);
    }

    static boolean isNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    /** llama.cpp's whitespace set (not Java's {@link Character#isWhitespace}, which excludes U+00A0 and U+0085). */
    static boolean isWhitespace(int cp) {
        if (cp <= 0x20) {
            return cp == ' ' || (cp >= 0x09 && cp <= 0x0D);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** True for whitespace, letters and numbers: the characters {@code [^\s\p{L}\p{N}]} excludes. */
    static boolean isSpaceLetterOrNumber(int cp) {
        return isWhitespace(cp) || isLetter(cp) || isNumber(cp);
    }
}
