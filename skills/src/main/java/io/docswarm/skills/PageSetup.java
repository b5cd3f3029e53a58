package io.docswarm.skills;

import java.io.Serializable;

/**
 * Paper and margins for paged formats.
 *
 * @param size      {@code A4} or {@code LETTER}
 * @param landscape orientation
 * @param marginMm  margin on every side, millimetres
 */
public record PageSetup(String size, boolean landscape, double marginMm) implements Serializable {

    public PageSetup {
        if (!"A4".equals(size) && !"LETTER".equals(size)) {
            throw new IllegalArgumentException("page size must be A4 or LETTER, was " + size);
        }
        if (marginMm < 5 || marginMm > 60) {
            throw new IllegalArgumentException("margin must be 5..60 mm, was " + marginMm);
        }
    }

    /** Page width in points (1/72 inch), orientation applied. */
    public double widthPt() {
        return landscape ? portraitHeightPt() : portraitWidthPt();
    }

    /** Page height in points, orientation applied. */
    public double heightPt() {
        return landscape ? portraitWidthPt() : portraitHeightPt();
    }

    public double marginPt() {
        return marginMm * 72.0 / 25.4;
    }

    private double portraitWidthPt() {
        return "A4".equals(size) ? 595.28 : 612.0;
    }

    private double portraitHeightPt() {
        return "A4".equals(size) ? 841.89 : 792.0;
    }
}
