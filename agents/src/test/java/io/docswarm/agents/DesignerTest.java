package io.docswarm.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.design.Designer;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Layouts;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DesignerTest {

    private static final Skill DECK = SkillLibrary.builtIn("deck").orElseThrow();

    @Test
    void contentBeyondTheLayoutsBodySlotIsSplitAndReported() {
        Layouts.Slot body = DECK.layouts().forRole("content").orElseThrow().slots().stream()
                .filter(s -> s.maxChars() > 0 && ("body".equals(s.type()) || "obj".equals(s.type())))
                .max(java.util.Comparator.comparingInt(Layouts.Slot::maxChars)).orElseThrow();
        List<String> bullets = new ArrayList<>();
        String bullet = "A statement long enough to take most of a line on the slide body.";
        for (int i = 0; i < 2 * body.maxChars() / bullet.length() + 2; i++) {
            bullets.add(bullet);
        }
        Slide crowded = new Slide(Slide.SlideRole.CONTENT, "Findings", List.of(BulletList.bullets(bullets)), "notes");
        Slide title = new Slide(Slide.SlideRole.TITLE, "Deck", List.of(), "");
        Designer.Design design = Designer.design(List.of(title, crowded), DECK);
        assertTrue(design.slides().size() >= 4, "the crowded slide needs at least three: " + design.slides().size());
        assertEquals(title, design.slides().getFirst(), "other roles are left alone");
        assertEquals("Findings (cont.)", design.slides().get(2).title());
        for (Slide slide : design.slides().subList(1, design.slides().size())) {
            BulletList list = (BulletList) slide.body().getFirst();
            int chars = list.items().stream().mapToInt(item -> item.text().length() + 10).sum();
            assertTrue(chars <= body.maxChars(), "each page fits the slot: " + chars + " > " + body.maxChars());
            assertTrue(list.items().size() <= DECK.voice().maxBulletsPerSlide());
            assertEquals("notes", slide.notes());
        }
        assertEquals(1, design.decisions().size());
        assertTrue(design.decisions().getFirst().contains(DECK.layouts().roles().get("content")),
                design.decisions()::toString);
    }
}
