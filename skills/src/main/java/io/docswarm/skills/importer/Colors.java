package io.docswarm.skills.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Six-digit hex colours: normalising, telling neutral greys from brand colours, picking defaults. */
final class Colors {

    private Colors() {
    }

    /** Upper-case six-digit hex from RRGGBB, AARRGGBB or #RRGGBB; null when it is none of these. */
    static String hex(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        if (v.startsWith("#")) {
            v = v.substring(1);
        }
        if (v.length() == 8 && v.matches("[0-9A-Fa-f]{8}")) {
            v = v.substring(2);
        }
        return v.matches("[0-9A-Fa-f]{6}") ? v.toUpperCase(Locale.ROOT) : null;
    }

    static String hex(byte[] rgb) {
        if (rgb == null || rgb.length < 3) {
            return null;
        }
        int offset = rgb.length == 4 ? 1 : 0;
        return String.format(Locale.ROOT, "%02X%02X%02X", rgb[offset] & 0xFF, rgb[offset + 1] & 0xFF,
                rgb[offset + 2] & 0xFF);
    }

    static String hex(java.awt.Color color) {
        return String.format(Locale.ROOT, "%02X%02X%02X", color.getRed(), color.getGreen(), color.getBlue());
    }

    static java.awt.Color awt(String hex) {
        return new java.awt.Color(Integer.parseInt(hex, 16));
    }

    /** Greys, near-black and near-white: colours that carry text, not a brand. */
    static boolean neutral(String hex) {
        int rgb = Integer.parseInt(hex, 16);
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        return max - min < 24;
    }

    /** The theme's accents in order (accent1..accent6), the chart palette an Office theme implies. */
    static List<String> accents(Map<String, String> themeColors) {
        List<String> accents = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String c = themeColors.get("accent" + i);
            if (c != null) {
                accents.add(c);
            }
        }
        return accents;
    }
}
