package io.docswarm.renderers.pptx;

import io.docswarm.renderers.model.Slide.SlideRole;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * Picks, for each slide role, one of the deck's own layouts (from every master). A layout is scored on what it
 * declares, in this order of weight: the placeholders it has (a chart placeholder for a chart slide, two content
 * placeholders for two-content slides), its layout type, and words in its name ("Section", "Closing", "Chart").
 * Roles no layout serves fall back along a fixed chain (a chart slide to a two-content or content layout, a
 * closing slide to the title layout, ...); every fallback is reported once.
 */
final class LayoutChooser {

    /** What a layout offers. */
    record Candidate(XSLFSlideLayout layout, String name, SlideLayout type, Map<Placeholder, Integer> placeholders) {
        int count(Placeholder... kinds) {
            int n = 0;
            for (Placeholder kind : kinds) {
                n += placeholders.getOrDefault(kind, 0);
            }
            return n;
        }

        boolean hasTitle() {
            return count(Placeholder.TITLE, Placeholder.CENTERED_TITLE) > 0;
        }

        int contentHolders() {
            return count(Placeholder.BODY, Placeholder.CONTENT);
        }

        boolean nameHas(String... words) {
            for (String word : words) {
                if (name.contains(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The chosen layout and, when it is a fallback, why. */
    record Choice(XSLFSlideLayout layout, String fallbackNote) {
    }

    private static final int GOOD_ENOUGH = 40;

    private final List<Candidate> candidates = new ArrayList<>();
    private final Map<SlideRole, Choice> cache = new EnumMap<>(SlideRole.class);

    LayoutChooser(XMLSlideShow show) {
        for (XSLFSlideMaster master : show.getSlideMasters()) {
            for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                Map<Placeholder, Integer> placeholders = new EnumMap<>(Placeholder.class);
                for (XSLFTextShape shape : layout.getPlaceholders()) {
                    Placeholder kind = shape.getPlaceholder();
                    if (kind != null) {
                        placeholders.merge(kind, 1, Integer::sum);
                    }
                }
                String name = layout.getName() == null ? "" : layout.getName().toLowerCase(Locale.ROOT);
                candidates.add(new Candidate(layout, name, layout.getType(), placeholders));
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("the presentation has no slide layouts");
        }
    }

    /** The layout for {@code role}; {@code withText} says whether a visual slide also carries text. */
    Choice choose(SlideRole role, boolean withText) {
        boolean visual = role == SlideRole.CHART || role == SlideRole.TABLE || role == SlideRole.PICTURE;
        if (visual && withText) {
            // A visual with text beside it needs a text area too: a dedicated layout that has one (e.g. "Chart
            // with caption"), else a two-content layout.
            Candidate dedicated = best(role);
            if (dedicated != null && score(role, dedicated) >= GOOD_ENOUGH && dedicated.contentHolders() > 0) {
                return new Choice(dedicated.layout(), "");
            }
            return cache.computeIfAbsent(SlideRole.TWO_CONTENT, r -> resolve(r, role));
        }
        return cache.computeIfAbsent(role, r -> resolve(r, r));
    }

    private Choice resolve(SlideRole role, SlideRole asked) {
        SlideRole current = role;
        List<SlideRole> tried = new ArrayList<>();
        while (current != null) {
            Candidate best = best(current);
            if (best != null && score(current, best) >= GOOD_ENOUGH) {
                String note = tried.isEmpty() ? "" : "template has no layout for " + describe(tried.getFirst())
                        + " slides; used '" + best.layout().getName() + "'";
                return new Choice(best.layout(), note);
            }
            tried.add(current);
            current = fallback(current);
        }
        // Last resort: any layout with a title, else the first layout.
        Candidate any = candidates.stream().filter(Candidate::hasTitle).findFirst().orElse(candidates.getFirst());
        return new Choice(any.layout(), "template has no layout for " + describe(asked) + " slides; used '"
                + any.layout().getName() + "'");
    }

    private static String describe(SlideRole role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static SlideRole fallback(SlideRole role) {
        return switch (role) {
            case CHART, TABLE, PICTURE, TWO_CONTENT -> SlideRole.CONTENT;
            case CLOSING, SECTION -> SlideRole.TITLE;
            case TITLE, CONTENT -> null;
        };
    }

    private Candidate best(SlideRole role) {
        Candidate best = null;
        int bestScore = Integer.MIN_VALUE;
        for (Candidate candidate : candidates) {
            int score = score(role, candidate);
            if (score > bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static int visualHolders(Candidate c) {
        return c.count(Placeholder.CHART, Placeholder.TABLE, Placeholder.PICTURE);
    }

    /** How well {@code c} serves {@code role}; {@link #GOOD_ENOUGH} or more is a match. */
    static int score(SlideRole role, Candidate c) {
        int score = c.hasTitle() ? 10 : -40;
        int content = c.contentHolders();
        // Vertical-text layouts serve East Asian typesetting, never a default role.
        if (c.type() == SlideLayout.VERT_TX || c.type() == SlideLayout.VERT_TITLE_AND_TX
                || c.type() == SlideLayout.VERT_TITLE_AND_TX_OVER_CHART || c.nameHas("vertical")) {
            score -= 50;
        }
        switch (role) {
            case TITLE -> {
                score += c.type() == SlideLayout.TITLE ? 40 : 0;
                score += c.count(Placeholder.CENTERED_TITLE) > 0 ? 20 : 0;
                score += c.count(Placeholder.SUBTITLE) > 0 ? 10 : 0;
                score += c.nameHas("title slide", "cover", "titel") ? 30 : 0;
                score -= content > 0 && c.count(Placeholder.SUBTITLE) == 0 ? 20 : 0;
            }
            case SECTION -> {
                score += c.type() == SlideLayout.SECTION_HEADER ? 40 : 0;
                score += c.nameHas("section", "divider", "chapter", "abschnitt") ? 40 : 0;
                score -= content > 1 ? 20 : 0;
            }
            case CONTENT -> {
                score += c.type() == SlideLayout.TITLE_AND_CONTENT || c.type() == SlideLayout.TEXT ? 40 : 0;
                score += content == 1 ? 30 : 0;
                score += c.count(Placeholder.CONTENT) == 1 ? 5 : 0;
                score += c.nameHas("content", "text", "body", "bullet", "inhalt") ? 20 : 0;
                score -= content == 0 ? 60 : 0;
                score -= c.count(Placeholder.CENTERED_TITLE) > 0 ? 30 : 0;
            }
            case TWO_CONTENT -> {
                score += c.type() == SlideLayout.TWO_OBJ || c.type() == SlideLayout.TWO_TX_TWO_OBJ
                        || c.type() == SlideLayout.TWO_COL_TX ? 40 : 0;
                score += content + visualHolders(c) >= 2 ? 30 : -60;
                score += c.nameHas("two", "comparison", "column", "zwei") ? 20 : 0;
                score -= c.type() == SlideLayout.TWO_TX_TWO_OBJ ? 5 : 0;
            }
            case CHART -> score += visual(c, Placeholder.CHART, SlideLayout.CHART, "chart", "graph", "diagram");
            case TABLE -> score += visual(c, Placeholder.TABLE, SlideLayout.TBL, "table", "tabelle");
            case PICTURE -> score += visual(c, Placeholder.PICTURE, SlideLayout.PIC_TX, "picture", "photo", "image",
                    "bild");
            case CLOSING -> {
                score += c.nameHas("closing", "end", "thank", "contact", "questions", "q&a", "abschluss") ? 60 : 0;
                score -= content > 1 ? 20 : 0;
            }
        }
        return score;
    }

    private static int visual(Candidate c, Placeholder holder, SlideLayout type, String... words) {
        int score = c.count(holder) > 0 ? 50 : 0;
        score += c.type() == type ? 30 : 0;
        score += c.nameHas(words) ? 30 : 0;
        return score;
    }
}
