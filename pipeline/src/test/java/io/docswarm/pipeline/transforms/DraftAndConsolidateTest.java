package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.plan.PartTask;
import io.docswarm.pipeline.TestBuckets;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.SkillLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PrepareJobs, DraftParts and ConsolidateDeliverables on the sample market-research job. */
@ExtendWith(TestPipelineExtension.class)
class DraftAndConsolidateTest {

    private static Elements.PendingJob marketJob() throws Exception {
        return sampleJob("market-research-report.json");
    }

    private static Elements.PendingJob sampleJob(String file) throws Exception {
        Path bucket = TestBuckets.samples();
        ParsedSpec parsed = new JobSpecReader(new BucketPaths(bucket))
                .read(bucket.resolve("jobs/" + file));
        SkillLibrary library = SkillLibrary.builtInsOnly();
        return new Elements.PendingJob(parsed, parsed.spec().deliverables().stream()
                .map(d -> library.resolve(d.skill())).toList());
    }

    @Test
    void everyPlannedPartIsDraftedAndDocumentsFollowThePlan(TestPipeline pipeline) throws Exception {
        Elements.PendingJob job = marketJob();
        PCollection<Elements.PreparedJob> prepared = pipeline.apply(Create.of(job))
                .apply(new PrepareJobs(TestBuckets.samples().toString())).get(PrepareJobs.PREPARED);
        PCollectionTuple drafted = prepared.apply(new DraftParts("grounded",
                io.docswarm.pipeline.transforms.Drafters.ModelSettings.NONE));
        PCollection<KV<String, Elements.TimedPart>> parts = drafted.get(DraftParts.PARTS);
        PAssert.that(drafted.get(DraftParts.FAILED)).empty();
        PAssert.that(parts).satisfies(all -> {
            List<String> keys = new ArrayList<>();
            all.forEach(kv -> keys.add(kv.getValue().part().deliverableIndex() + ":"
                    + kv.getValue().part().partIndex()));
            // Two deliverables with the job's six sections each.
            assertEquals(12, keys.size(), keys::toString);
            assertEquals(12, keys.stream().distinct().count());
            return null;
        });
        PCollectionTuple consolidated = PCollectionTuple
                .of(ConsolidateDeliverables.JOBS, prepared.apply(WithKeys.of(Elements.PreparedJob::jobId)
                        .withKeyType(TypeDescriptors.strings())))
                .and(ConsolidateDeliverables.PARTS, parts)
                .and(ConsolidateDeliverables.FAILED_PARTS, drafted.get(DraftParts.FAILED))
                .apply(new ConsolidateDeliverables("grounded"));
        PAssert.that(consolidated.get(Failures.TAG)).empty();
        PAssert.that(consolidated.get(ConsolidateDeliverables.DRAFTS)).satisfies(drafts -> {
            int count = 0;
            for (Elements.DeliverableDraft draft : drafts) {
                count++;
                List<String> headings = draft.document().sections().stream().map(s -> s.heading()).toList();
                assertEquals(List.of("Executive summary", "Market overview", "Why households buy", "Competitors",
                        "Market size in numbers", "Recommendations"), headings, "plan order kept");
                var numbers = draft.document().sections().get(4).blocks();
                assertTrue(numbers.stream().anyMatch(b -> b instanceof Table), "data section has a table");
                assertTrue(numbers.stream().anyMatch(b -> b instanceof Chart), "data section has a chart");
                assertFalse(draft.document().sections().get(1).blocks().isEmpty());
            }
            assertEquals(2, count);
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    /** Two works for the job's first part: the job as planned, and the job with no Skills (so drafting throws). */
    static final class GoodAndBadWorkFn extends DoFn<Elements.PreparedJob, Elements.PartWork> {
        @ProcessElement
        public void process(@Element Elements.PreparedJob job, OutputReceiver<Elements.PartWork> out) {
            PartTask first = job.plan().parts().getFirst();
            out.output(new Elements.PartWork(Elements.PartJob.of(job), first));
            out.output(new Elements.PartWork(Elements.PartJob.of(withoutSkills(job)), first));
        }
    }

    static Elements.PreparedJob withoutSkills(Elements.PreparedJob job) {
        return new Elements.PreparedJob(job.parsed(), List.of(), job.materials(), job.plan(), job.timingsMs());
    }

    @Test
    void aPartThatThrowsIsAFailureOfItsJobAndTheOtherPartIsDrafted(TestPipeline pipeline) throws Exception {
        Elements.PendingJob job = marketJob();
        PCollection<Elements.PreparedJob> prepared = pipeline.apply(Create.of(job))
                .apply(new PrepareJobs(TestBuckets.samples().toString())).get(PrepareJobs.PREPARED);
        var materials = prepared.apply(ParDo.of(new DraftParts.KeyMaterialsFn()))
                .apply(org.apache.beam.sdk.transforms.View.asMap());
        PCollectionTuple drafted = prepared
                .apply(ParDo.of(new GoodAndBadWorkFn()))
                .apply(ParDo.of(new DraftParts.DraftFn(RoleRouting.parse("grounded", ""),
                        Drafters.ModelSettings.NONE)).withSideInput(DraftParts.MATERIALS, materials)
                        .withOutputTags(DraftParts.PARTS, TupleTagList.of(DraftParts.FAILED)));
        PAssert.that(drafted.get(DraftParts.PARTS)).satisfies(parts -> {
            List<KV<String, Elements.TimedPart>> all = new ArrayList<>();
            parts.forEach(all::add);
            assertEquals(1, all.size());
            assertEquals(job.jobId(), all.getFirst().getKey());
            return null;
        });
        PAssert.that(drafted.get(DraftParts.FAILED)).satisfies(failed -> {
            List<KV<String, FailureReport>> all = new ArrayList<>();
            failed.forEach(all::add);
            assertEquals(1, all.size());
            FailureReport report = all.getFirst().getValue();
            assertEquals(job.jobId(), all.getFirst().getKey());
            assertEquals("draft", report.stage());
            assertEquals(job.parsed().specFile(), report.specFile());
            assertTrue(report.reason().startsWith(job.parsed().specFile() + ": drafting "
                    + job.parsed().spec().deliverables().getFirst().fileName() + " part "), report.reason());
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void aJobWithAFailedPartOrAFailedConsolidationIsOneDeadLetterAndTheOthersGoOn(TestPipeline pipeline)
            throws Exception {
        Elements.PendingJob market = marketJob();
        Elements.PendingJob brief = sampleJob("project-status-brief.json");
        Elements.PendingJob budget = sampleJob("budget-workbook.json");
        String samples = TestBuckets.samples().toString();
        PCollection<Elements.PreparedJob> prepared = pipeline.apply("Good", Create.of(market, brief))
                .apply("PrepareGood", new PrepareJobs(samples)).get(PrepareJobs.PREPARED);
        PCollectionTuple drafted = prepared.apply(new DraftParts("grounded", Drafters.ModelSettings.NONE));
        // The budget job has no parts drafted and no Skills: assembling its document throws.
        PCollection<Elements.PreparedJob> unassemblable = pipeline.apply("Bad", Create.of(budget))
                .apply("PrepareBad", new PrepareJobs(samples)).get(PrepareJobs.PREPARED)
                .apply("DropSkills", MapElements.into(TypeDescriptor.of(Elements.PreparedJob.class))
                        .via(DraftAndConsolidateTest::withoutSkills));
        PCollection<KV<String, Elements.PreparedJob>> keyed = PCollectionList.of(prepared).and(unassemblable)
                .apply(Flatten.pCollections())
                .apply(WithKeys.of(Elements.PreparedJob::jobId).withKeyType(TypeDescriptors.strings()));
        // Two of the market report's parts failed to draft.
        PCollection<KV<String, FailureReport>> failedParts = pipeline.apply("FailedParts", Create.of(
                KV.of(market.jobId(), new FailureReport(market.parsed().specFile(), "draft", "part 2: boom",
                        List.of())),
                KV.of(market.jobId(), new FailureReport(market.parsed().specFile(), "draft", "part 1: bang",
                        List.of()))).withCoder(KvCoder.of(StringUtf8Coder.of(),
                SerializableCoder.of(FailureReport.class))));
        PCollectionTuple consolidated = PCollectionTuple
                .of(ConsolidateDeliverables.JOBS, keyed)
                .and(ConsolidateDeliverables.PARTS, drafted.get(DraftParts.PARTS))
                .and(ConsolidateDeliverables.FAILED_PARTS, PCollectionList.of(drafted.get(DraftParts.FAILED))
                        .and(failedParts).apply("AllFailedParts", Flatten.pCollections()))
                .apply(new ConsolidateDeliverables("grounded"));
        PAssert.that(consolidated.get(Failures.TAG)).satisfies(failures -> {
            java.util.Map<String, FailureReport> bySpec = new java.util.TreeMap<>();
            failures.forEach(f -> bySpec.put(f.specFile(), f));
            assertEquals(2, bySpec.size(), bySpec::toString);
            FailureReport draft = bySpec.get(market.parsed().specFile());
            assertEquals("draft", draft.stage());
            assertEquals("part 1: bang; part 2: boom", draft.reason(), "one report naming every failed part");
            FailureReport consolidate = bySpec.get(budget.parsed().specFile());
            assertEquals("consolidate", consolidate.stage());
            assertTrue(consolidate.reason().startsWith(budget.parsed().specFile() + ": consolidation failed: "),
                    consolidate.reason());
            return null;
        });
        PAssert.that(consolidated.get(ConsolidateDeliverables.DRAFTS)).satisfies(drafts -> {
            List<String> files = new ArrayList<>();
            drafts.forEach(d -> files.add(d.jobId() + "/" + d.deliverable().fileName()));
            files.sort(null);
            assertEquals(brief.parsed().spec().deliverables().stream()
                    .map(d -> brief.jobId() + "/" + d.fileName()).sorted().toList(), files,
                    "nothing of a failed job is rendered");
            return null;
        });
        PAssert.that(consolidated.get(ConsolidateDeliverables.CONSOLIDATED)).satisfies(jobs -> {
            List<String> ids = new ArrayList<>();
            jobs.forEach(kv -> ids.add(kv.getKey()));
            assertEquals(List.of(brief.jobId()), ids);
            return null;
        });
        pipeline.run().waitUntilFinish();
    }
}
