package io.docswarm.pipeline.transforms;

import io.docswarm.agents.job.Deliverable;
import io.docswarm.pipeline.storage.SkillMirror;
import io.docswarm.pipeline.storage.Storage;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.pipeline.spec.SkillFormats;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.SkillNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves each job's Skills and drops jobs whose outputs are already up to date: a manifest with the same
 * spec hash, drafter, Skill versions and Skill content hashes (a Skill changed under the same version, or a
 * bucket Skill now shadowing a built-in of the same name, makes the job pending), listing every deliverable, whose
 * files are all present with their recorded SHA-256, and no dead letter for the spec. Those are logged and
 * counted, never rendered again; a job that failed, even after delivering some files, is pending again.
 */
public final class SelectPendingJobs extends PTransform<PCollection<ParsedSpec>, PCollectionTuple> {

    public static final TupleTag<Elements.PendingJob> PENDING = new TupleTag<>() {
    };
    private static final Logger LOG = LoggerFactory.getLogger(SelectPendingJobs.class);

    private final String bucket;
    private final String out;
    private final String drafter;

    public SelectPendingJobs(String bucket, String out, String drafter) {
        this.bucket = bucket;
        this.out = out;
        this.drafter = drafter;
    }

    @Override
    public PCollectionTuple expand(PCollection<ParsedSpec> specs) {
        return specs.apply("ResolveSkillsAndSkipUpToDate", ParDo.of(new SelectFn(bucket, out, drafter))
                .withOutputTags(PENDING, TupleTagList.of(Failures.TAG)));
    }

    static final class SelectFn extends DoFn<ParsedSpec, Elements.PendingJob> {
        private final String bucket;
        private final String out;
        private final String drafter;

        SelectFn(String bucket, String out, String drafter) {
            this.bucket = bucket;
            this.out = out;
            this.drafter = drafter;
        }

        private transient SkillLibrary library;

        @Setup
        public void setup() throws IOException {
            library = new SkillLibrary(SkillMirror.localSkills(bucket));
        }

        @ProcessElement
        public void process(@Element ParsedSpec parsed, MultiOutputReceiver receiver) {
            List<Skill> skills = new ArrayList<>();
            List<Deliverable> deliverables = parsed.spec().deliverables();
            for (int i = 0; i < deliverables.size(); i++) {
                try {
                    skills.add(library.resolve(deliverables.get(i).skill()));
                } catch (SkillNotFoundException | IllegalArgumentException e) {
                    PipelineMetrics.JOBS_FAILED.inc();
                    receiver.get(Failures.TAG).output(new io.docswarm.pipeline.output.FailureReport(
                            parsed.specFile(), "validate", parsed.specFile() + ": $.deliverables[" + i
                            + "].skill: " + e.getMessage(), List.of(new io.docswarm.pipeline.output.FailureReport
                            .Problem("$.deliverables[" + i + "].skill", "skill", "a skill in the library",
                            "'" + deliverables.get(i).skill() + "'"))));
                    return;
                }
                var mismatch = SkillFormats.mismatch(deliverables.get(i).skill(), skills.getLast(),
                        deliverables.get(i).format());
                if (mismatch.isPresent()) {
                    PipelineMetrics.JOBS_FAILED.inc();
                    String path = "$.deliverables[" + i + "].skill";
                    receiver.get(Failures.TAG).output(new io.docswarm.pipeline.output.FailureReport(
                            parsed.specFile(), "validate", parsed.specFile() + ": " + path + ": "
                            + mismatch.get(), List.of(new io.docswarm.pipeline.output.FailureReport.Problem(path,
                            "skill", "a skill for " + deliverables.get(i).format().extension(), mismatch.get()))));
                    return;
                }
            }
            if (upToDate(parsed, skills)) {
                PipelineMetrics.JOBS_UP_TO_DATE.inc();
                LOG.info("{}: up to date (manifest matches spec hash {}, skill versions and skill hashes); nothing to render",
                        parsed.spec().id(), parsed.specHash().substring(0, 12));
                return;
            }
            receiver.get(PENDING).output(new Elements.PendingJob(parsed, skills));
        }

        /**
         * Whether the job's outputs are current. A job with a dead letter (it failed, perhaps after delivering
         * some of its files) or a manifest that lists fewer files than it has deliverables is never current, so
         * the next run does it again; so is one whose manifest cannot be read.
         */
        private boolean upToDate(ParsedSpec parsed, List<Skill> skills) {
            try {
                return !Storage.exists(Storage.child(out, "_failed",
                        io.docswarm.pipeline.output.FailureReport.fileNameFor(parsed.specFile())))
                        && outputsMatch(parsed, skills);
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot check the earlier outputs, doing the job again: {}", parsed.spec().id(),
                        e.toString());
                return false;
            }
        }

        private boolean outputsMatch(ParsedSpec parsed, List<Skill> skills) {
            String jobDir = Storage.child(out, parsed.spec().id());
            Optional<Manifest> manifest = OutputJson.readManifest(Storage.child(jobDir, "manifest.json"));
            if (manifest.isEmpty() || !manifest.get().specHash().equals(parsed.specHash())
                    || !manifest.get().drafter().equals(drafter)
                    || manifest.get().files().size() != skills.size()) {
                return false;
            }
            List<Deliverable> deliverables = parsed.spec().deliverables();
            for (int i = 0; i < deliverables.size(); i++) {
                Manifest.FileEntry entry = manifest.get().files().get(i);
                String file = Storage.child(jobDir, entry.name());
                try {
                    var metadata = Storage.metadata(file);
                    if (!entry.name().equals(deliverables.get(i).fileName())
                            || !entry.skill().equals(skills.get(i).reference())
                            || !entry.skillHash().equals(Digests.skill(skills.get(i)))
                            || metadata.isEmpty() || metadata.get().sizeBytes() != entry.bytes()
                            || !Storage.sha256(file).equals(entry.sha256())) {
                        return false;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return true;
        }
    }
}
