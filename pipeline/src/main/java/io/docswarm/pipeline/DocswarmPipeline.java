package io.docswarm.pipeline;

import io.docswarm.agents.plan.SwarmBudget;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.transforms.ConsolidateDeliverables;
import io.docswarm.pipeline.transforms.DraftParts;
import io.docswarm.pipeline.transforms.Drafters;
import io.docswarm.pipeline.transforms.RoleRouting;
import io.docswarm.pipeline.transforms.Elements;
import io.docswarm.pipeline.transforms.Failures;
import io.docswarm.pipeline.transforms.PrepareJobs;
import io.docswarm.pipeline.transforms.ReadSpecs;
import io.docswarm.pipeline.transforms.RenderDeliverables;
import io.docswarm.pipeline.transforms.SelectPendingJobs;
import io.docswarm.pipeline.transforms.ValidateSpecs;
import io.docswarm.pipeline.transforms.WriteFailures;
import io.docswarm.pipeline.transforms.WriteManifests;
import io.docswarm.pipeline.storage.Storage;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The Docswarm batch pipeline: specs in a bucket to deliverables, manifests and dead letters.
 *
 * <pre>
 * ReadSpecs → ValidateSpecs → SelectPendingJobs → PrepareJobs → DraftParts (fan out, draft)
 *   → ConsolidateDeliverables → RenderDeliverables → WriteManifests
 * failures of every stage, per job (validate, prepare, draft, consolidate, render, manifest) → WriteFailures
 * </pre>
 */
public final class DocswarmPipeline {

    private DocswarmPipeline() {
    }

    /** Builds the pipeline on {@code options}; paths are made absolute so every worker sees the same files. */
    public static Pipeline create(DocswarmOptions options) {
        String bucket = Storage.root(options.getBucket());
        String out = Storage.root(options.getOut());
        // The driver reads and writes the bucket too (reports, skills): give it the run's filesystems.
        FileSystems.setDefaultPipelineOptions(options);
        RoleRouting routing = RoleRouting.parse(options.getDrafter(), options.getRoutes());
        String drafter = routing.identity();
        Pipeline pipeline = Pipeline.create(options);

        PCollectionTuple validated = pipeline
                .apply("ReadSpecs", new ReadSpecs(bucket))
                .apply("ValidateSpecs", new ValidateSpecs(bucket));
        PCollectionTuple pending = validated.get(ValidateSpecs.VALID)
                .apply("SelectPendingJobs", new SelectPendingJobs(bucket, out, drafter));
        PCollectionTuple prepared = pending.get(SelectPendingJobs.PENDING)
                .apply("PrepareJobs", new PrepareJobs(bucket, new SwarmBudget(options.getMaxAgents(),
                        options.getMaxSteps(), options.getMaxJobTokens(), options.getMaxJobMinutes() * 60_000)));
        PCollection<Elements.PreparedJob> jobs = prepared.get(PrepareJobs.PREPARED);

        PCollection<KV<String, Elements.PreparedJob>> keyedJobs = jobs.apply("KeyJobsById",
                WithKeys.of(Elements.PreparedJob::jobId).withKeyType(TypeDescriptors.strings()));
        Drafters.ModelSettings models = new Drafters.ModelSettings(options.getModel(), options.getOpenAiBaseUrl(),
                options.getOpenAiModel());
        PCollectionTuple drafted = jobs.apply("DraftParts", new DraftParts(routing, models));
        PCollectionTuple consolidated = PCollectionTuple
                .of(ConsolidateDeliverables.JOBS, keyedJobs)
                .and(ConsolidateDeliverables.PARTS, drafted.get(DraftParts.PARTS))
                .and(ConsolidateDeliverables.FAILED_PARTS, drafted.get(DraftParts.FAILED))
                .apply("ConsolidateDeliverables", new ConsolidateDeliverables(drafter));
        PCollection<KV<String, Elements.RenderedFile>> rendered = consolidated.get(ConsolidateDeliverables.DRAFTS)
                .apply("RenderDeliverables", new RenderDeliverables(out));
        PCollectionTuple manifests = PCollectionTuple
                .of(WriteManifests.JOBS, consolidated.get(ConsolidateDeliverables.CONSOLIDATED))
                .and(WriteManifests.FILES, rendered)
                .apply("WriteManifests", new WriteManifests(out));

        PCollectionList.<FailureReport>of(validated.get(Failures.TAG))
                .and(pending.get(Failures.TAG))
                .and(prepared.get(Failures.TAG))
                .and(consolidated.get(Failures.TAG))
                .and(manifests.get(Failures.TAG))
                .apply("AllFailures", Flatten.pCollections())
                .apply("WriteFailures", new WriteFailures(out));
        return pipeline;
    }
}
