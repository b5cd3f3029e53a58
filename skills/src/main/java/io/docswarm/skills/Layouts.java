package io.docswarm.skills;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The slide layouts of a deck sample: each layout with its placeholders as slots, and which layout serves
 * which slide role.
 *
 * @param slideWidthPt  slide width in points
 * @param slideHeightPt slide height in points
 * @param layouts       every layout of every master, in master order
 * @param roles         role ({@code title}, {@code section}, {@code content}, {@code two-content}, {@code chart},
 *                      {@code table}, {@code picture}, {@code closing}) to layout name
 */
public record Layouts(double slideWidthPt, double slideHeightPt, List<SlideLayout> layouts, Map<String, String> roles)
        implements Serializable {

    /** The roles a deck Skill maps to layouts. */
    public static final List<String> ROLES =
            List.of("title", "section", "content", "two-content", "chart", "table", "picture", "closing");

    public Layouts {
        layouts = layouts == null ? List.of() : List.copyOf(layouts);
        roles = roles == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(roles));
        for (var entry : roles.entrySet()) {
            if (!ROLES.contains(entry.getKey())) {
                throw new IllegalArgumentException("unknown slide role '" + entry.getKey() + "', roles are " + ROLES);
            }
            if (layouts.stream().noneMatch(l -> l.name().equals(entry.getValue()))) {
                throw new IllegalArgumentException("role " + entry.getKey() + " names layout '" + entry.getValue()
                        + "', which the Skill does not have");
            }
        }
    }

    /** The layout with this name. */
    public Optional<SlideLayout> layout(String name) {
        return layouts.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** The layout that serves a role, if one does. */
    public Optional<SlideLayout> forRole(String role) {
        return Optional.ofNullable(roles.get(role)).flatMap(this::layout);
    }

    /**
     * One slide layout.
     *
     * @param name  the layout's name in the sample (unique within the Skill)
     * @param type  the layout type the file declares ({@code title}, {@code obj}, {@code twoObj} ...), empty if none
     * @param slots its placeholders
     */
    public record SlideLayout(String name, String type, List<Slot> slots) implements Serializable {
        public SlideLayout {
            type = type == null ? "" : type;
            slots = slots == null ? List.of() : List.copyOf(slots);
        }
    }

    /**
     * A placeholder of a layout and how much text fits in it.
     *
     * @param name     placeholder name in the sample
     * @param type     placeholder type: {@code title}, {@code ctrTitle}, {@code subTitle}, {@code body}, {@code obj},
     *                 {@code chart}, {@code tbl}, {@code pic}, {@code dt}, {@code ftr}, {@code sldNum} ...
     * @param index    placeholder index ({@code idx}) that slides use to refer to it
     * @param xPt      left edge
     * @param yPt      top edge
     * @param widthPt  width
     * @param heightPt height
     * @param fontSize size of its first text level, 0 when it holds no text
     * @param maxLines lines of that size that fit
     * @param maxChars characters that fit (lines x characters per line), 0 for non-text slots
     */
    public record Slot(String name, String type, int index, double xPt, double yPt, double widthPt, double heightPt,
                       double fontSize, int maxLines, int maxChars) implements Serializable {

        /** Average glyph width as a share of the font size, for proportional Latin fonts. */
        public static final double AVERAGE_CHAR_EM = 0.5;
        /** Line height as a multiple of the font size. */
        public static final double LINE_HEIGHT_EM = 1.2;
        /** Inner padding of a text box on each side (PowerPoint's default is 0.1 in left/right, 0.05 in top/bottom). */
        public static final double INSET_PT = 7.2;

        /** A slot whose budget is computed from its size and font size. */
        public static Slot measured(String name, String type, int index, double xPt, double yPt, double widthPt,
                                    double heightPt, double fontSize) {
            int lines = 0;
            int chars = 0;
            if (fontSize > 0) {
                lines = Math.max(0, (int) Math.floor((heightPt - INSET_PT) / (fontSize * LINE_HEIGHT_EM)));
                int perLine = Math.max(0, (int) Math.floor((widthPt - 2 * INSET_PT) / (fontSize * AVERAGE_CHAR_EM)));
                chars = lines * perLine;
            }
            return new Slot(name, type, index, round(xPt), round(yPt), round(widthPt), round(heightPt), fontSize,
                    lines, chars);
        }

        private static double round(double pt) {
            return Math.round(pt * 100) / 100.0;
        }
    }
}
