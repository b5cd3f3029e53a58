package io.docswarm.skills.templates;

import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillJson;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.importer.Extraction;
import io.docswarm.skills.importer.SkillImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in Skills are imports of our own templates: this regenerates
 * {@code skills/src/main/resources/io/docswarm/skills/builtin/} ({@code NAME.json} and the cleaned template
 * {@code NAME.<ext>}) and {@code templates/NAME.import-report.md} from {@code templates/}.
 * {@code BuiltInSkillsTest} fails when the committed files differ from a fresh import.
 *
 * <p>Run from the repository root: {@code java -cp ... io.docswarm.skills.templates.BuiltInSkills} (the
 * command is in templates/README.md).
 */
public final class BuiltInSkills {

    /** A built-in Skill: its name, source document in templates/, kind and description. */
    record BuiltIn(String name, String source, SkillKind kind, String description) {
        String extension() {
            return source.substring(source.lastIndexOf('.') + 1);
        }

        /** The template's file name beside the manifest in the builtin/ resources. */
        String templateFile() {
            return name + "." + extension();
        }
    }

    static final List<BuiltIn> ALL = List.of(
            new BuiltIn("report", "report.docx", SkillKind.REPORT,
                    "Long-form report: cover title, executive summary, numbered sections, data tables and charts."),
            new BuiltIn("deck", "deck.pptx", SkillKind.DECK,
                    "Widescreen presentation: title, agenda, one idea per slide, data charts, closing."),
            new BuiltIn("workbook", "workbook.xlsx", SkillKind.WORKBOOK,
                    "Analysis workbook: summary sheet with live formulas and a chart, one sheet per data set."),
            new BuiltIn("brief", "brief.docx", SkillKind.BRIEF,
                    "Short status or decision brief: summary, key points, numbers, next steps; one to four pages."));

    static final Path TEMPLATES = Path.of("templates");
    static final Path RESOURCES = Path.of("skills/src/main/resources/io/docswarm/skills/builtin");

    private BuiltInSkills() {
    }

    /** What importing a template gives: the manifest as committed and the cleaned template. */
    record Imported(Skill skill, byte[] manifest, byte[] template, String report) {
    }

    static Imported importTemplate(Path templates, BuiltIn builtIn) {
        Extraction extraction = new SkillImporter().extract(templates.resolve(builtIn.source()), builtIn.name(),
                builtIn.description(), builtIn.kind());
        Skill skill = extraction.skill().withTemplate(builtIn.templateFile());
        String report = extraction.report().toMarkdown(skill.reference(), List.of("file: templates/" + builtIn.source(),
                "kind: " + builtIn.kind().id(), "template: " + builtIn.templateFile()));
        return new Imported(skill, SkillJson.write(skill), extraction.template(), report);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        for (BuiltIn builtIn : ALL) {
            Imported imported = importTemplate(root.resolve(TEMPLATES), builtIn);
            Path resources = root.resolve(RESOURCES);
            Files.write(resources.resolve(builtIn.name() + ".json"), imported.manifest());
            Files.write(resources.resolve(builtIn.templateFile()), TemplateGenerator.stable(imported.template()));
            Files.writeString(root.resolve(TEMPLATES).resolve(builtIn.name() + ".import-report.md"), imported.report());
            System.out.println("built-in " + builtIn.name() + ": " + imported.skill().reference() + " from templates/"
                    + builtIn.source());
        }
    }
}
