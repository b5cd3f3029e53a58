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
 * @param theme        the sample's theme colours and fonts, null when the Skill was written by hand
 * @param styles       the sample's text styles (title, headings, body ...), empty when written by hand
 * @param tableStyle   how tables look, null when unknown
 * @param logos        brand images kept in the Skill package
 */
public record Look(String headingFont, String bodyFont, double bodySize, double titleSize, List<Double> headingSizes,
                   String primaryColor, String accentColor, String textColor, List<String> chartPalette,
                   PageSetup page, String headerText, String footerText, boolean justify, Theme theme,
                   List<TextStyle> styles, TableStyle tableStyle, List<Logo> logos) implements Serializable {

    public Look {
        headingSizes = List.copyOf(headingSizes);
        chartPalette = List.copyOf(chartPalette);
        styles = styles == null ? List.of() : List.copyOf(styles);
        logos = logos == null ? List.of() : List.copyOf(logos);
        headerText = headerText == null ? "" : headerText;
        footerText = footerText == null ? "" : footerText;
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

    /** A look without the details an import adds (theme, named styles, table style, logos). */
    public Look(String headingFont, String bodyFont, double bodySize, double titleSize, List<Double> headingSizes,
                String primaryColor, String accentColor, String textColor, List<String> chartPalette,
                PageSetup page, String headerText, String footerText, boolean justify) {
        this(headingFont, bodyFont, bodySize, titleSize, headingSizes, primaryColor, accentColor, textColor,
                chartPalette, page, headerText, footerText, justify, null, List.of(), null, List.of());
    }

    /** The named style with this role ({@code heading1}, {@code body} ...), if the Skill has one. */
    public java.util.Optional<TextStyle> style(String role) {
        return styles.stream().filter(s -> s.role().equals(role)).findFirst();
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
