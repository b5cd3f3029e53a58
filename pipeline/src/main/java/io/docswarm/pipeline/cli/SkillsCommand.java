package io.docswarm.pipeline.cli;

import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillKind;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.conformance.ConformanceChecker;
import io.docswarm.skills.conformance.ConformanceReport;
import io.docswarm.skills.importer.SkillImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docswarm skills import|list|show|check}: the Skill library of a bucket. */
@Command(name = "skills", mixinStandardHelpOptions = true,
        description = "Import sample documents as Skills, list and show them, check deliverables against them.",
        subcommands = {SkillsCommand.Import.class, SkillsCommand.ListSkills.class, SkillsCommand.Show.class,
                SkillsCommand.Check.class})
final class SkillsCommand {

    /** Exit code when a deliverable does not fully conform to its Skill. */
    static final int EXIT_NOT_CONFORMING = 4;

    abstract static class BucketOption {
        @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "Bucket folder (holds skills/).")
        Path bucket;

        Path library() {
            if (!Files.isDirectory(bucket)) {
                throw new IllegalArgumentException("bucket " + bucket + " is not a folder");
            }
            return bucket.resolve("skills");
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import a .docx, .pptx, .xlsx or .pdf sample as the next version of Skill NAME.")
    static final class Import extends BucketOption implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The sample document.")
        Path file;

        @Option(names = "--name", required = true, description = "Skill name (lower-case letters, digits, '-', '_').")
        String name;

        @Option(names = "--description", description = "One line describing the Skill.")
        String description;

        @Option(names = "--kind", description = "report, deck, workbook or brief (default: from the sample).")
        String kind;

        @Override
        public Integer call() {
            SkillKind skillKind = kind == null ? null : SkillKind.valueOf(kind.toUpperCase(Locale.ROOT));
            var result = new SkillImporter().importSample(file, name, description, skillKind, library());
            System.out.println("docswarm: imported " + file.getFileName() + " as skill " + result.skill().reference()
                    + " (" + result.skill().kind().id() + ") in " + result.folder());
            System.out.println("docswarm: report: " + result.folder().resolve("import-report.md") + " ("
                    + result.report().notKept().size() + " item(s) not kept, " + result.report().assumed().size()
                    + " assumed)");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the Skills of a bucket and the built-ins.")
    static final class ListSkills extends BucketOption implements Callable<Integer> {
        private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]*)");

        @Override
        public Integer call() throws IOException {
            Path library = library();
            if (Files.isDirectory(library)) {
                try (Stream<Path> skills = Files.list(library)) {
                    for (Path dir : skills.filter(Files::isDirectory).sorted().toList()) {
                        List<Integer> versions;
                        try (Stream<Path> children = Files.list(dir)) {
                            versions = children.map(p -> VERSION.matcher(p.getFileName().toString()))
                                    .filter(java.util.regex.Matcher::matches)
                                    .map(m -> Integer.parseInt(m.group(1))).sorted().toList();
                        }
                        if (versions.isEmpty()) {
                            continue;
                        }
                        Skill newest = new SkillLibrary(library).resolve(dir.getFileName().toString());
                        System.out.printf(Locale.ROOT, "%-24s v%-4d %-9s versions %s  %s%n", newest.name(),
                                newest.version(), newest.kind().id(), versions, newest.description());
                    }
                }
            }
            for (String builtIn : SkillLibrary.BUILT_INS) {
                Skill skill = SkillLibrary.builtIn(builtIn).orElseThrow();
                System.out.printf(Locale.ROOT, "%-24s v%-4d %-9s built-in  %s%n", skill.name(), skill.version(),
                        skill.kind().id(), skill.description());
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a Skill's summary.")
    static final class Show extends BucketOption implements Callable<Integer> {
        @Parameters(paramLabel = "NAME[@VERSION]")
        String reference;

        @Override
        public Integer call() {
            Skill s = new SkillLibrary(library()).resolve(reference);
            var look = s.look();
            System.out.println(s.reference() + " (" + s.kind().id() + "): " + s.description());
            if (s.sample() != null) {
                System.out.println("  from      " + s.sample().file() + " (" + s.sample().producer() + ")");
            }
            System.out.println("  template  " + (s.hasTemplate() ? s.template() : "none"));
            System.out.printf(Locale.ROOT, "  fonts     headings %s, body %s %.1f pt, title %.1f pt, headings %s%n",
                    look.headingFont(), look.bodyFont(), look.bodySize(), look.titleSize(), look.headingSizes());
            System.out.println("  colours   primary " + look.primaryColor() + ", accent " + look.accentColor() + ", text "
                    + look.textColor() + ", palette " + look.chartPalette());
            System.out.printf(Locale.ROOT, "  page      %s%s, %.1f x %.1f pt%n", look.page().size(),
                    look.page().landscape() ? " landscape" : "", look.page().widthPt(), look.page().heightPt());
            if (!look.logos().isEmpty()) {
                System.out.println("  logos     " + look.logos().stream().map(l -> l.file() + " (" + l.placement() + ")").toList());
            }
            if (s.layouts() != null) {
                System.out.println("  layouts   " + s.layouts().layouts().size() + ", roles " + s.layouts().roles());
            }
            if (!s.structure().outline().isEmpty()) {
                System.out.println("  outline   " + s.structure().outline().stream()
                        .map(e -> "  ".repeat(e.level() - 1) + e.heading()).toList());
            }
            if (!s.structure().slideRoles().isEmpty()) {
                System.out.println("  slides    " + s.structure().slideRoles());
            }
            s.structure().sheets().forEach(sheet -> System.out.println("  sheet     " + sheet.name() + " "
                    + sheet.headers() + " " + sheet.columnKinds()));
            if (s.logic() != null) {
                System.out.println("  formats   " + s.logic().numberFormats().stream()
                        .map(f -> f.columnKind() + " '" + f.format() + "'").toList());
                System.out.println("  formulas  " + s.logic().formulas().stream().limit(5)
                        .map(f -> f.kind() + " " + f.pattern()).toList());
            }
            s.voice().instructions().forEach(line -> System.out.println("  voice     " + line));
            return 0;
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Score how closely a deliverable follows a Skill and list each deviation "
                    + "(exit 0 when it fully conforms, 4 when it does not).")
    static final class Check extends BucketOption implements Callable<Integer> {
        @Parameters(paramLabel = "DELIVERABLE")
        Path deliverable;

        @Option(names = "--skill", required = true, paramLabel = "NAME[@VERSION]")
        String reference;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(deliverable)) {
                throw new IllegalArgumentException(deliverable + ": no such file");
            }
            Skill skill = new SkillLibrary(library()).resolve(reference);
            ConformanceReport report = new ConformanceChecker().check(deliverable, skill);
            System.out.print(report.describe());
            return report.fullConformance() ? 0 : EXIT_NOT_CONFORMING;
        }
    }
}
