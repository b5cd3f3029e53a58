package io.docswarm.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.agents.job.Deliverable;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.spec.BucketPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.renderers.LibreOffice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path on the sample bucket plus one malformed spec: DirectRunner, a second idempotent run, FlinkRunner
 * on an embedded mini-cluster, and every deliverable opened by LibreOffice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    Path temp;

    Path bucket;
    Path directOut;
    List<ParsedSpec> samples;

    @BeforeAll
    void bucketWithABrokenSpec(@TempDir Path temp) throws Exception {
        this.temp = temp;
        bucket = TestBuckets.copyOfSamples(temp.resolve("bucket"));
        Files.writeString(bucket.resolve("jobs/zz-broken.json"),
                "{\"id\": \"broken\", \"title\": \"Broken\", \"brief\": \"x\", \"deliverables\": [{\"format\": \"odt\"}]}");
        directOut = temp.resolve("out-direct");
        JobSpecReader reader = new JobSpecReader(new BucketPaths(bucket));
        samples = new ArrayList<>();
        try (Stream<Path> specs = Files.list(TestBuckets.samples().resolve("jobs"))) {
            for (Path spec : specs.sorted().toList()) {
                samples.add(reader.read(bucket.resolve("jobs").resolve(spec.getFileName())));
            }
        }
        assertTrue(samples.size() >= 4, "the sample bucket has at least four jobs");
    }

    private static RunSummary run(Path bucket, Path out, boolean flink) {
        DocswarmOptions options = PipelineOptionsFactory.as(DocswarmOptions.class);
        options.setBucket(bucket.toString());
        options.setOut(out.toString());
        if (flink) {
            Runners.flink(options, Runners.FLINK_LOCAL, 2);
        } else {
            Runners.direct(options, 2);
        }
        PipelineResult result = DocswarmPipeline.create(options).run();
        assertEquals(PipelineResult.State.DONE, result.waitUntilFinish());
        return RunSummary.of(result);
    }

    @Test
    @Order(1)
    void directRunDeliversEverySampleAndDeadLettersTheBrokenSpec() throws IOException {
        RunSummary summary = run(bucket, directOut, false);
        assertEquals(samples.size() + 1, summary.specsFound());
        assertEquals(samples.size(), summary.delivered(), summary::toString);
        assertEquals(1, summary.specsRejected());
        for (ParsedSpec sample : samples) {
            Path jobDir = directOut.resolve(sample.spec().id());
            Manifest manifest = OutputJson.read(jobDir.resolve("manifest.json"), Manifest.class);
            assertEquals(sample.specHash(), manifest.specHash());
            assertEquals("grounded", manifest.drafter());
            assertEquals(sample.spec().deliverables().size(), manifest.files().size());
            for (int i = 0; i < manifest.files().size(); i++) {
                Deliverable deliverable = sample.spec().deliverables().get(i);
                Manifest.FileEntry entry = manifest.files().get(i);
                Path file = jobDir.resolve(deliverable.fileName());
                assertEquals(deliverable.fileName(), entry.name());
                assertEquals(Files.size(file), entry.bytes());
                assertEquals(io.docswarm.pipeline.output.AtomicFiles.sha256Of(file), entry.sha256());
                assertTrue(entry.skill().matches("[a-z]+@\\d+"), entry.skill());
                assertTrue(Files.size(jobDir.resolve(deliverable.fileName() + ".png")) > 1000, "preview beside "
                        + deliverable.fileName());
            }
            assertTrue(manifest.timingsMs().keySet().containsAll(List.of("prepare", "plan", "draft", "render")));
        }
        Path failure = directOut.resolve("_failed").resolve(FailureReport.fileNameFor("jobs/zz-broken.json"));
        FailureReport report = OutputJson.read(failure, FailureReport.class);
        assertEquals("$.deliverables[0].format", report.errors().getFirst().path());
        assertEquals("format", report.errors().getFirst().field());
        assertTrue(report.reason().contains("jobs/zz-broken.json"), report.reason());
        try (Stream<Path> files = Files.walk(directOut)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp file left");
        }
    }

    @Test
    @Order(2)
    void secondRunRendersNothingAndChangesNoFile() throws IOException {
        Map<Path, FileTime> before = snapshot(directOut);
        RunSummary summary = run(bucket, directOut, false);
        assertEquals(samples.size(), summary.upToDate(), summary::toString);
        assertEquals(0, summary.files(), "no rendering work");
        assertEquals(before, snapshot(directOut), "no file written, touched or added");
    }

    @Test
    @Order(3)
    void flinkMiniClusterGivesTheSameFilesAndManifests() throws IOException {
        Path flinkOut = temp.resolve("out-flink");
        RunSummary summary = run(bucket, flinkOut, true);
        assertEquals(samples.size(), summary.delivered(), summary::toString);
        assertEquals(relativeFiles(directOut), relativeFiles(flinkOut));
        for (ParsedSpec sample : samples) {
            Manifest direct = OutputJson.read(directOut.resolve(sample.spec().id()).resolve("manifest.json"),
                    Manifest.class);
            Manifest flink = OutputJson.read(flinkOut.resolve(sample.spec().id()).resolve("manifest.json"),
                    Manifest.class);
            assertEquals(withoutTimings(direct), withoutTimings(flink), "manifests agree except for timings");
        }
    }

    @Test
    @Order(4)
    void everyDeliverableOpensInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        Path converted = Files.createDirectories(temp.resolve("converted"));
        for (ParsedSpec sample : samples) {
            for (Deliverable deliverable : sample.spec().deliverables()) {
                Path file = directOut.resolve(sample.spec().id()).resolve(deliverable.fileName());
                Path dir = Files.createDirectories(converted.resolve(sample.spec().id() + "-"
                        + deliverable.format().extension()));
                LibreOffice.convertToPdf(file, dir);
            }
        }
    }

    @Test
    @Order(5)
    void theRunReportRendersInChromium() throws Exception {
        Chromium.assumeAvailable();
        Path page = Path.of(io.docswarm.pipeline.report.RunReport.write(directOut.toString(), "Docswarm run report"));
        String dom = Chromium.dumpDom(page);
        assertTrue(dom.contains("data-rendered=\"ok\""), "the page's script ran without error");
        for (ParsedSpec sample : samples) {
            assertTrue(dom.contains("id=\"job-" + sample.spec().id() + "\""), "job listed: " + sample.spec().id());
            for (Deliverable deliverable : sample.spec().deliverables()) {
                assertTrue(dom.contains(deliverable.fileName()), "deliverable linked: " + deliverable.fileName());
            }
        }
        assertTrue(dom.contains("jobs/zz-broken.json"), "the rejected spec is listed");
        assertTrue(dom.contains(".pptx.png\""), "deliverables show their preview thumbnails");
        for (ParsedSpec sample : samples) {
            Path jobDir = directOut.resolve(sample.spec().id());
            List<String> trace = Files.readAllLines(jobDir.resolve("trace.jsonl"));
            assertTrue(trace.getFirst().contains("\"role\":\"planner\""), trace.getFirst());
            assertTrue(trace.getLast().contains("\"role\":\"renderer\""), trace.getLast());
            long renders = trace.stream().filter(line -> line.contains("\"role\":\"renderer\"")).count();
            assertEquals(sample.spec().deliverables().size(), renders, "one render step per deliverable");
            String process = Chromium.dumpDom(jobDir.resolve("process.html"));
            assertTrue(process.contains("data-rendered=\"ok\"") && process.contains("<svg"),
                    "the process page with its timeline chart renders");
            assertTrue(dom.contains(sample.spec().id() + "/process.html"), "the report links the process page");
        }
    }

    @Test
    @Order(6)
    void numbersMatchTheDataAndClaimsCiteTheSources() throws Exception {
        // Recompute revenue by region straight from the CSV, independently of the analyst's code.
        java.util.Map<String, Double> revenue = new java.util.LinkedHashMap<>();
        try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                .get().parse(Files.newBufferedReader(bucket.resolve("data/sales-2026-q3.csv")))) {
            for (var record : parser) {
                revenue.merge(record.get("Region"), Double.parseDouble(record.get("Revenue")), Double::sum);
            }
        }
        Path workbook = directOut.resolve("q3-business-review/q3-sales-analysis.xlsx");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(workbook))) {
            var sheet = book.getSheetAt(0);
            java.util.Map<String, Double> written = new java.util.LinkedHashMap<>();
            int revenueColumn = -1;
            for (var row : sheet) {
                for (var cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            && cell.getStringCellValue().equals("Revenue")) {
                        revenueColumn = cell.getColumnIndex();
                    }
                }
                var first = row.getCell(0);
                if (revenueColumn >= 0 && first != null && revenue.containsKey(first.toString())) {
                    written.put(first.toString(), row.getCell(revenueColumn).getNumericCellValue());
                }
            }
            assertEquals(revenue, written, "the workbook's revenue by region equals the CSV's");
        }
        try (var docx = new org.apache.poi.xwpf.usermodel.XWPFDocument(Files.newInputStream(
                directOut.resolve("nordic-storage-market/nordic-storage-market.docx")))) {
            long footnotes = docx.getFootnotes().stream().filter(f -> f.getParagraphs().stream()
                    .anyMatch(p -> p.getText().contains("sources/market/"))).count();
            assertTrue(footnotes >= 6, "claims cite their source files and paragraphs: " + footnotes);
        }
    }

    /**
     * Every sample deliverable is rendered with a built-in Skill (each of report, brief, deck and workbook is used)
     * and must follow it fully: fonts, colours, page or slide size, styles and layouts, outline (the job's own
     * sections where it lists them), text budgets and number formats.
     */
    @Test
    @Order(6)
    void everyDeliverableFullyConformsToItsSkill() throws IOException {
        var library = new io.docswarm.skills.SkillLibrary(bucket.resolve("skills"));
        var checker = new io.docswarm.skills.conformance.ConformanceChecker();
        java.util.Set<String> skillsUsed = new java.util.TreeSet<>();
        for (ParsedSpec sample : samples) {
            Path jobDir = directOut.resolve(sample.spec().id());
            Manifest manifest = OutputJson.read(jobDir.resolve("manifest.json"), Manifest.class);
            for (Manifest.FileEntry entry : manifest.files()) {
                var skill = library.resolve(entry.skill());
                skillsUsed.add(skill.name());
                var report = checker.check(jobDir.resolve(entry.name()), skill,
                        sample.spec().constraints().sections());
                assertTrue(report.fullConformance(), report::describe);
                assertTrue(report.criteria().size() >= 2, report::describe);
            }
        }
        assertEquals(java.util.Set.copyOf(io.docswarm.skills.SkillLibrary.BUILT_INS), skillsUsed,
                "the samples use every built-in Skill");
    }

    private static Manifest withoutTimings(Manifest manifest) {
        return new Manifest(manifest.jobId(), manifest.specFile(), manifest.specHash(), manifest.drafter(),
                manifest.files(), Map.of(), manifest.warnings());
    }

    private static Map<Path, FileTime> snapshot(Path root) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                times.put(root.relativize(file), Files.getLastModifiedTime(file));
            }
        }
        return times;
    }

    private static List<Path> relativeFiles(Path root) throws IOException {
        return new ArrayList<>(snapshot(root).keySet());
    }
}
