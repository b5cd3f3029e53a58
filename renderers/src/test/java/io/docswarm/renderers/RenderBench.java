package io.docswarm.renderers;

import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.SkillLibrary;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders one large deliverable and reports its time: {@code report} (about 200 PDF pages, also as DOCX),
 * {@code deck} (100 slides) or {@code workbook} (1,000,000 rows x 10 columns). bench/render-bench.sh runs each
 * kind in its own JVM under /usr/bin/time to record peak memory.
 */
public final class RenderBench {

    private RenderBench() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        Path out = Files.createDirectories(Path.of(args[1]));
        Document.DocumentMetadata metadata = new Document.DocumentMetadata("Benchmark " + kind, "", "bench", "en",
                Instant.parse("2026-01-01T00:00:00Z"));
        long start = System.nanoTime();
        String result = switch (kind) {
            case "report" -> {
                Document report = new Document(metadata, reportSections(), List.of(), List.of());
                RenderResult pdf = render(OutputFormat.PDF, report, "report", out.resolve("report.pdf"));
                render(OutputFormat.DOCX, report, "report", out.resolve("report.docx"));
                yield pdf.units() + " PDF pages (and the DOCX)";
            }
            case "deck" -> {
                Document deck = new Document(metadata, List.of(), slides(), List.of());
                yield render(OutputFormat.PPTX, deck, "deck", out.resolve("deck.pptx")).units() + " slides";
            }
            case "workbook" -> {
                Document workbook = new Document(metadata, List.of(), List.of(), List.of(bigSheet(1_000_000)));
                render(OutputFormat.XLSX, workbook, "workbook", out.resolve("workbook.xlsx"));
                yield "1,000,000 rows x 10 columns";
            }
            default -> throw new IllegalArgumentException("kind: report, deck or workbook");
        };
        System.out.printf("%s: %s in %.1f s%n", kind, result, (System.nanoTime() - start) / 1e9);
    }

    private static RenderResult render(OutputFormat format, Document document, String skill, Path file)
            throws Exception {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file))) {
            return Renderers.forFormat(format).render(document, SkillLibrary.builtIn(skill).orElseThrow(), stream);
        }
    }

    private static List<Section> reportSections() {
        List<Section> sections = new ArrayList<>();
        String sentence = "The regional teams report steady progress on the rollout, with costs close to plan "
                + "and a few open risks that the steering committee follows every week. ";
        for (int s = 1; s <= 140; s++) {
            List<Block> blocks = new ArrayList<>();
            for (int p = 0; p < 6; p++) {
                blocks.add(Paragraph.of(sentence.repeat(5)));
            }
            blocks.add(BulletList.bullets(List.of("First point of section " + s, "Second point", "Third point")));
            if (s % 3 == 0) {
                blocks.add(SampleDocuments.salesTable());
            }
            if (s % 5 == 0) {
                blocks.add(SampleDocuments.salesChart(Chart.ChartType.COLUMN));
            }
            sections.add(new Section("Section " + s, 1, blocks));
        }
        return sections;
    }

    private static List<Slide> slides() {
        List<Slide> slides = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            Slide.SlideRole role = i == 1 ? Slide.SlideRole.TITLE : i % 10 == 0 ? Slide.SlideRole.CHART
                    : Slide.SlideRole.CONTENT;
            List<Block> body = role == Slide.SlideRole.CHART
                    ? List.of(SampleDocuments.salesChart(Chart.ChartType.COLUMN))
                    : List.of(BulletList.bullets(List.of("Point one of slide " + i, "Point two", "Point three")));
            slides.add(new Slide(role, "Slide " + i, body, "Notes for slide " + i));
        }
        return slides;
    }

    private static Sheet bigSheet(int rows) {
        List<Table.Column> columns = new ArrayList<>();
        columns.add(Table.Column.text("Region"));
        columns.add(new Table.Column("Date", Table.ColumnType.DATE, ""));
        for (int c = 0; c < 8; c++) {
            columns.add(Table.Column.number("Measure " + (c + 1), "#,##0.00"));
        }
        String[] regions = {"North", "South", "East", "West"};
        LocalDate day = LocalDate.of(2020, 1, 1);
        List<List<Object>> data = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<Object> row = new ArrayList<>(10);
            row.add(regions[r % 4]);
            row.add(day.plusDays(r % 2000));
            for (int c = 0; c < 8; c++) {
                row.add((double) ((r * 31 + c * 17) % 1000));
            }
            data.add(row);
        }
        return new Sheet("Data", new Table("Large data set", columns, data, true), List.of(), List.of(), List.of());
    }
}
