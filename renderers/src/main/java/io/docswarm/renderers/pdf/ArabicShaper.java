package io.docswarm.renderers.pdf;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import java.util.BitSet;

/**
 * Arabic letters in their contextual forms. A PDF shows one glyph per character and PDFBox applies no OpenType
 * shaping, so joined Arabic must be written with the presentation-form characters themselves (U+FE70–U+FEFF and
 * U+FB50–U+FDFF: initial, medial, final and isolated forms, and the lam-alef ligatures). ICU does the shaping on the
 * whole paragraph in logical order, so letters join across style changes inside a word.
 */
final class ArabicShaper {

    /**
     * Shaped text of the same length as the original, position for position, so the bidi levels and word
     * boundaries found on the original still apply. A lam-alef ligature takes the lam's position; the alef's
     * position becomes a "ligature tail" that is not drawn.
     */
    record Shaped(String text, BitSet ligatureTails) {

        /** The shaped characters of the original's {@code [start, end)}, without ligature tails. */
        String slice(int start, int end) {
            if (ligatureTails.isEmpty()) {
                return text.substring(start, end);
            }
            StringBuilder slice = new StringBuilder(end - start);
            for (int i = start; i < end; i++) {
                if (!ligatureTails.get(i)) {
                    slice.append(text.charAt(i));
                }
            }
            return slice.toString();
        }
    }

    private ArabicShaper() {
    }

    /** The text as it is, for paragraphs without right-to-left characters. */
    static Shaped unshaped(String text) {
        return new Shaped(text, new BitSet());
    }

    static Shaped shape(String logical) {
        // Fixed length: each lam-alef ligature leaves a space where its alef was, which keeps positions aligned.
        ArabicShaping shaping = new ArabicShaping(ArabicShaping.LETTERS_SHAPE | ArabicShaping.TEXT_DIRECTION_LOGICAL
                | ArabicShaping.LENGTH_FIXED_SPACES_NEAR);
        String shaped;
        try {
            shaped = shaping.shape(logical);
        } catch (ArabicShapingException e) {
            // Only a length mode that can run out of room throws; fixed length with spaces cannot.
            throw new IllegalStateException("cannot shape '" + logical + "'", e);
        }
        if (shaped.length() != logical.length()) {
            throw new IllegalStateException("shaping changed the length of '" + logical + "'");
        }
        BitSet tails = new BitSet();
        for (int i = 0; i < logical.length(); i++) {
            if (shaped.charAt(i) == ' ' && logical.charAt(i) != ' ') {
                tails.set(i);
            }
        }
        return new Shaped(shaped, tails);
    }
}
