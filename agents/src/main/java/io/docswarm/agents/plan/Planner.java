package io.docswarm.agents.plan;

import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.skills.Skill;
import io.docswarm.skills.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Decomposes a job into parts: sections for documents, slides for decks, sheets for workbooks. The skeleton
 * comes from the job's own section list or else the Skill's outline; budgets come from the job's constraints
 * or else the Skill's voice.
 */
public final class Planner {

    /** Average words a page of body text holds, used to turn a page budget into sentences. */
    static final int WORDS_PER_PAGE = 380;
    static final int WORDS_PER_SENTENCE = 22;

    private Planner() {
    }

    /**
     * @param spec        the job
     * @param skills      the resolved Skill of each deliverable (by deliverable index)
     * @param dataCount   how many data tables the job has
     */
    public static JobPlan plan(JobSpec spec, Function<Integer, Skill> skills, int dataCount) {
        return plan(spec, skills, dataCount, SwarmBudget.DEFAULT, 0);
    }

    /**
     * Plans within a swarm budget: parts beyond {@code maxAgents} are dropped (and reported), and each part gets
     * an equal share of the steps and tokens, and the job's deadline.
     *
     * @param startMillis when the job started (epoch millis), for the wall-time deadline
     */
    public static JobPlan plan(JobSpec spec, Function<Integer, Skill> skills, int dataCount, SwarmBudget budget,
                               long startMillis) {
        JobPlan unbounded = planParts(spec, skills, dataCount);
        List<PartTask> parts = unbounded.parts();
        List<String> warnings = new ArrayList<>(unbounded.warnings());
        if (parts.size() > budget.maxAgents()) {
            warnings.add("budget: the plan has " + parts.size() + " parts but the job may use " + budget.maxAgents()
                    + " sub-agents; the last " + (parts.size() - budget.maxAgents()) + " parts are not drafted");
            parts = parts.subList(0, budget.maxAgents());
        }
        int steps = Math.max(1, budget.maxSteps() / Math.max(1, parts.size()));
        long tokens = budget.maxTokens() == 0 ? 0 : Math.max(1, budget.maxTokens() / Math.max(1, parts.size()));
        long deadline = budget.maxWallMillis() == 0 ? 0 : startMillis + budget.maxWallMillis();
        SwarmBudget.Share share = new SwarmBudget.Share(steps, tokens, deadline);
        return new JobPlan(spec.id(), parts.stream().map(p -> p.withBudget(share)).toList(), warnings);
    }

    private static JobPlan planParts(JobSpec spec, Function<Integer, Skill> skills, int dataCount) {
        List<PartTask> parts = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int d = 0; d < spec.deliverables().size(); d++) {
            Deliverable deliverable = spec.deliverables().get(d);
            Skill skill = skills.apply(d);
            List<Structure.OutlineEntry> outline = outline(spec, skill);
            switch (deliverable.format()) {
                case DOCX, PDF -> document(spec, d, deliverable, skill, outline, dataCount, parts, warnings);
                case PPTX -> deck(spec, d, deliverable, skill, outline, dataCount, parts, warnings);
                case XLSX -> workbook(spec, d, dataCount, parts, warnings);
            }
        }
        return new JobPlan(spec.id(), parts, warnings);
    }

    private static List<Structure.OutlineEntry> outline(JobSpec spec, Skill skill) {
        if (spec.constraints().sections().isEmpty()) {
            return skill.structure().outline();
        }
        return spec.constraints().sections().stream()
                .map(heading -> new Structure.OutlineEntry(heading, 1, purposeOf(heading))).toList();
    }

    private static List<PartTask.SectionRef> refs(List<Structure.OutlineEntry> outline, int dataCount) {
        return outline.stream().map(entry -> new PartTask.SectionRef(entry.heading(),
                "data".equals(entry.purpose()) && dataCount == 0 ? "narrative" : entry.purpose())).toList();
    }

    /** Infers what a section named by a job is for from its heading. */
    static String purposeOf(String heading) {
        String h = heading.toLowerCase(Locale.ROOT);
        if (h.matches(".*(summary|highlights|at a glance|key points|tl;dr).*")) {
            return "summary";
        }
        if (h.matches(".*(recommend|next step|conclusion|action|decision|outlook|way forward).*")) {
            return "conclusion";
        }
        if (h.matches(".*(number|figure|data|metric|financ|budget|kpi|performance|results|sales|revenue|cost).*")) {
            return "data";
        }
        return "narrative";
    }

    private static void document(JobSpec spec, int d, Deliverable deliverable, Skill skill,
                                 List<Structure.OutlineEntry> outline, int dataCount, List<PartTask> parts,
                                 List<String> warnings) {
        int pages = deliverable.length() > 0 ? deliverable.length() : spec.constraints().pages();
        int perSection = skill.voice().sentencesPerSection();
        if (pages > 0) {
            // A cover and a contents list take a page each where the Skill has them (both renderers start the
            // sections on a new page after them); a title block shares the first page with the sections. The
            // rest is shared by the sections.
            int frontPages = skill.structure().frontMatterOrDefault().pages();
            int sentencesAvailable = Math.max(outline.size(),
                    (pages - frontPages) * WORDS_PER_PAGE / WORDS_PER_SENTENCE);
            int fitted = Math.max(1, Math.min(perSection, sentencesAvailable / Math.max(1, outline.size())));
            if (fitted < perSection) {
                warnings.add(deliverable.fileName() + ": " + pages + "-page budget allows " + fitted
                        + " sentences per section (Skill default " + perSection + ")");
            }
            perSection = fitted;
        }
        int index = 0;
        List<PartTask.SectionRef> refs = refs(outline, dataCount);
        for (int s = 0; s < outline.size(); s++) {
            Structure.OutlineEntry entry = outline.get(s);
            if ("data".equals(entry.purpose()) && dataCount == 0) {
                warnings.add(deliverable.fileName() + ": section '" + entry.heading()
                        + "' is about data but the job has none; drafted from the sources instead");
            }
            parts.add(new PartTask(spec.id(), d, index++, deliverable.format(), PartKind.SECTION, entry.heading(),
                    entry.level(), refs.get(s).purpose(), perSection, -1, refs));
        }
    }

    private static void deck(JobSpec spec, int d, Deliverable deliverable, Skill skill,
                             List<Structure.OutlineEntry> outline, int dataCount, List<PartTask> parts,
                             List<String> warnings) {
        int budget = deliverable.length() > 0 ? deliverable.length() : spec.constraints().slides();
        List<Structure.OutlineEntry> sections = new ArrayList<>(outline);
        boolean agenda = true;
        if (budget > 0) {
            // Title, agenda, sections (a data section takes a chart and a table slide per data set), closing.
            while (slidesNeeded(sections, agenda, dataCount) > budget && (agenda || sections.size() > 1)) {
                if (agenda) {
                    agenda = false;
                    warnings.add(deliverable.fileName() + ": agenda slide dropped to meet the " + budget
                            + "-slide budget");
                } else {
                    Structure.OutlineEntry dropped = sections.removeLast();
                    warnings.add(deliverable.fileName() + ": section '" + dropped.heading()
                            + "' dropped to meet the " + budget + "-slide budget");
                }
            }
        }
        int index = 0;
        int bullets = skill.voice().maxBulletsPerSlide();
        List<PartTask.SectionRef> refs = refs(sections, dataCount);
        parts.add(new PartTask(spec.id(), d, index++, deliverable.format(), PartKind.TITLE_SLIDE, spec.title(), 1,
                "title", 1, -1, refs));
        if (agenda) {
            parts.add(new PartTask(spec.id(), d, index++, deliverable.format(), PartKind.AGENDA_SLIDE, "Agenda", 1,
                    "agenda", sections.size(), -1, refs));
        }
        for (PartTask.SectionRef ref : refs) {
            parts.add(new PartTask(spec.id(), d, index++, deliverable.format(), PartKind.SECTION, ref.heading(), 1,
                    ref.purpose(), bullets, -1, refs));
        }
        parts.add(new PartTask(spec.id(), d, index, deliverable.format(), PartKind.CLOSING_SLIDE, "Thank you", 1,
                "closing", 1, -1, refs));
    }

    private static int slidesNeeded(List<Structure.OutlineEntry> sections, boolean agenda, int dataCount) {
        int slides = 2 + (agenda ? 1 : 0);
        for (Structure.OutlineEntry entry : sections) {
            slides += "data".equals(entry.purpose()) ? Math.max(1, dataCount) : 1;
        }
        return slides;
    }

    private static void workbook(JobSpec spec, int d, int dataCount, List<PartTask> parts, List<String> warnings) {
        Deliverable deliverable = spec.deliverables().get(d);
        if (dataCount == 0) {
            warnings.add(deliverable.fileName() + ": the job has no data files; the workbook holds the key points "
                    + "only");
        }
        int index = 0;
        if (dataCount == 0) {
            parts.add(new PartTask(spec.id(), d, index, deliverable.format(), PartKind.SUMMARY_SHEET, "Key points", 1,
                    "summary", 12, -1, List.of()));
        }
        for (int t = 0; t < dataCount; t++) {
            parts.add(new PartTask(spec.id(), d, index++, deliverable.format(), PartKind.SUMMARY_SHEET, "Summary", 1,
                    "data", 0, t, List.of()));
            parts.add(new PartTask(spec.id(), d, index++, deliverable.format(), PartKind.DATA_SHEET, "Data", 1, "data",
                    0, t, List.of()));
        }
    }
}
