package io.docswarm.pipeline.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.draft.JobMaterials;
import io.docswarm.agents.plan.JobPlan;
import io.docswarm.pipeline.TestBuckets;
import io.docswarm.pipeline.output.AtomicFiles;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ReadSpecs, SelectPendingJobs, RenderDeliverables, WriteManifests and WriteFailures, each on its own. */
@ExtendWith(TestPipelineExtension.class)
class OutputTransformsTest {

    @TempDir
    Path temp;

    private static ParsedSpec briefSpec() throws Exception {
        Path bucket = TestBuckets.samples();
        return new JobSpecReader(new BucketPaths(bucket)).read(bucket.resolve("jobs/project-status-brief.json"));
    }

    private static List<Skill> skills(ParsedSpec spec) {
        return spec.spec().deliverables().stream().map(d -> SkillLibrary.builtInsOnly().resolve(d.skill())).toList();
    }

    @Test
    void readSpecsFindsOnlyJsonInJobs(TestPipeline pipeline) throws Exception {
        Path jobs = Files.createDirectories(temp.resolve("jobs"));
        Files.writeString(jobs.resolve("a.json"), "{}");
        Files.writeString(jobs.resolve("notes.txt"), "not a spec");
        Files.writeString(temp.resolve("stray.json"), "{}");
        PCollection<String> paths = pipeline.apply(new ReadSpecs(temp.toString()));
        PAssert.that(paths).containsInAnyOrder(jobs.resolve("a.json").toString());
        pipeline.run().waitUntilFinish();
    }

    @Test
    void upToDateJobsAreDroppedAndChangedOnesKept(TestPipeline pipeline) throws Exception {
        ParsedSpec spec = briefSpec();
        Path out = temp.resolve("out");
        writeManifest(spec, out, writeFiles(spec, out, skill -> skill));
        PCollectionTuple sameDrafter = pipeline.apply("Same", Create.of(spec))
                .apply("SelectSame", new SelectPendingJobs(TestBuckets.samples().toString(), out.toString(),
                        "grounded"));
        PAssert.that(sameDrafter.get(SelectPendingJobs.PENDING)).empty();
        PCollectionTuple otherDrafter = pipeline.apply("Other", Create.of(spec))
                .apply("SelectOther", new SelectPendingJobs(TestBuckets.samples().toString(), out.toString(),
                        "engine"));
        PAssert.that(otherDrafter.get(SelectPendingJobs.PENDING)).satisfies(pending -> {
            Elements.PendingJob job = pending.iterator().next();
            assertEquals("brief@1", job.skills().getFirst().reference());
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void aSkillChangedUnderTheSameVersionMakesTheJobPendingAgain(TestPipeline pipeline) throws Exception {
        ParsedSpec spec = briefSpec();
        Path out = temp.resolve("out");
        // Rendered with a Skill of the same reference but other content (e.g. before a bucket Skill of the same
        // name and version replaced the built-in, or before its package was edited).
        java.util.function.UnaryOperator<Skill> restyled = before -> new Skill(before.name(), before.version(),
                before.description() + " (restyled)", before.kind(), before.look(), before.structure(),
                before.voice(), before.template(), before.layouts(), before.logic(), before.sample());
        Skill brief = skills(spec).getFirst();
        assertNotEquals(Digests.skill(brief), Digests.skill(restyled.apply(brief)));
        writeManifest(spec, out, writeFiles(spec, out, restyled));
        PCollectionTuple result = pipeline.apply(Create.of(spec))
                .apply(new SelectPendingJobs(TestBuckets.samples().toString(), out.toString(), "grounded"));
        PAssert.that(result.get(SelectPendingJobs.PENDING)).satisfies(pending -> {
            assertTrue(pending.iterator().hasNext(), "same skill reference, other skill content: must be redone");
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void skillHashesIgnoreWhereTheTemplateLiesButNotItsBytes() throws Exception {
        Skill brief = io.docswarm.skills.SkillLibrary.builtIn("brief").orElseThrow();
        Path copy = temp.resolve("elsewhere/template.docx");
        Files.createDirectories(copy.getParent());
        try (var in = brief.openTemplate()) {
            Files.copy(in, copy);
        }
        assertEquals(Digests.skill(brief), Digests.skill(brief.withTemplate(copy.toString())));
        Files.write(copy, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertNotEquals(Digests.skill(brief), Digests.skill(brief.withTemplate(copy.toString())));
    }

    @Test
    void aDamagedDeliverableMakesTheJobPendingAgain(TestPipeline pipeline) throws Exception {
        ParsedSpec spec = briefSpec();
        Path out = temp.resolve("out");
        Path jobDir = out.resolve(spec.spec().id());
        List<Manifest.FileEntry> files = writeFiles(spec, out, skill -> skill);
        writeManifest(spec, out, files);
        Files.writeString(jobDir.resolve(files.getFirst().name()), "content X");
        PCollectionTuple result = pipeline.apply(Create.of(spec))
                .apply(new SelectPendingJobs(TestBuckets.samples().toString(), out.toString(), "grounded"));
        PAssert.that(result.get(SelectPendingJobs.PENDING)).satisfies(pending -> {
            assertTrue(pending.iterator().hasNext(), "same size, other content: must be redone");
            return null;
        });
        pipeline.run().waitUntilFinish();
    }

    @Test
    void renderThenManifestWritesFilesAtomicallyAndRecordsThem(TestPipeline pipeline) throws Exception {
        ParsedSpec spec = briefSpec();
        Path out = temp.resolve("out");
        Files.createDirectories(out.resolve("_failed"));
        Path stale = out.resolve("_failed").resolve(FailureReport.fileNameFor(spec.specFile()));
        Files.writeString(stale, "{}");
        List<Skill> skills = skills(spec);
        Document document = new Document(new Document.DocumentMetadata("Brief", "", "Docswarm", "en",
                Instant.parse("2026-01-01T00:00:00Z")), List.of(new Section("Summary", 1,
                List.of(Paragraph.of("Everything is on track.")))), List.of(), List.of());
        List<Elements.DeliverableDraft> drafts = new ArrayList<>();
        for (int i = 0; i < spec.spec().deliverables().size(); i++) {
            drafts.add(new Elements.DeliverableDraft(spec.spec().id(), i, spec.spec().deliverables().get(i),
                    skills.get(i), document));
        }
        PCollection<KV<String, Elements.RenderedFile>> rendered = pipeline.apply("Drafts", Create.of(drafts))
                .apply(new RenderDeliverables(out.toString()));
        Elements.PreparedJob prepared = new Elements.PreparedJob(spec, skills,
                new JobMaterials(spec.spec(), List.of(), List.of()), new JobPlan(spec.spec().id(), List.of(),
                List.of("a plan warning")), Map.of("prepare", 1L, "plan", 1L));
        PCollectionTuple written = PCollectionTuple
                .of(WriteManifests.JOBS, pipeline.apply("Jobs", Create.of(KV.of(spec.spec().id(),
                        new Elements.ConsolidatedJob(prepared, "grounded", 5, 1, List.of("a plan warning"), List.of())))))
                .and(WriteManifests.FILES, rendered)
                .apply(new WriteManifests(out.toString()));
        PAssert.that(written.get(WriteManifests.WRITTEN)).containsInAnyOrder(spec.spec().id());
        PAssert.that(written.get(Failures.TAG)).empty();
        pipeline.run().waitUntilFinish();

        Manifest manifest = OutputJson.read(out.resolve(spec.spec().id()).resolve("manifest.json"), Manifest.class);
        assertEquals(spec.spec().deliverables().size(), manifest.files().size());
        for (Manifest.FileEntry entry : manifest.files()) {
            Path file = out.resolve(spec.spec().id()).resolve(entry.name());
            assertEquals(AtomicFiles.sha256Of(file), entry.sha256());
        }
        assertEquals(List.of("a plan warning"), manifest.warnings());
        assertEquals(Map.of("prepare", 1L, "plan", 1L, "draft", 5L, "consolidate", 1L,
                "render", manifest.timingsMs().get("render"), "preview", manifest.timingsMs().get("preview")),
                manifest.timingsMs());
        assertTrue(manifest.timingsMs().get("preview") > 0, "previews take time, recorded on their own: "
                + manifest.timingsMs());
        assertFalse(Files.exists(stale), "a delivered job clears its old dead letter");
    }

    @Test
    void aPdfOrDeckLongerThanTheJobAsksIsReported() {
        var pdf = new io.docswarm.agents.job.Deliverable(io.docswarm.renderers.OutputFormat.PDF, "brief", "atlas", 3);
        assertEquals(java.util.Optional.of("atlas.pdf: 4 pages, more than the 3 the job asks for"),
                RenderDeliverables.RenderFn.overLength(pdf, 4));
        assertTrue(RenderDeliverables.RenderFn.overLength(pdf, 3).isEmpty());
        var deck = new io.docswarm.agents.job.Deliverable(io.docswarm.renderers.OutputFormat.PPTX, "deck", "qbr", 8);
        assertEquals(java.util.Optional.of("qbr.pptx: 9 slides, more than the 8 the job asks for"),
                RenderDeliverables.RenderFn.overLength(deck, 9));
        // No budget, or a Word file (whose pages are Word's layout, and whose units are sections): nothing to say.
        var unbounded = new io.docswarm.agents.job.Deliverable(io.docswarm.renderers.OutputFormat.PDF, "brief", "a", 0);
        assertTrue(RenderDeliverables.RenderFn.overLength(unbounded, 40).isEmpty());
        var docx = new io.docswarm.agents.job.Deliverable(io.docswarm.renderers.OutputFormat.DOCX, "brief", "a", 2);
        assertTrue(RenderDeliverables.RenderFn.overLength(docx, 5).isEmpty());
    }

    @Test
    void failuresLandInTheDeadLetterFolder(TestPipeline pipeline) throws Exception {
        Path out = temp.resolve("out");
        FailureReport report = new FailureReport("jobs/sub/x.json", "prepare", "jobs/sub/x.json: unreadable",
                List.of(new FailureReport.Problem("$.sources[0].path", "path", "a readable file", "'x.pdf'")));
        PCollection<String> done = pipeline.apply(Create.of(report)).apply(new WriteFailures(out.toString()));
        PAssert.that(done).containsInAnyOrder("jobs/sub/x.json");
        pipeline.run().waitUntilFinish();
        Path file = out.resolve("_failed/jobs_sub_x.json.error.json");
        FailureReport read = OutputJson.read(file, FailureReport.class);
        assertEquals(report, read);
        assertNotNull(read.errors().getFirst().field());
    }

    private static Elements.ConsolidatedJob consolidated(ParsedSpec spec) {
        Elements.PreparedJob prepared = new Elements.PreparedJob(spec, skills(spec),
                new JobMaterials(spec.spec(), List.of(), List.of()), new JobPlan(spec.spec().id(), List.of(),
                List.of()), Map.of("prepare", 1L, "plan", 1L));
        return new Elements.ConsolidatedJob(prepared, "grounded", 5, 1, List.of(), List.of());
    }

    @Test
    void aDeliverableThatFailedToRenderDeadLettersTheJobAndKeepsTheOtherDelivered(TestPipeline pipeline)
            throws Exception {
        ParsedSpec spec = briefSpec();
        assertEquals(2, spec.spec().deliverables().size());
        Path out = temp.resolve("out");
        Files.createDirectories(out.resolve("_failed"));
        Path earlier = out.resolve("_failed").resolve(FailureReport.fileNameFor(spec.specFile()));
        Files.writeString(earlier, "{}");
        String failedName = spec.spec().deliverables().get(0).fileName();
        String goodName = spec.spec().deliverables().get(1).fileName();
        Path jobDir = Files.createDirectories(out.resolve(spec.spec().id()));
        AtomicFiles.Written good = AtomicFiles.write(jobDir.resolve(goodName), "rendered".getBytes());
        List<KV<String, Elements.RenderedFile>> files = List.of(
                KV.of(spec.spec().id(), new Elements.RenderedFile(0, null,
                        List.of(failedName + ": rendering failed: java.io.IOException: Fail to save"), 7)),
                KV.of(spec.spec().id(), new Elements.RenderedFile(1, new Manifest.FileEntry(goodName, "docx",
                        good.size(), good.sha256(), skills(spec).get(1).reference(), 2,
                        Digests.skill(skills(spec).get(1))), List.of(), 3, 4)));
        PCollectionTuple written = PCollectionTuple
                .of(WriteManifests.JOBS, pipeline.apply("Jobs", Create.of(KV.of(spec.spec().id(),
                        consolidated(spec)))))
                .and(WriteManifests.FILES, pipeline.apply("Files", Create.of(files)))
                .apply(new WriteManifests(out.toString()));
        PAssert.that(written.get(WriteManifests.WRITTEN)).empty();
        PAssert.that(written.get(Failures.TAG)).satisfies(failures -> {
            List<FailureReport> all = new ArrayList<>();
            failures.forEach(all::add);
            assertEquals(1, all.size());
            FailureReport report = all.getFirst();
            assertEquals(spec.specFile(), report.specFile());
            assertEquals("render", report.stage());
            assertEquals(spec.specFile() + ": 1 of 2 deliverable(s) failed to render: " + failedName
                    + ": rendering failed: java.io.IOException: Fail to save (delivered: " + goodName + ")",
                    report.reason());
            assertEquals("$.deliverables[0]", report.errors().getFirst().path());
            return null;
        });
        pipeline.run().waitUntilFinish();

        Manifest manifest = OutputJson.read(jobDir.resolve("manifest.json"), Manifest.class);
        assertEquals(List.of(goodName), manifest.files().stream().map(Manifest.FileEntry::name).toList(),
                "the file that rendered stays delivered and listed");
        assertEquals(7L + 3L, manifest.timingsMs().get("render"));
        assertEquals(4L, manifest.timingsMs().get("preview"));
        assertTrue(Files.exists(earlier), "a failed job keeps its dead letter (WriteFailures rewrites it)");
    }

    @Test
    void aPartlyDeliveredOrDeadLetteredJobIsPendingAgain(TestPipeline pipeline) throws Exception {
        ParsedSpec spec = briefSpec();
        Path partlyOut = temp.resolve("partly");
        Path deadOut = temp.resolve("dead");
        for (Path out : List.of(partlyOut, deadOut)) {
            List<Manifest.FileEntry> files = writeFiles(spec, out, skill -> skill);
            if (out.equals(partlyOut)) {
                files.removeFirst();
            } else {
                Files.createDirectories(out.resolve("_failed"));
                Files.writeString(out.resolve("_failed").resolve(FailureReport.fileNameFor(spec.specFile())), "{}");
            }
            writeManifest(spec, out, files);
        }
        String samples = TestBuckets.samples().toString();
        PCollectionTuple partly = pipeline.apply("Partly", Create.of(spec))
                .apply("SelectPartly", new SelectPendingJobs(samples, partlyOut.toString(), "grounded"));
        PCollectionTuple dead = pipeline.apply("Dead", Create.of(spec))
                .apply("SelectDead", new SelectPendingJobs(samples, deadOut.toString(), "grounded"));
        for (PCollectionTuple selected : List.of(partly, dead)) {
            PAssert.that(selected.get(SelectPendingJobs.PENDING)).satisfies(pending -> {
                assertTrue(pending.iterator().hasNext(), "a failed job is done again");
                return null;
            });
        }
        pipeline.run().waitUntilFinish();
    }

    /**
     * Writes each deliverable of {@code spec} under {@code out} as a finished run leaves it, and returns their
     * manifest entries, each recording the hash of {@code recorded} applied to the deliverable's Skill.
     */
    private static List<Manifest.FileEntry> writeFiles(ParsedSpec spec, Path out,
                                                       java.util.function.UnaryOperator<Skill> recorded)
            throws java.io.IOException {
        Path jobDir = Files.createDirectories(out.resolve(spec.spec().id()));
        List<Manifest.FileEntry> files = new ArrayList<>();
        for (int i = 0; i < spec.spec().deliverables().size(); i++) {
            String name = spec.spec().deliverables().get(i).fileName();
            AtomicFiles.Written written = AtomicFiles.write(jobDir.resolve(name), ("content " + i).getBytes());
            Skill skill = skills(spec).get(i);
            files.add(new Manifest.FileEntry(name, "pdf", written.size(), written.sha256(), skill.reference(), 1,
                    Digests.skill(recorded.apply(skill))));
        }
        return files;
    }

    /** The job's manifest, listing {@code files}, as the grounded drafter's run writes it. */
    private static void writeManifest(ParsedSpec spec, Path out, List<Manifest.FileEntry> files)
            throws java.io.IOException {
        AtomicFiles.write(out.resolve(spec.spec().id()).resolve("manifest.json"), OutputJson.bytes(new Manifest(
                spec.spec().id(), spec.specFile(), spec.specHash(), "grounded", files, Map.of(), List.of())));
    }
}
