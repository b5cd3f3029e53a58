package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.Drafter;
import io.docswarm.agents.draft.GroundedDrafter;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.agents.review.Reviewer;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Skill;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * One part's way through the swarm: draft, review, redraft with the reviewer's fixes (capped), retry a failed
 * draft with the error fed back (bounded), all within the part's share of the job's budget (steps, tokens,
 * deadline). A part that cannot be drafted within its budget is delivered as a clear notice and the job says why;
 * the rest of the job goes on.
 */
final class PartDrafting {

    /** Redrafts after review before the remaining findings are recorded as they are. */
    static final int MAX_REVIEWS = 2;
    /** Fixes sent back per round: enough to act on, short enough to keep the prompt focused. */
    static final int MAX_FIXES = 8;
    /** Attempts after a drafter error, each told what went wrong. */
    static final int MAX_RETRIES = 2;

    /**
     * @param part  the drafted part, with every finding and budget decision in its warnings
     * @param steps steps used (drafts, retries and review rounds)
     */
    record Outcome(DraftedPart part, int steps) {
    }

    private final Drafter drafter;
    private final Clock clock;

    PartDrafting(Drafter drafter, Clock clock) {
        this.drafter = drafter;
        this.clock = clock;
    }

    Outcome draft(PartTask task, JobMaterials materials, Skill skill) {
        SwarmBudget.Share budget = task.budget();
        if (budget.deadlineMillis() > 0 && clock.millis() > budget.deadlineMillis()) {
            return new Outcome(failed(task, "budget: the job's wall-time budget ran out before this part started"), 0);
        }
        int steps = 0;
        long tokens = 0;
        List<String> notes = new ArrayList<>();
        DraftedPart part = null;
        String error = null;
        for (int attempt = 0; attempt <= MAX_RETRIES && steps < budget.steps(); attempt++) {
            steps++;
            try {
                part = error == null ? drafter.draft(task, materials, skill)
                        : drafter.redraft(task, materials, skill, List.of("the previous attempt failed: " + error));
                tokens += part.tokens();
                break;
            } catch (RuntimeException e) {
                error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                notes.add("retry: '" + task.heading() + "' attempt " + (attempt + 1) + " failed: " + error);
            }
        }
        if (part == null) {
            return new Outcome(failed(task, "failed: '" + task.heading() + "' could not be drafted after "
                    + steps + " attempt(s): " + error), steps);
        }
        List<Reviewer.Finding> findings = Reviewer.review(task, part, materials, skill);
        for (int round = 0; round < MAX_REVIEWS && !findings.isEmpty() && drafter.takesFeedback(); round++) {
            if (steps >= budget.steps() || (budget.tokens() > 0 && tokens >= budget.tokens())) {
                notes.add("budget: '" + task.heading() + "': no " + (steps >= budget.steps() ? "steps" : "tokens")
                        + " left for another review round");
                break;
            }
            steps++;
            part = drafter.redraft(task, materials, skill,
                    findings.stream().map(Reviewer.Finding::fix).limit(MAX_FIXES).toList());
            tokens += part.tokens();
            findings = Reviewer.review(task, part, materials, skill);
        }
        if (!findings.isEmpty() && drafter.takesFeedback()) {
            // Still failing review: fall back to the grounded text, which the reviewer accepts, and say why.
            DraftedPart fallback = new GroundedDrafter().draft(task, materials, skill);
            notes.addAll(fallback.warnings());
            notes.add("review: '" + task.heading() + "': the model's draft still failed review (" + findings.size()
                    + " finding(s), first: " + findings.getFirst().fix() + "); the grounded text is used instead");
            part = fallback;
            findings = Reviewer.review(task, part, materials, skill);
        } else {
            notes.addAll(0, part.warnings());
        }
        if (budget.tokens() > 0 && tokens > budget.tokens()) {
            notes.add("budget: '" + task.heading() + "' used " + tokens + " tokens of its " + budget.tokens());
        }
        findings.forEach(f -> notes.add(f.toString()));
        return new Outcome(new DraftedPart(task.jobId(), task.deliverableIndex(), task.partIndex(), part.sections(),
                part.slides(), part.sheets(), notes, drafter.name(), tokens), steps);
    }

    /** A part that could not be drafted: a visible notice in the deliverable, the reason in the manifest. */
    private DraftedPart failed(PartTask task, String reason) {
        String notice = "This part could not be drafted (" + reason.replaceFirst("^[a-z]+: ", "") + ").";
        List<Section> sections = List.of();
        List<Slide> slides = List.of();
        if (task.format() == OutputFormat.PPTX) {
            slides = List.of(new Slide(Slide.SlideRole.CONTENT, task.heading(), List.of(Paragraph.of(notice)), ""));
        } else if (task.format() != OutputFormat.XLSX) {
            sections = List.of(new Section(task.heading(), task.level(), List.of(Paragraph.of(notice))));
        }
        return new DraftedPart(task.jobId(), task.deliverableIndex(), task.partIndex(), sections, slides, List.of(),
                List.of(reason), drafter.name(), 0);
    }
}
