package io.docswarm.skills;

import java.io.Serializable;

/**
 * Paper and margins for paged formats.
 *
 * <p>{@code size} names the nearest standard paper so renderers that only know A4 and Letter keep working;
 * an imported sample's exact page and margins are kept in {@code widthMm}, {@code heightMm} and
 * {@code margins} (absent in hand-written Skills).
 *
 * @param size      {@code A4} or {@code LETTER}
 * @param landscape orientation
 * @param marginMm  margin on every side, millimetres
 * @param widthMm   exact page width (orientation applied), 0 when the named size is exact
 * @param heightMm  exact page height (orientation applied), 0 when the named size is exact
 * @param margins   exact margin on each side, or null when every side is {@code marginMm}
 */
public record PageSetup(String size, boolean landscape, double marginMm, double widthMm, double heightMm,
                        Margins margins) implements Serializable {

    public PageSetup {
        if (!"A4".equals(size) && !"LETTER".equals(size)) {
            throw new IllegalArgumentException("page size must be A4 or LETTER, was " + size);
        }
        if (marginMm < 5 || marginMm > 60) {
            throw new IllegalArgumentException("margin must be 5..60 mm, was " + marginMm);
        }
        if (widthMm < 0 || heightMm < 0 || (widthMm == 0) != (heightMm == 0)) {
            throw new IllegalArgumentException("exact page size needs both width and height, was "
                    + widthMm + " x " + heightMm + " mm");
        }
    }

    /** A named paper size with the same margin on every side. */
    public PageSetup(String size, boolean landscape, double marginMm) {
        this(size, landscape, marginMm, 0, 0, null);
    }

    /** Page width in points (1/72 inch), orientation applied. */
    public double widthPt() {
        if (widthMm > 0) {
            return widthMm * MM_TO_PT;
        }
        return landscape ? portraitHeightPt() : portraitWidthPt();
    }

    /** Page height in points, orientation applied. */
    public double heightPt() {
        if (heightMm > 0) {
            return heightMm * MM_TO_PT;
        }
        return landscape ? portraitWidthPt() : portraitHeightPt();
    }

    public double marginPt() {
        return marginMm * MM_TO_PT;
    }

    private static final double MM_TO_PT = 72.0 / 25.4;

    private double portraitWidthPt() {
        return "A4".equals(size) ? 595.28 : 612.0;
    }

    private double portraitHeightPt() {
        return "A4".equals(size) ? 841.89 : 792.0;
    }

    /**
     * The paper name nearest to an exact size in millimetres (either orientation): Letter when the page is
     * within a few millimetres of 215.9 x 279.4, A4 otherwise.
     */
    public static String nearestPaper(double widthMm, double heightMm) {
        double shortSide = Math.min(widthMm, heightMm);
        double longSide = Math.max(widthMm, heightMm);
        double toLetter = Math.abs(shortSide - 215.9) + Math.abs(longSide - 279.4);
        double toA4 = Math.abs(shortSide - 210) + Math.abs(longSide - 297);
        return toLetter < toA4 ? "LETTER" : "A4";
    }

    /**
     * Margins of each side in millimetres.
     */
    public record Margins(double topMm, double rightMm, double bottomMm, double leftMm) implements Serializable {
        public Margins {
            for (double side : new double[] {topMm, rightMm, bottomMm, leftMm}) {
                if (side < 0 || side > 200) {
                    throw new IllegalArgumentException("margin must be 0..200 mm, was " + side);
                }
            }
        }
    }
}
