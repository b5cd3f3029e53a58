package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PartKind;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.pipeline.TestBuckets;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Fanning a job out into many parts does not copy the job's materials into every part. */
@ExtendWith(TestPipelineExtension.class)
class DraftPartsScaleTest {

    private static final int PARTS = 40;
    private static final int ROWS = 5_000;

    /** A report job of {@link #PARTS} sections over a source and a data table of {@link #ROWS} rows. */
    private static Elements.PreparedJob bigJob() throws Exception {
        Path bucket = TestBuckets.samples();
        ParsedSpec parsed = new JobSpecReader(new BucketPaths(bucket))
                .read(bucket.resolve("jobs/market-research-report.json"));
        SkillLibrary library = SkillLibrary.builtInsOnly();
        var skills = parsed.spec().deliverables().stream().map(d -> library.resolve(d.skill())).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            rows.add(List.of("Region " + (r % 7), 1000.0 + r));
        }
        DataTable table = new DataTable("sales", "sales.csv", List.of("Region", "Amount"),
                List.of(DataTable.ColumnKind.TEXT, DataTable.ColumnKind.NUMBER), rows);
        List<String> paragraphs = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            paragraphs.add("Battery storage in region " + p + " grew quickly. Prices for storage fell again.");
        }
        JobMaterials materials = new JobMaterials(parsed.spec(), List.of(new SourceDocument("notes.md",
                paragraphs)), List.of(table));
        String id = parsed.spec().id();
        List<PartTask.SectionRef> sections = new ArrayList<>();
        for (int s = 0; s < PARTS; s++) {
            sections.add(new PartTask.SectionRef("Section " + s, s == 0 ? "summary" : "narrative"));
        }
        List<PartTask> tasks = new ArrayList<>();
        for (int s = 0; s < PARTS; s++) {
            tasks.add(new PartTask(id, 0, s, OutputFormat.DOCX, PartKind.SECTION, sections.get(s).heading(), 1,
                    sections.get(s).purpose(), 2, -1, sections));
        }
        return new Elements.PreparedJob(parsed, skills, materials, new JobPlan(id, tasks, List.of()), Map.of());
    }

    private static int serialisedSize(Object value) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.size();
    }

    @Test
    void partElementsCarryNeitherTheSourcesNorTheDataNorThePlan(TestPipeline pipeline) throws Exception {
        Elements.PreparedJob job = bigJob();
        int materials = serialisedSize(job.materials());
        assertTrue(materials > 200_000, "a job with sizeable materials: " + materials + " bytes");
        PCollection<Elements.PartWork> parts = pipeline.apply(Create.of(job))
                .apply(ParDo.of(new DraftParts.FanOutFn()));
        PAssert.that(parts).satisfies(work -> {
            int count = 0;
            for (Elements.PartWork part : work) {
                count++;
                try {
                    int size = serialisedSize(part);
                    assertTrue(size < materials / 10, "a part element is " + size + " bytes; the materials "
                            + materials);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
            assertEquals(PARTS, count);
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void everyPartIsDraftedFromTheJobsMaterialsThroughTheSideInput(TestPipeline pipeline) throws Exception {
        Elements.PreparedJob job = bigJob();
        PCollection<KV<String, Elements.TimedPart>> drafted = pipeline.apply(Create.of(job))
                .apply(new DraftParts("grounded", Drafters.ModelSettings.NONE)).get(DraftParts.PARTS);
        PAssert.that(drafted).satisfies(parts -> {
            Set<Integer> indexes = new HashSet<>();
            boolean cited = false;
            for (KV<String, Elements.TimedPart> kv : parts) {
                assertEquals(job.jobId(), kv.getKey());
                indexes.add(kv.getValue().part().partIndex());
                cited |= kv.getValue().part().sections().toString().contains("notes.md, paragraph");
            }
            assertEquals(PARTS, indexes.size(), "every part drafted once");
            assertTrue(cited, "parts quote the job's sources, which reach them only through the side input");
            return null;
        });
        pipeline.run().waitUntilFinish();
    }
}
