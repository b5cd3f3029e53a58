package io.docswarm.renderers.pdf;

import io.docswarm.renderers.chart.JFreeChartFactory;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Look;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

/** Lays out the cover and the body of a report into pages; remembers where each heading landed. */
final class PdfBody {

    /** A heading's position, for the contents page and bookmarks. */
    record HeadingMark(String text, int level, PDPage page, float y) {
    }

    private final PDDocument pdf;
    private final PdfFonts fonts;
    private final Look look;
    private final PdfPages pages;
    private final List<HeadingMark> headings = new ArrayList<>();
    private final Map<String, Integer> citations = new LinkedHashMap<>();
    private PDPage cover;

    PdfBody(PDDocument pdf, PdfFonts fonts, Look look) {
        this.pdf = pdf;
        this.fonts = fonts;
        this.look = look;
        this.pages = new PdfPages(pdf, look.page());
    }

    List<HeadingMark> headings() {
        return headings;
    }

    PDPage cover() {
        return cover;
    }

    PdfPages pages() {
        return pages;
    }

    void layout(Document document) throws IOException {
        try (pages) {
            cover(document.metadata());
            pages.newPage();
            for (Section section : document.sections()) {
                section(section);
            }
            if (!citations.isEmpty()) {
                sources();
            }
        }
    }

    private void cover(Document.DocumentMetadata metadata) throws IOException {
        pages.newPage();
        cover = pages.page();
        PDPageContentStream content = pages.content();
        content.setNonStrokingColor(color(look.primaryColor()));
        content.addRect(0, pages.top() - 180, (float) look.page().widthPt(), 8);
        content.fill();
        pages.moveDown(220);
        text(metadata.title(), font(look.headingFont(), PdfFonts.Style.BOLD), (float) look.titleSize(),
                color(look.primaryColor()), 0, false);
        pages.moveDown(10);
        if (!metadata.subtitle().isBlank()) {
            text(metadata.subtitle(), font(look.headingFont(), PdfFonts.Style.REGULAR),
                    (float) look.bodySize() + 4, color(look.accentColor()), 0, false);
        }
        pages.moveDown(30);
        text(metadata.author(), font(look.bodyFont(), PdfFonts.Style.REGULAR), (float) look.bodySize(),
                color(look.textColor()), 0, false);
    }

    private void section(Section section) throws IOException {
        float size = (float) look.headingSize(section.level());
        PDFont font = font(look.headingFont(), PdfFonts.Style.BOLD);
        float bodyLine = (float) look.bodySize() * 1.35f;
        // Keep a heading with at least two lines of what follows.
        pages.ensure(size * 2.2f + bodyLine * 2);
        pages.moveDown(section.level() == 1 ? size * 0.8f : size * 0.5f);
        headings.add(new HeadingMark(section.heading(), section.level(), pages.page(), pages.y()));
        text(section.heading(), font, size, color(look.primaryColor()), 0, false);
        pages.moveDown(size * 0.4f);
        for (Block block : section.blocks()) {
            switch (block) {
                case Paragraph p -> paragraph(p.runs(), 0);
                case BulletList list -> list(list, 0);
                case Table table -> new PdfTable(pages, fonts, look).draw(table);
                case Chart chart -> chart(chart);
                case Quote quote -> quote(quote);
            }
        }
    }

    private void paragraph(List<Run> runs, float indent) throws IOException {
        List<PdfText.Word> words = new ArrayList<>();
        float size = (float) look.bodySize();
        for (Run run : runs) {
            PdfFonts.Style style = run.bold() ? PdfFonts.Style.BOLD
                    : run.italic() ? PdfFonts.Style.ITALIC : PdfFonts.Style.REGULAR;
            words.addAll(PdfText.words(run.text(), font(look.bodyFont(), style), size, color(look.textColor())));
            if (!run.citation().isBlank()) {
                int number = citations.computeIfAbsent(run.citation(), c -> citations.size() + 1);
                words.add(new PdfText.Word("[" + number + "]", font(look.bodyFont(), PdfFonts.Style.REGULAR),
                        size * 0.65f, color(look.accentColor()), true));
            }
        }
        lines(PdfText.wrap(words, pages.width() - indent), indent, look.justify());
        pages.moveDown(size * 0.6f);
    }

    private void list(BulletList list, int depth) throws IOException {
        int number = 1;
        float size = (float) look.bodySize();
        for (BulletList.Item item : list.items()) {
            float indent = 16 + depth * 16;
            String marker = list.numbered() ? (number++) + "." : depth == 0 ? "•" : "–";
            List<PdfText.Word> words = new ArrayList<>();
            for (Run run : item.runs()) {
                words.addAll(PdfText.words(run.text(), font(look.bodyFont(),
                        run.bold() ? PdfFonts.Style.BOLD : PdfFonts.Style.REGULAR), size, color(look.textColor())));
            }
            List<PdfText.Line> lines = PdfText.wrap(words, pages.width() - indent);
            for (int i = 0; i < lines.size(); i++) {
                PdfText.Line line = lines.get(i);
                pages.ensure(line.height());
                pages.moveDown(line.height());
                if (i == 0) {
                    PdfText.Line markerLine = new PdfText.Line(List.of(new PdfText.Word(marker,
                            font(look.bodyFont(), PdfFonts.Style.BOLD), size, color(look.accentColor()), false)),
                            0, true);
                    PdfText.draw(pages.content(), markerLine, pages.left() + indent - 13, pages.y(), 0, false);
                }
                PdfText.draw(pages.content(), line, pages.left() + indent, pages.y(), pages.width() - indent, false);
            }
            pages.moveDown(size * 0.25f);
            if (!item.children().isEmpty()) {
                list(new BulletList(list.numbered(), item.children()), depth + 1);
            }
        }
        pages.moveDown(size * 0.4f);
    }

    private void quote(Quote quote) throws IOException {
        float size = (float) look.bodySize() + 1;
        List<PdfText.Word> words = PdfText.words(quote.text(), font(look.bodyFont(), PdfFonts.Style.ITALIC), size,
                color(look.primaryColor()));
        if (!quote.attribution().isBlank()) {
            words.addAll(PdfText.words("— " + quote.attribution(), font(look.bodyFont(), PdfFonts.Style.REGULAR),
                    size - 1, color(look.textColor())));
        }
        float indent = 18;
        List<PdfText.Line> lines = PdfText.wrap(words, pages.width() - indent - 10);
        float height = 0;
        for (PdfText.Line line : lines) {
            height += line.height();
        }
        pages.ensure(Math.min(height, pages.top() - pages.bottom()) + 8);
        float startY = pages.y();
        lines(lines, indent, false);
        PDPageContentStream content = pages.content();
        content.setNonStrokingColor(color(look.accentColor()));
        content.addRect(pages.left() + 4, pages.y() - 4, 3, Math.max(0, startY - pages.y()));
        content.fill();
        pages.moveDown(size);
    }

    private void chart(Chart chart) throws IOException {
        float width = pages.width();
        float height = width * 0.55f;
        pages.ensure(height + 10);
        JFreeChart drawn = JFreeChartFactory.create(chart, look);
        PdfBoxGraphics2D graphics = new PdfBoxGraphics2D(pdf, width, height);
        drawn.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
        graphics.dispose();
        PDFormXObject form = graphics.getXFormObject();
        PDPageContentStream content = pages.content();
        content.saveGraphicsState();
        content.transform(Matrix.getTranslateInstance(pages.left(), pages.y() - height));
        content.drawForm(form);
        content.restoreGraphicsState();
        pages.moveDown(height + 12);
    }

    private void sources() throws IOException {
        section(new Section("Sources", 1, List.of()));
        for (Map.Entry<String, Integer> citation : citations.entrySet()) {
            paragraph(List.of(Run.plain("[" + citation.getValue() + "] " + citation.getKey())), 0);
        }
    }

    private void text(String text, PDFont font, float size, Color color, float indent, boolean justify)
            throws IOException {
        lines(PdfText.wrap(PdfText.words(text, font, size, color), pages.width() - indent), indent, justify);
    }

    private void lines(List<PdfText.Line> lines, float indent, boolean justify) throws IOException {
        for (PdfText.Line line : lines) {
            pages.ensure(line.height());
            pages.moveDown(line.height());
            PdfText.draw(pages.content(), line, pages.left() + indent, pages.y() + line.height() * 0.22f,
                    pages.width() - indent, justify);
        }
    }

    private PDFont font(String family, PdfFonts.Style style) throws IOException {
        return fonts.get(family, style);
    }

    static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
