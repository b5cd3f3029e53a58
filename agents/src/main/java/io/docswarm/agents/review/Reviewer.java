package io.docswarm.agents.review;

import io.docswarm.agents.analysis.DataSummary;
import io.docswarm.agents.analysis.Focus;
import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.Roles;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Skill;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reviewer: checks a drafted part against its plan, its Skill and its evidence, and lists concrete fixes.
 * Checks are deterministic: the part must not be empty, text must stay within the Skill's sentence and bullet
 * budgets, every paragraph of a writer's part must cite a source, and every number in the text must appear in
 * the job's sources or in figures computed from its data (so no number is invented).
 */
public final class Reviewer {

    private static final Pattern NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");

    private Reviewer() {
    }

    /** One thing to fix, phrased as an instruction the drafter can act on. */
    public record Finding(String part, String fix) implements java.io.Serializable {
        @Override
        public String toString() {
            return "review: " + part + ": " + fix;
        }
    }

    /** The distinct findings, in the order found. */
    public static List<Finding> review(PartTask task, DraftedPart part, JobMaterials materials, Skill skill) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(findings(task, part, materials, skill)));
    }

    private static List<Finding> findings(PartTask task, DraftedPart part, JobMaterials materials, Skill skill) {
        String name = "'" + task.heading() + "'";
        List<Finding> findings = new ArrayList<>();
        if (part.sections().isEmpty() && part.slides().isEmpty() && part.sheets().isEmpty()) {
            findings.add(new Finding(name, "the part is empty; write its content"));
            return findings;
        }
        Set<String> knownNumbers = knownNumbers(materials);
        boolean writer = "writer".equals(Roles.of(task));
        for (Section section : part.sections()) {
            for (Block block : section.blocks()) {
                if (block instanceof Paragraph paragraph) {
                    checkText(name, paragraph.text(), skill.voice().maxSentenceWords(), knownNumbers, findings);
                    if (writer && paragraph.runs().stream().allMatch(r -> r.citation().isBlank())
                            && !paragraph.text().isBlank() && !isLabel(paragraph)) {
                        findings.add(new Finding(name, "cite the source of \"" + shorten(paragraph.text()) + "\""));
                    }
                }
                if (block instanceof BulletList list) {
                    list.items().forEach(item -> checkText(name, item.text(), skill.voice().maxSentenceWords(),
                            knownNumbers, findings));
                }
            }
        }
        for (Slide slide : part.slides()) {
            for (Block block : slide.body()) {
                if (block instanceof BulletList list) {
                    if (list.items().size() > skill.voice().maxBulletsPerSlide()) {
                        findings.add(new Finding(name, "use at most " + skill.voice().maxBulletsPerSlide()
                                + " bullets (has " + list.items().size() + ")"));
                    }
                    list.items().forEach(item -> checkText(name, item.text(), skill.voice().maxSentenceWords(),
                            knownNumbers, findings));
                }
            }
        }
        return findings;
    }

    /** Bold one-run paragraphs are labels such as "Key themes", not claims. */
    private static boolean isLabel(Paragraph paragraph) {
        return paragraph.runs().size() == 1 && paragraph.runs().getFirst().bold();
    }

    private static void checkText(String part, String text, int maxWords, Set<String> knownNumbers,
                                  List<Finding> findings) {
        for (String sentence : text.split("(?<=[.!?])\\s+")) {
            int words = sentence.isBlank() ? 0 : sentence.trim().split("\\s+").length;
            if (words > maxWords) {
                findings.add(new Finding(part, "shorten \"" + shorten(sentence) + "\" to at most " + maxWords
                        + " words (has " + words + ")"));
            }
        }
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            String number = normalise(matcher.group());
            if (!knownNumbers.contains(number)) {
                findings.add(new Finding(part, "the number " + matcher.group()
                        + " is not in the sources or the data; use only figures from them"));
            }
        }
    }

    /**
     * Source and data sets whose known numbers are kept. Parts arrive shuffled across jobs (the pipeline spreads
     * them at random), so there is room for a few dozen jobs.
     */
    private static final int CACHED = 64;
    private static final io.docswarm.agents.draft.BoundedCache<List<Object>, Set<String>> KNOWN =
            new io.docswarm.agents.draft.BoundedCache<>(CACHED);
    private static final AtomicLong COMPUTED = new AtomicLong();

    /**
     * Every number written in the sources, and every figure the analyst computes from the data: computed once
     * per source and data set (keyed by content, so separately deserialised copies of a job share it), not once
     * per part, since it reads all the sources and summarises every table.
     */
    private static Set<String> knownNumbers(JobMaterials materials) {
        return KNOWN.get(List.of(materials.sources(), materials.data()), () -> {
            COMPUTED.incrementAndGet();
            return Set.copyOf(computeKnownNumbers(materials));
        });
    }

    /** How many known-number sets this JVM has computed (tests check that parts share one). */
    static long knownNumbersComputed() {
        return COMPUTED.get();
    }

    private static Set<String> computeKnownNumbers(JobMaterials materials) {
        Set<String> numbers = new HashSet<>();
        StringBuilder text = new StringBuilder();
        materials.sources().forEach(s -> s.paragraphs().forEach(p -> text.append(p).append('\n')));
        // The facts' figures depend on the growth threshold the sources set (which rows are flagged), not on the
        // focus's words, so a summary with the same guidance states every figure any part may draw from it.
        Focus guidance = Focus.of("", "", materials.sources().stream().flatMap(s -> s.paragraphs().stream()).toList());
        for (DataTable table : materials.data()) {
            DataSummary summary = DataSummary.of(table, guidance);
            if (summary.hasMeasures()) {
                summary.facts().forEach(f -> text.append(f).append('\n'));
                text.append(String.join(" ", summary.categories())).append('\n');
            }
            text.append(table.origin()).append('\n');
        }
        Matcher matcher = NUMBER.matcher(text);
        while (matcher.find()) {
            numbers.add(normalise(matcher.group()));
        }
        return numbers;
    }

    private static String normalise(String number) {
        String plain = number.replace(",", "");
        return plain.contains(".") ? plain.replaceAll("0+$", "").replaceAll("\\.$", "") : plain;
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
