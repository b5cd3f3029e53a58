package io.docswarm.skills;

import java.util.List;
import java.util.Map;

/** Skills for tests. */
final class SkillFixtures {

    private SkillFixtures() {
    }

    /** A Skill with every optional part set. */
    static Skill fullyPopulated() {
        Skill base = SkillLibrary.builtIn("deck").orElseThrow();
        Look b = base.look();
        Look look = new Look(b.headingFont(), b.bodyFont(), b.bodySize(), b.titleSize(), b.headingSizes(),
                b.primaryColor(), b.accentColor(), b.textColor(), b.chartPalette(),
                new PageSetup("A4", true, 12, 338.67, 190.5, new PageSetup.Margins(10, 12, 10, 12)),
                "{title}", "{page}", false,
                new Theme("Office", Map.of("accent1", "4472C4", "dk1", "000000"), "Aptos Display", "Aptos"),
                List.of(new TextStyle("heading1", "Heading 1", "Aptos Display", 20, true, false, "1F3A5F", 12, 6)),
                new TableStyle("Medium Style 2", "1F3A5F", "FFFFFF", "E9EEF4", ""),
                List.of(new Logo("logo-1.png", "image/png", "master", 72, 24)));
        Layouts layouts = new Layouts(960, 540, List.of(
                new Layouts.SlideLayout("Title Slide", "title", List.of(
                        Layouts.Slot.measured("Title 1", "ctrTitle", 0, 120, 88, 720, 188, 44))),
                new Layouts.SlideLayout("Title and Content", "obj", List.of(
                        Layouts.Slot.measured("Content Placeholder 2", "body", 1, 66, 143, 828, 343, 18)))),
                Map.of("title", "Title Slide", "content", "Title and Content"));
        Logic logic = new Logic(List.of(new Logic.NumberFormat("currency", "#,##0.00 [$EUR]", 3)),
                List.of(new Logic.FormulaPattern("total", "SUM(R[-3]C:R[-1]C)", "Data!B5: SUM(B2:B4)", 2)),
                List.of(new Logic.ConditionalFormat("Data", "C2:C4", "cellIs", "lessThan 0", "FFC7CE")));
        Voice voice = new Voice(25, 12, 5, 3, "first-plural", "present",
                new Voice.VoiceProfile(300, 20, 14.5, 22, 30, 7.5, 12, 8, 3.75, 5, 3.2, 0.25, 0.1));
        Structure structure = new Structure(base.structure().outline(), List.of("title", "content", "closing"),
                List.of(new Structure.SheetOutline("Data", 1, List.of("Region", "Revenue"), List.of("text", "currency"))),
                new FrontMatter(false, true));
        return new Skill("full", 2, "every part set", SkillKind.DECK, look, structure, voice, "template.pptx",
                layouts, logic, new SampleInfo("sample.pptx", "pptx", "0".repeat(64), "Microsoft Office PowerPoint"));
    }
}
