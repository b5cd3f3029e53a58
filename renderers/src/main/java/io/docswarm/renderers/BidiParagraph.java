package io.docswarm.renderers;

import com.ibm.icu.text.Bidi;
import java.util.ArrayList;
import java.util.List;

/**
 * The resolved embedding level of every character of one paragraph, by the Unicode Bidirectional Algorithm (ICU's
 * implementation) run over the whole paragraph at its {@link TextDirection base direction}: odd levels run right
 * to left. Levels must come from the whole paragraph, not from a line or a run, because the direction of digits,
 * punctuation and spaces depends on the strong characters around them.
 *
 * <p>Text without right-to-left characters in a left-to-right paragraph is all level 0 without running the
 * algorithm, so left-to-right documents are laid out exactly as before.
 */
public final class BidiParagraph {

    /** A maximal stretch of characters at one level; {@code end} is exclusive. */
    public record Span(int start, int end, int level) {
        public boolean rightToLeft() {
            return (level & 1) == 1;
        }
    }

    private final TextDirection direction;
    /** Null when every character is at level 0. */
    private final byte[] levels;

    private BidiParagraph(TextDirection direction, byte[] levels) {
        this.direction = direction;
        this.levels = levels;
    }

    /** The paragraph's levels at the base direction of its first strong character. */
    public static BidiParagraph of(String text) {
        return of(text, TextDirection.of(text));
    }

    /**
     * The paragraph's levels at a given base direction: a list marker such as "1." takes its item's direction, not
     * its own.
     */
    public static BidiParagraph of(String text, TextDirection base) {
        if (!base.isRightToLeft() && !TextDirection.containsRightToLeft(text)) {
            return new BidiParagraph(base, null);
        }
        Bidi bidi = new Bidi();
        bidi.setPara(text, base.isRightToLeft() ? (byte) 1 : (byte) 0, null);
        return new BidiParagraph(base, bidi.getLevels());
    }

    public TextDirection direction() {
        return direction;
    }

    /** Whether any character runs right to left (the base direction alone does not count). */
    public boolean hasRightToLeft() {
        if (levels != null) {
            for (byte level : levels) {
                if ((level & 1) == 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The level of the UTF-16 unit at {@code index}. */
    public int level(int index) {
        return levels == null ? 0 : levels[index];
    }

    /** The characters of {@code [start, end)} cut where their level changes. */
    public List<Span> spans(int start, int end) {
        List<Span> spans = new ArrayList<>();
        int from = start;
        for (int i = start + 1; i <= end; i++) {
            if (i == end || level(i) != level(from)) {
                spans.add(new Span(from, i, level(from)));
                from = i;
            }
        }
        return spans;
    }
}
