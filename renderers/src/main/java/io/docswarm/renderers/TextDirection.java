package io.docswarm.renderers;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterDirection;

/**
 * The base direction of a paragraph, decided the way the Unicode Bidirectional Algorithm decides it (rules P2 and
 * P3): by its first strong character. Every renderer asks this one class, so a paragraph that Word shows right to
 * left is also right to left in the deck, the workbook and the PDF.
 */
public enum TextDirection {
    LEFT_TO_RIGHT,
    RIGHT_TO_LEFT;

    /**
     * The direction of the first strong character (a letter of a left-to-right script, or of Hebrew, Arabic, Syriac,
     * Thaana, N'Ko, ...), skipping the content of directional isolates as rule P2 says; left to right when there is
     * none (digits, punctuation and spaces alone are not strong).
     */
    public static TextDirection of(CharSequence text) {
        return of(text, LEFT_TO_RIGHT);
    }

    /**
     * The direction of the first strong character, or {@code otherwise} when there is none: the higher-level
     * protocol of rule HL1, by which a paragraph of digits and punctuation alone ("2026", "—") takes the direction
     * of the document it is in.
     */
    public static TextDirection of(CharSequence text, TextDirection otherwise) {
        int isolates = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            switch (UCharacter.getDirection(codePoint)) {
                case UCharacterDirection.LEFT_TO_RIGHT_ISOLATE, UCharacterDirection.RIGHT_TO_LEFT_ISOLATE,
                     UCharacterDirection.FIRST_STRONG_ISOLATE -> isolates++;
                case UCharacterDirection.POP_DIRECTIONAL_ISOLATE -> isolates = Math.max(0, isolates - 1);
                case UCharacterDirection.LEFT_TO_RIGHT -> {
                    if (isolates == 0) {
                        return LEFT_TO_RIGHT;
                    }
                }
                case UCharacterDirection.RIGHT_TO_LEFT, UCharacterDirection.RIGHT_TO_LEFT_ARABIC -> {
                    if (isolates == 0) {
                        return RIGHT_TO_LEFT;
                    }
                }
                default -> {
                    // weak and neutral characters do not decide
                }
            }
        }
        return otherwise;
    }

    /**
     * Whether {@code text} has any right-to-left character anywhere. Text without one is laid out exactly as
     * before bidi support existed: it needs no reordering, no shaping and no right-to-left markup.
     */
    public static boolean containsRightToLeft(CharSequence text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            i += Character.charCount(codePoint);
            int direction = UCharacter.getDirection(codePoint);
            if (direction == UCharacterDirection.RIGHT_TO_LEFT
                    || direction == UCharacterDirection.RIGHT_TO_LEFT_ARABIC) {
                return true;
            }
        }
        return false;
    }

    public boolean isRightToLeft() {
        return this == RIGHT_TO_LEFT;
    }
}
