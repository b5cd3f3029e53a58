package io.docswarm.skills;

import java.io.Serializable;
import java.util.Map;

/**
 * An Office theme: its colour scheme and font scheme.
 *
 * @param name      the theme's name in the sample
 * @param colors    scheme slot to six-digit hex, e.g. {@code dk1}, {@code lt1}, {@code accent1} ... {@code accent6},
 *                  {@code hlink}
 * @param majorFont the heading (major) Latin font
 * @param minorFont the body (minor) Latin font
 */
public record Theme(String name, Map<String, String> colors, String majorFont, String minorFont)
        implements Serializable {

    public Theme {
        name = name == null ? "" : name;
        colors = colors == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(colors));
        majorFont = majorFont == null ? "" : majorFont;
        minorFont = minorFont == null ? "" : minorFont;
        colors.forEach((slot, hex) -> {
            if (!hex.matches("[0-9A-Fa-f]{6}")) {
                throw new IllegalArgumentException("theme colour " + slot + " must be six hex digits, was " + hex);
            }
        });
    }
}
