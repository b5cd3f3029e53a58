package io.docswarm.skills;

import java.io.Serializable;

/**
 * One named text style of a sample (a Word paragraph style, a slide master's title or body level, a PDF font
 * size cluster). Sizes and spacing in points, colours six hex digits; zero or empty means "not set".
 *
 * @param role          what the style is for: {@code title}, {@code subtitle}, {@code heading1} ... {@code heading6},
 *                      {@code body}, {@code caption}, {@code list}, {@code table} or {@code other}
 * @param name          the style's name in the sample (e.g. {@code Heading 1}); for PDFs a description of the cluster
 * @param font          font family
 * @param size          font size
 * @param bold          bold weight
 * @param italic        italic
 * @param color         text colour
 * @param spaceBeforePt space above the paragraph
 * @param spaceAfterPt  space below the paragraph
 */
public record TextStyle(String role, String name, String font, double size, boolean bold, boolean italic,
                        String color, double spaceBeforePt, double spaceAfterPt) implements Serializable {

    public TextStyle {
        role = role == null || role.isBlank() ? "other" : role;
        name = name == null ? "" : name;
        font = font == null ? "" : font;
        color = color == null ? "" : color;
        if (!color.isEmpty() && !color.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("style " + name + ": colour must be six hex digits, was " + color);
        }
        if (size < 0 || spaceBeforePt < 0 || spaceAfterPt < 0) {
            throw new IllegalArgumentException("style " + name + ": sizes must not be negative");
        }
    }
}
