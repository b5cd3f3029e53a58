package io.docswarm.agents.design;

import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Layouts;
import io.docswarm.skills.Skill;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The designer: maps each slide's content to the Skill's own layout for its role and keeps it within that
 * layout's text slot. A slide whose bullets exceed the slot's character budget (measured from the sample's
 * placeholder size and font) or the Skill's bullets-per-slide is split into continuation slides before
 * rendering, and every such decision is reported.
 */
public final class Designer {

    /**
     * @param slides    the slides as designed
     * @param decisions what the designer changed and why
     */
    public record Design(List<Slide> slides, List<String> decisions) {
    }

    private Designer() {
    }

    public static Design design(List<Slide> slides, Skill skill) {
        List<Slide> designed = new ArrayList<>();
        List<String> decisions = new ArrayList<>();
        for (Slide slide : slides) {
            Optional<Budget> budget = budget(slide.role(), skill);
            Optional<BulletList> bullets = onlyBullets(slide);
            if (budget.isEmpty() || bullets.isEmpty()) {
                designed.add(slide);
                continue;
            }
            List<List<BulletList.Item>> pages = paginate(bullets.get().items(), budget.get());
            if (pages.size() > 1) {
                decisions.add("designer: slide '" + slide.title() + "' split into " + pages.size()
                        + " slides to fit the '" + budget.get().layout() + "' layout (" + budget.get().maxChars()
                        + " characters, " + budget.get().maxItems() + " bullets per slide)");
            }
            for (int i = 0; i < pages.size(); i++) {
                designed.add(new Slide(slide.role(), i == 0 ? slide.title() : slide.title() + " (cont.)",
                        List.of(new BulletList(bullets.get().numbered(), pages.get(i))), slide.notes()));
            }
        }
        return new Design(designed, decisions);
    }

    /** How much one slide of this role holds: the role's layout's largest text slot, and the Skill's voice. */
    private record Budget(String layout, int maxChars, int maxItems) {
    }

    private static Optional<Budget> budget(Slide.SlideRole role, Skill skill) {
        Layouts layouts = skill.layouts();
        if (layouts == null || role != Slide.SlideRole.CONTENT) {
            return Optional.empty();
        }
        return layouts.forRole(role.name().toLowerCase(Locale.ROOT)).flatMap(layout -> layout.slots().stream()
                .filter(slot -> slot.maxChars() > 0 && ("body".equals(slot.type()) || "obj".equals(slot.type())))
                .max(java.util.Comparator.comparingInt(Layouts.Slot::maxChars))
                .map(slot -> new Budget(layout.name(), slot.maxChars(), skill.voice().maxBulletsPerSlide())));
    }

    private static Optional<BulletList> onlyBullets(Slide slide) {
        if (slide.body().size() == 1 && slide.body().getFirst() instanceof BulletList list) {
            return Optional.of(list);
        }
        return Optional.empty();
    }

    /** Greedy pages: add bullets while both the character and the bullet budget hold; a page has at least one. */
    private static List<List<BulletList.Item>> paginate(List<BulletList.Item> items, Budget budget) {
        List<List<BulletList.Item>> pages = new ArrayList<>();
        List<BulletList.Item> page = new ArrayList<>();
        int chars = 0;
        for (BulletList.Item item : items) {
            // A bullet also costs the rest of its last line; count a line's worth of slack per bullet.
            int cost = item.text().length() + 10;
            if (!page.isEmpty() && (chars + cost > budget.maxChars() || page.size() >= budget.maxItems())) {
                pages.add(page);
                page = new ArrayList<>();
                chars = 0;
            }
            page.add(item);
            chars += cost;
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }
}
