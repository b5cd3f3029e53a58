package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.pipeline.TestBuckets;
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
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PrepareJobs, DraftParts and ConsolidateDeliverables on the sample market-research job. */
@ExtendWith(TestPipelineExtension.class)
class DraftAndConsolidateTest {

    private static Elements.PendingJob marketJob() throws Exception {
        Path bucket = TestBuckets.samples();
        ParsedSpec parsed = new JobSpecReader(new BucketPaths(bucket))
                .read(bucket.resolve("jobs/market-research-report.json"));
        SkillLibrary library = SkillLibrary.builtInsOnly();
        return new Elements.PendingJob(parsed, parsed.spec().deliverables().stream()
                .map(d -> library.resolve(d.skill())).toList());
    }

    @Test
    void everyPlannedPartIsDraftedAndDocumentsFollowThePlan(TestPipeline pipeline) throws Exception {
        Elements.PendingJob job = marketJob();
        PCollection<Elements.PreparedJob> prepared = pipeline.apply(Create.of(job))
                .apply(new PrepareJobs(TestBuckets.samples().toString())).get(PrepareJobs.PREPARED);
        PCollection<KV<String, Elements.TimedPart>> parts = prepared.apply(new DraftParts("grounded", io.docswarm.pipeline.transforms.Drafters.ModelSettings.NONE));
        PAssert.that(parts).satisfies(drafted -> {
            List<String> keys = new ArrayList<>();
            drafted.forEach(kv -> keys.add(kv.getValue().part().deliverableIndex() + ":"
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
                .apply(new ConsolidateDeliverables("grounded"));
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
}
