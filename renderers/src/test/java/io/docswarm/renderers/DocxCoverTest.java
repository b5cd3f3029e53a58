package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Section;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFChart;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cover is a title page, and charts are captioned once. */
class DocxCoverTest {

    @TempDir
    Path dir;

    private static byte[] render(Document document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(OutputFormat.DOCX).render(document, SkillLibrary.builtIn("report").orElseThrow(), out);
        return out.toByteArray();
    }

    @Test
    void onlyTheFirstSectionHasATitlePage() throws IOException {
        // The sample has section breaks (a landscape part): only the section with the cover may skip its header.
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(render(SampleDocuments.report())))) {
            List<Boolean> titlePages = new java.util.ArrayList<>();
            for (XWPFParagraph p : docx.getParagraphs()) {
                if (p.getCTP().isSetPPr() && p.getCTP().getPPr().isSetSectPr()) {
                    titlePages.add(p.getCTP().getPPr().getSectPr().isSetTitlePg());
                }
            }
            titlePages.add(docx.getDocument().getBody().getSectPr().isSetTitlePg());
            assertEquals(List.of(true, false, false), titlePages);
            var policy = docx.getHeaderFooterPolicy();
            assertTrue(policy.getFirstPageHeader().getText().isBlank(), "no running header on the cover");
            assertTrue(policy.getFirstPageFooter().getText().isBlank(), "no page number on the cover");
        }
    }

    @Test
    void theCoverHasNoPageNumberWhenOpened() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("report.docx");
        Files.write(file, render(SampleDocuments.report()));
        Path pdf = LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("pdf")));
        try (PDDocument converted = Loader.loadPDF(Files.readAllBytes(pdf))) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setStartPage(1);
            stripper.setEndPage(1);
            String cover = stripper.getText(converted);
            assertTrue(cover.contains(SampleDocuments.TITLE), cover);
            assertFalse(cover.contains("Page 1"), "cover without footer: " + cover);
            stripper.setStartPage(2);
            stripper.setEndPage(2);
            assertTrue(stripper.getText(converted).contains("Page 2"), "the pages after it keep theirs");
        }
    }

    @Test
    void aChartIsTitledOnceByItsCaption() throws IOException {
        Chart chart = SampleDocuments.salesChart(Chart.ChartType.COLUMN);
        Document document = new Document(SampleDocuments.metadata(),
                List.of(new Section("Charts", 1, List.of(chart))), List.of(), List.of());
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(render(document)))) {
            XWPFChart written = docx.getCharts().getFirst();
            assertFalse(written.getCTChart().isSetTitle(), "no title inside the chart");
            assertTrue(written.getCTChart().getAutoTitleDeleted().getVal(), "nor one made up from a series name");
            assertEquals(1, docx.getParagraphs().stream().filter(p -> p.getText().equals(chart.title())).count(),
                    "the caption carries the title");
        }
    }
}
