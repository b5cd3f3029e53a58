package io.docswarm.renderers.preview;

import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Table;
import io.docswarm.renderers.pdf.PdfRenderer;
import io.docswarm.skills.Skill;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;

/**
 * A PNG of a deliverable's first page or slide, so people can see outputs at a glance. PDFs are rendered by
 * PDFBox; Word documents through our own PDF of the same document (their pagination is the reader's, so this
 * shows the look, not Word's exact page); decks through POI's slide renderer; workbooks as the first sheet's
 * first rows. The same input gives the same image.
 */
public final class Previews {

    /** Width of every preview in pixels. */
    public static final int WIDTH = 480;
    private static final int SHEET_ROWS = 18;

    private Previews() {
    }

    /**
     * @param format   the deliverable's format
     * @param file     the rendered deliverable's bytes
     * @param document the document it was rendered from
     * @param skill    the Skill it followed
     */
    public static byte[] png(OutputFormat format, byte[] file, Document document, Skill skill) throws IOException {
        BufferedImage image = switch (format) {
            case PDF -> pdfPage(file, 0);
            case DOCX -> {
                ByteArrayOutputStream pdf = new ByteArrayOutputStream();
                new PdfRenderer().render(document, skill, pdf);
                // The first page of sections shows more of the look than a cover or contents page.
                int front = skill.structure().frontMatterOrDefault().pages();
                yield pdfPage(pdf.toByteArray(), Math.min(front, pageCount(pdf.toByteArray()) - 1));
            }
            case PPTX -> firstSlide(file);
            case XLSX -> firstSheet(document.sheets(), skill);
        };
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }

    private static int pageCount(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return document.getNumberOfPages();
        }
    }

    private static BufferedImage pdfPage(byte[] pdf, int page) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            float widthPt = document.getPage(page).getMediaBox().getWidth();
            return new PDFRenderer(document).renderImage(page, WIDTH / widthPt);
        }
    }

    private static BufferedImage firstSlide(byte[] pptx) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow(new ByteArrayInputStream(pptx))) {
            java.awt.Dimension size = show.getPageSize();
            double scale = (double) WIDTH / size.width;
            BufferedImage image = new BufferedImage(WIDTH, (int) Math.round(size.height * scale),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            quality(g);
            g.setPaint(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.scale(scale, scale);
            List<XSLFSlide> slides = show.getSlides();
            if (!slides.isEmpty()) {
                slides.getFirst().draw(g);
            }
            g.dispose();
            return image;
        }
    }

    /** The first sheet's title and first rows as a grid in the Skill's colours. */
    private static BufferedImage firstSheet(List<Sheet> sheets, Skill skill) {
        int rowHeight = 20;
        BufferedImage image = new BufferedImage(WIDTH, rowHeight * (SHEET_ROWS + 3), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        quality(g);
        g.setPaint(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        if (sheets.isEmpty()) {
            g.dispose();
            return image;
        }
        Sheet sheet = sheets.getFirst();
        Table table = sheet.table();
        g.setFont(new Font(skill.look().headingFont(), Font.BOLD, 13));
        g.setPaint(color(skill.look().primaryColor()));
        g.drawString(table.caption().isBlank() ? sheet.name() : table.caption(), 6, 16);
        int columns = Math.max(1, table.columns().size());
        int cellWidth = (WIDTH - 12) / columns;
        int y = rowHeight + 8;
        g.setFont(new Font(skill.look().bodyFont(), Font.BOLD, 10));
        g.setPaint(color(skill.look().primaryColor()));
        g.fillRect(6, y, cellWidth * columns, rowHeight);
        g.setPaint(Color.WHITE);
        for (int c = 0; c < table.columns().size(); c++) {
            g.drawString(clip(table.columns().get(c).name(), cellWidth), 10 + c * cellWidth, y + 14);
        }
        g.setFont(new Font(skill.look().bodyFont(), Font.PLAIN, 10));
        for (int r = 0; r < Math.min(SHEET_ROWS, table.rows().size()); r++) {
            y += rowHeight;
            if (r % 2 == 1) {
                g.setPaint(new Color(0xF2F4F7));
                g.fillRect(6, y, cellWidth * columns, rowHeight);
            }
            g.setPaint(color(skill.look().textColor()));
            for (int c = 0; c < table.columns().size(); c++) {
                String text = TextFormat.cell(table.rows().get(r).get(c), table.columns().get(c));
                g.drawString(clip(text, cellWidth), 10 + c * cellWidth, y + 14);
            }
        }
        g.dispose();
        return image;
    }

    private static String clip(String text, int widthPx) {
        int chars = Math.max(3, widthPx / 7);
        return text.length() <= chars ? text : text.substring(0, chars - 1) + "…";
    }

    private static void quality(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
