package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Slide;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.presentationml.x2006.main.STSlideLayoutType;

/** A deck built in a template made here uses the template's masters and its own (renamed) layouts by role. */
class PptxTemplateTest {

    private static final String MASTER_MARK = "ACME master mark";

    @TempDir
    Path dir;

    /**
     * A 4:3 template with custom layout names, one of which ("Acme Body") has lost its layout type so only its
     * placeholders say what it is for, a closing layout recognised by name, a mark drawn on the master, and a sample
     * slide that must not survive.
     */
    private Path template() throws IOException {
        try (XMLSlideShow t = new XMLSlideShow()) {
            XSLFSlideMaster master = t.getSlideMasters().getFirst();
            rename(master.getLayout(SlideLayout.TITLE), "Acme Cover");
            rename(master.getLayout(SlideLayout.SECTION_HEADER), "Acme Divider");
            XSLFSlideLayout body = master.getLayout(SlideLayout.TITLE_AND_CONTENT);
            rename(body, "Acme Body");
            body.getXmlObject().setType(STSlideLayoutType.CUST);
            rename(master.getLayout(SlideLayout.TWO_OBJ), "Acme Two Columns");
            rename(master.getLayout(SlideLayout.PIC_TX), "Acme Picture");
            rename(master.getLayout(SlideLayout.TITLE_ONLY), "Acme Thank You Closing");
            XSLFTextBox mark = master.createTextBox();
            mark.setAnchor(new Rectangle2D.Double(10, 10, 200, 20));
            mark.setText(MASTER_MARK);
            t.createSlide(master.getLayout(SlideLayout.TITLE)).getPlaceholder(0).setText("Sample slide to remove");
            Path file = dir.resolve("template.pptx");
            try (OutputStream out = Files.newOutputStream(file)) {
                t.write(out);
            }
            return file;
        }
    }

    private static void rename(XSLFSlideLayout layout, String name) {
        layout.getXmlObject().getCSld().setName(name);
    }

    private RenderResult render(Document deck, ByteArrayOutputStream out) throws IOException {
        Skill skill = SkillLibrary.builtIn("deck").orElseThrow().withTemplate(template().toString());
        return Renderers.forFormat(OutputFormat.PPTX).render(deck, skill, out);
    }

    private static Document deck() {
        List<Slide> slides = List.of(
                new Slide(Slide.SlideRole.TITLE, "Cover title", List.of(Paragraph.of("Subtitle")), ""),
                new Slide(Slide.SlideRole.SECTION, "Part one", List.of(), ""),
                new Slide(Slide.SlideRole.CONTENT, "Body", List.of(BulletList.bullets(List.of("One", "Two"))), "n"),
                new Slide(Slide.SlideRole.CHART, "Chart", List.of(SampleDocuments.salesChart(
                        io.docswarm.renderers.model.Chart.ChartType.COLUMN), Paragraph.of("East leads")), ""),
                new Slide(Slide.SlideRole.PICTURE, "Picture", List.of(SampleDocuments.picture()), ""),
                new Slide(Slide.SlideRole.CLOSING, "Thanks", List.of(), ""));
        return new Document(SampleDocuments.metadata(), List.of(), slides, List.of());
    }

    @Test
    void slidesUseTheTemplatesLayoutsByRole() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = render(deck(), out);
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals(new Dimension(720, 540), show.getPageSize(), "the template's slide size, not ours");
            List<String> layouts = show.getSlides().stream().map(s -> s.getSlideLayout().getName()).toList();
            assertEquals(List.of("Acme Cover", "Acme Divider", "Acme Body", "Acme Two Columns", "Acme Picture",
                    "Acme Thank You Closing"), layouts, result.warnings().toString());
            assertEquals(1, show.getSlideMasters().size());
            assertTrue(show.getSlideMasters().getFirst().getShapes().stream()
                    .anyMatch(s -> s instanceof XSLFTextBox box && box.getText().equals(MASTER_MARK)), "master kept");
            assertTrue(show.getSlides().stream().noneMatch(s -> text(s).contains("Sample slide")), "samples removed");
            XSLFSlide chart = show.getSlides().get(3);
            assertEquals(1, chart.getRelations().stream().filter(p -> p instanceof XSLFChart).count(), "native chart");
            assertTrue(text(chart).contains("East leads"), "text in the other column");
            XSLFSlide picture = show.getSlides().get(4);
            XSLFPictureShape shape = picture.getShapes().stream().filter(s -> s instanceof XSLFPictureShape)
                    .map(s -> (XSLFPictureShape) s).findFirst().orElseThrow();
            Rectangle2D holder = picture.getSlideLayout().getPlaceholders()[1].getAnchor();
            assertTrue(holder.contains(shape.getAnchor().getCenterX(), shape.getAnchor().getCenterY()),
                    "picture placed in the layout's picture placeholder");
            assertTrue(picture.getPlaceholders().length <= 2, "no empty placeholders left behind");
        }
    }

    @Test
    void aRoleTheTemplateCannotServeFallsBackAndIsReported() throws IOException {
        Document tableDeck = new Document(SampleDocuments.metadata(), List.of(), List.of(new Slide(
                Slide.SlideRole.TABLE, "Numbers", List.of(SampleDocuments.salesTable()), "")), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = render(tableDeck, out);
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(out.toByteArray()))) {
            assertEquals("Acme Body", show.getSlides().getFirst().getSlideLayout().getName());
        }
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("no layout for table slides")
                && w.contains("Acme Body")), result.warnings().toString());
    }

    @Test
    void templatedDeckOpensInLibreOffice() throws Exception {
        LibreOffice.assumeAvailable();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        render(deck(), out);
        Path file = Files.write(dir.resolve("templated.pptx"), out.toByteArray());
        Path pdf = LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("lo")));
        try (var converted = Loader.loadPDF(pdf.toFile())) {
            assertEquals(6, converted.getNumberOfPages());
            String text = new PDFTextStripper().getText(converted);
            assertTrue(text.contains("Cover title") && text.contains(MASTER_MARK), text);
        }
    }

    private static String text(XSLFSlide slide) {
        StringBuilder text = new StringBuilder();
        slide.getShapes().forEach(s -> {
            if (s instanceof org.apache.poi.xslf.usermodel.XSLFTextShape t) {
                text.append(t.getText()).append('\n');
            }
        });
        return text.toString();
    }

}
