package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;

/**
 * The visual standard of a Skill. Colours are six-digit hex RGB without '#'; sizes are in points.
 *
 * @param headingFont  font family for headings and titles
 * @param bodyFont     font family for body text
 * @param bodySize     body text size
 * @param titleSize    document or slide title size
 * @param headingSizes sizes of heading levels 1, 2, 3
 * @param primaryColor headings, title bars, table header fill
 * @param accentColor  rules, highlights, call-outs
 * @param textColor    body text
 * @param chartPalette series colours in order
 * @param page         paper size, orientation and margins
 * @param headerText   running header ({@code {title}} is replaced by the document title)
 * @param footerText   running footer ({@code {page}} is replaced by the page number)
 * @param justify      whether body paragraphs are justified
 */
public record Look(String headingFont, String bodyFont, double bodySize, double titleSize, List<Double> headingSizes,
                   String primaryColor, String accentColor, String textColor, List<String> chartPalette,
                   PageSetup page, String headerText, String footerText, boolean justify) implements Serializable {

    public Look {
        headingSizes = List.copyOf(headingSizes);
        chartPalette = List.copyOf(chartPalette);
        if (headingSizes.isEmpty()) {
            throw new IllegalArgumentException("look needs at least one heading size");
        }
        if (chartPalette.isEmpty()) {
            throw new IllegalArgumentException("look needs a chart palette");
        }
        for (String colour : concat(List.of(primaryColor, accentColor, textColor), chartPalette)) {
            if (colour == null || !colour.matches("[0-9A-Fa-f]{6}")) {
                throw new IllegalArgumentException("colour must be six hex digits, was " + colour);
            }
        }
    }

    /** Size of a heading level (1-based), the smallest defined size for deeper levels. */
    public double headingSize(int level) {
        return headingSizes.get(Math.min(Math.max(level, 1), headingSizes.size()) - 1);
    }

    /** The palette colour for series {@code index}, cycling. */
    public String seriesColor(int index) {
        return chartPalette.get(Math.floorMod(index, chartPalette.size()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var all = new java.util.ArrayList<String>(a);
        all.addAll(b);
        return all;
    }
}
