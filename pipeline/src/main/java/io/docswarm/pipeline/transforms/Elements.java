package io.docswarm.pipeline.transforms;

import io.docswarm.agents.draft.DraftedPart;
import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.TraceEvent;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.renderers.model.Document;
import io.docswarm.skills.Skill;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The values that flow between the pipeline's stages. All are immutable and serializable. */
public final class Elements {

    private Elements() {
    }

    /**
     * A valid spec whose outputs are missing or stale.
     *
     * @param parsed the spec
     * @param skills the resolved Skill of each deliverable, by index
     */
    public record PendingJob(ParsedSpec parsed, List<Skill> skills) implements Serializable {
        public String jobId() {
            return parsed.spec().id();
        }
    }

    /**
     * A job with its inputs loaded and its plan made.
     *
     * @param parsed    the spec
     * @param skills    the Skill of each deliverable
     * @param materials loaded sources and data
     * @param plan      the parts to draft
     * @param timingsMs stage timings so far
     */
    public record PreparedJob(ParsedSpec parsed, List<Skill> skills, JobMaterials materials, JobPlan plan,
                              Map<String, Long> timingsMs) implements Serializable {
        public String jobId() {
            return parsed.spec().id();
        }
    }

    /**
     * One part to draft. It carries only what is particular to the part and small: the job's spec and Skills,
     * not its sources, data or plan, so that fanning a job out into N parts does not copy (and serialise) the
     * job's materials N times. {@link DraftParts} hands each drafter the job's {@link JobMaterials} from a side
     * input keyed by job id, which a runner delivers once per worker.
     */
    public record PartWork(PartJob job, PartTask task) implements Serializable {
    }

    /**
     * The job-level facts a part's drafting needs besides its materials.
     *
     * @param parsed the spec
     * @param skills the Skill of each deliverable
     */
    public record PartJob(ParsedSpec parsed, List<Skill> skills) implements Serializable {
        public static PartJob of(PreparedJob job) {
            return new PartJob(job.parsed(), job.skills());
        }

        public String jobId() {
            return parsed.spec().id();
        }
    }

    /** A drafted part, how long drafting took, and the step's trace. */
    public record TimedPart(DraftedPart part, long millis, TraceEvent trace) implements Serializable {
    }

    /**
     * One deliverable's consolidated document, ready to render.
     *
     * @param jobId       the job
     * @param index       deliverable index
     * @param deliverable what to produce
     * @param skill       the Skill to follow
     * @param document    the content
     */
    public record DeliverableDraft(String jobId, int index, Deliverable deliverable, Skill skill, Document document)
            implements Serializable {
    }

    /**
     * The job-level facts the manifest needs once drafting is done.
     *
     * @param job            the prepared job
     * @param drafter        the drafter's name
     * @param draftMillis    total drafting time over all parts
     * @param consolidateMs  consolidation time
     * @param warnings       plan and draft warnings
     */
    public record ConsolidatedJob(PreparedJob job, String drafter, long draftMillis, long consolidateMs,
                                  List<String> warnings, List<TraceEvent> trace) implements Serializable {
        public ConsolidatedJob {
            trace = trace == null ? List.of() : List.copyOf(trace);
        }
    }

    /**
     * One rendered file, or why it could not be rendered.
     *
     * @param index    deliverable index
     * @param entry    the manifest entry, null when rendering failed
     * @param warnings the renderer's warnings (or the failure)
     * @param millis   rendering time, the file written
     * @param previewMillis time spent making and writing its preview image
     */
    public record RenderedFile(int index, Manifest.FileEntry entry, List<String> warnings, long millis,
                               long previewMillis) implements Serializable {

        /** A file with no preview made. */
        public RenderedFile(int index, Manifest.FileEntry entry, List<String> warnings, long millis) {
            this(index, entry, warnings, millis, 0);
        }

        /** Whether the renderer failed, so the deliverable was not written. */
        public boolean failed() {
            return entry == null;
        }
    }
}
