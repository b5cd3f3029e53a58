package io.docswarm.skills;

import java.io.Serializable;

/**
 * How tables look: the sample's table style name (when it has one) and the colours of its first table.
 * Colours are six hex digits or empty when the sample does not set them.
 *
 * @param name            table style id or name, e.g. {@code TableGrid}
 * @param headerFill      fill of the header row
 * @param headerTextColor text colour of the header row
 * @param bandFill        fill of alternate body rows
 * @param borderColor     cell border colour
 */
public record TableStyle(String name, String headerFill, String headerTextColor, String bandFill, String borderColor)
        implements Serializable {

    public TableStyle {
        name = name == null ? "" : name;
        headerFill = hex(headerFill);
        headerTextColor = hex(headerTextColor);
        bandFill = hex(bandFill);
        borderColor = hex(borderColor);
    }

    private static String hex(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (!value.matches("[0-9A-Fa-f]{6}")) {
            throw new IllegalArgumentException("table colour must be six hex digits, was " + value);
        }
        return value.toUpperCase(java.util.Locale.ROOT);
    }
}
