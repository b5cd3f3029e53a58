package io.docswarm.renderers.pdf;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.chart.JFreeChartFactory;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Image;
import io.docswarm.renderers.model.PageBreak;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.CitationMarks;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.SectionBreak;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.FrontMatter;
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
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.util.Matrix;
import org.jfree.chart.JFreeChart;

/**
 * Lays out the front of a report (a cover page, or a title block at the top of the first page, as the Skill's
 * {@link FrontMatter} says) and its body into pages; remembers where each heading landed.
 */
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
    private final List<String> warnings;
    private final FrontMatter front;
    /**
     * The document's direction, from its language: of paragraphs without a strong character, and of tables and
     * charts.
     */
    private final TextDirection direction;
    private PDPage cover;
    private PDPage titlePage;
    private float belowTitle;

    PdfBody(PDDocument pdf, PdfFonts fonts, Look look, FrontMatter front, TextDirection direction,
            List<String> warnings) {
        this.pdf = pdf;
        this.direction = direction;
        this.fonts = fonts;
        this.look = look;
        this.front = front;
        this.warnings = warnings;
        this.pages = new PdfPages(pdf, look.page());
    }

    List<HeadingMark> headings() {
        return headings;
    }

    /** The cover page, null when the document opens with a title block instead. */
    PDPage cover() {
        return cover;
    }

    /** The page holding the title block, null when the document has a cover. */
    PDPage titlePage() {
        return titlePage;
    }

    /** Where the title block ends on {@link #titlePage()}: a contents list there starts below it. */
    float belowTitle() {
        return belowTitle;
    }

    PdfPages pages() {
        return pages;
    }

    void layout(Document document) throws IOException {
        try (pages) {
            if (front.cover()) {
                cover(document.metadata());
                pages.newPage();
            } else {
                titleBlock(document.metadata());
                if (front.contents()) {
                    // The contents list goes below the title (PdfNavigation draws it once page numbers are
                    // known); the sections start on the next page.
                    pages.newPage();
                }
            }
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
        text(metadata.title(), face(look.headingFont(), PdfFonts.Style.BOLD), (float) look.titleSize(),
                color(look.primaryColor()), 0, false);
        pages.moveDown(10);
        if (!metadata.subtitle().isBlank()) {
            text(metadata.subtitle(), face(look.headingFont(), PdfFonts.Style.REGULAR),
                    (float) look.bodySize() + 4, color(look.accentColor()), 0, false);
        }
        pages.moveDown(30);
        text(metadata.author(), face(look.bodyFont(), PdfFonts.Style.REGULAR), (float) look.bodySize(),
                color(look.textColor()), 0, false);
    }

    /**
     * Title, subtitle and author at the top of the first page, closed by a rule in the accent colour; the
     * sections follow on the same page.
     */
    private void titleBlock(Document.DocumentMetadata metadata) throws IOException {
        pages.newPage();
        titlePage = pages.page();
        text(metadata.title(), face(look.headingFont(), PdfFonts.Style.BOLD), (float) look.titleSize(),
                color(look.primaryColor()), 0, false);
        if (!metadata.subtitle().isBlank()) {
            pages.moveDown(4);
            text(metadata.subtitle(), face(look.headingFont(), PdfFonts.Style.REGULAR),
                    (float) look.bodySize() + 4, color(look.accentColor()), 0, false);
        }
        if (!metadata.author().isBlank()) {
            pages.moveDown(4);
            text(metadata.author(), face(look.bodyFont(), PdfFonts.Style.REGULAR), (float) look.bodySize(),
                    color(look.textColor()), 0, false);
        }
        pages.moveDown(8);
        PDPageContentStream content = pages.content();
        content.setNonStrokingColor(color(look.accentColor()));
        content.addRect(pages.left(), pages.y(), pages.width(), 2);
        content.fill();
        pages.moveDown(6);
        belowTitle = pages.y();
    }

    private void section(Section section) throws IOException {
        float size = (float) look.headingSize(section.level());
        PdfFonts.Face font = face(look.headingFont(), PdfFonts.Style.BOLD);
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
                case Table table -> new PdfTable(pages, fonts, look, direction).draw(table);
                case Chart chart -> chart(chart);
                case Quote quote -> quote(quote);
                case Image image -> image(image);
                case PageBreak ignored -> pages.newPage();
                case SectionBreak sectionBreak -> {
                    pages.orientation(sectionBreak.orientation() == SectionBreak.Orientation.LANDSCAPE);
                    pages.newPage();
                }
            }
        }
    }

    /** The words of styled runs: bold, italic, code in the monospaced font, links in the accent colour. */
    private PdfText.Flow words(List<Run> runs, float size, Color textColor) throws IOException {
        PdfText.Builder builder = new PdfText.Builder(fonts, direction);
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            PdfFonts.Style style = run.bold() ? PdfFonts.Style.BOLD
                    : run.italic() ? PdfFonts.Style.ITALIC : PdfFonts.Style.REGULAR;
            PdfFonts.Face face = run.code() ? fonts.face(PdfFonts.MONO, PdfFonts.Style.REGULAR)
                    : face(look.bodyFont(), style);
            Color color = run.hasLink() ? color(look.accentColor()) : textColor;
            builder.add(run.text(), face, run.code() ? size * 0.92f : size, color, run.link());
            if (CitationMarks.after(runs, i)) {
                int number = citations.computeIfAbsent(run.citation(), c -> citations.size() + 1);
                builder.superscript("[" + number + "]", face(look.bodyFont(), PdfFonts.Style.REGULAR),
                        size * 0.65f, color(look.accentColor()));
            }
        }
        return builder.build();
    }

    private void paragraph(List<Run> runs, float indent) throws IOException {
        float size = (float) look.bodySize();
        lines(PdfText.wrap(words(runs, size, color(look.textColor())), pages.width() - indent), indent,
                look.justify());
        pages.moveDown(size * 0.6f);
    }

    private void list(BulletList list, int depth) throws IOException {
        int number = 1;
        float size = (float) look.bodySize();
        for (BulletList.Item item : list.items()) {
            float indent = 16 + depth * 16;
            String marker = list.numbered() ? (number++) + "." : depth == 0 ? "•" : "–";
            PdfText.Flow flow = words(item.runs(), size, color(look.textColor()));
            // A right-to-left item is indented from the right, its marker to the right of its text.
            boolean rightToLeft = flow.direction().isRightToLeft();
            float textX = rightToLeft ? pages.left() : pages.left() + indent;
            List<PdfText.Line> lines = PdfText.wrap(flow, pages.width() - indent);
            for (int i = 0; i < lines.size(); i++) {
                PdfText.Line line = lines.get(i);
                pages.ensure(line.height());
                pages.moveDown(line.height());
                if (i == 0) {
                    marker(marker, flow.direction(), size, rightToLeft ? pages.right() - indent + 13
                            : pages.left() + indent - 13);
                }
                PdfText.draw(pages.content(), line, textX, pages.y(), pages.width() - indent, false, this::link);
            }
            pages.moveDown(size * 0.25f);
            if (!item.children().isEmpty()) {
                list(new BulletList(list.numbered(), item.children()), depth + 1);
            }
        }
        pages.moveDown(size * 0.4f);
    }

    /** A list marker starting at {@code edge} (ending there, right to left). */
    private void marker(String marker, TextDirection itemDirection, float size, float edge) throws IOException {
        PdfFonts.Face bold = face(look.bodyFont(), PdfFonts.Style.BOLD);
        float x = itemDirection.isRightToLeft() ? edge - PdfText.stringWidth(fonts, bold, marker, size) : edge;
        PdfText.drawString(pages.content(), fonts, bold, marker, size, color(look.accentColor()), x, pages.y(),
                itemDirection);
    }

    private void quote(Quote quote) throws IOException {
        float size = (float) look.bodySize() + 1;
        PdfText.Builder builder = new PdfText.Builder(fonts, direction)
                .add(quote.text(), face(look.bodyFont(), PdfFonts.Style.ITALIC), size, color(look.primaryColor()), "");
        if (!quote.attribution().isBlank()) {
            builder.add(" — " + quote.attribution(), face(look.bodyFont(), PdfFonts.Style.REGULAR), size - 1,
                    color(look.textColor()), "");
        }
        float indent = 18;
        PdfText.Flow flow = builder.build();
        List<PdfText.Line> lines = PdfText.wrap(flow, pages.width() - indent - 10);
        float height = 0;
        for (PdfText.Line line : lines) {
            height += line.height();
        }
        pages.ensure(Math.min(height, pages.top() - pages.bottom()) + 8);
        float startY = pages.y();
        lines(lines, indent, false);
        PDPageContentStream content = pages.content();
        content.setNonStrokingColor(color(look.accentColor()));
        // The bar stands on the side the quote is indented from: the right for a right-to-left quote.
        float barX = flow.direction().isRightToLeft() ? pages.right() - 7 : pages.left() + 4;
        content.addRect(barX, pages.y() - 4, 3, Math.max(0, startY - pages.y()));
        content.fill();
        pages.moveDown(size);
    }

    private void chart(Chart chart) throws IOException {
        float width = pages.width();
        float height = Math.min(width * 0.55f, (pages.top() - pages.bottom()) * 0.8f);
        pages.ensure(height + 10);
        JFreeChart drawn = JFreeChartFactory.create(chart, look, direction);
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

    /** A picture scaled to the text width, and down further so it fits a page with its caption. */
    private void image(Image image) throws IOException {
        float size = (float) look.bodySize();
        float captionSpace = image.caption().isBlank() ? 0 : size * 2.5f;
        float width = pages.width();
        float height = (float) (width * image.aspectRatio());
        float maxHeight = pages.top() - pages.bottom() - captionSpace - 12;
        if (height > maxHeight) {
            width = (float) (maxHeight / image.aspectRatio());
            height = maxHeight;
        }
        PDImageXObject picture;
        try {
            picture = PDImageXObject.createFromByteArray(pdf, image.data(), image.altText());
        } catch (IOException | IllegalArgumentException e) {
            warnings.add("image '" + image.altText() + "' could not be embedded in PDF: " + e.getMessage());
            return;
        }
        pages.ensure(height + captionSpace + 6);
        float x = pages.left() + (pages.width() - width) / 2;
        pages.content().drawImage(picture, x, pages.y() - height, width, height);
        pages.moveDown(height + 6);
        if (!image.caption().isBlank()) {
            text(image.caption(), face(look.headingFont(), PdfFonts.Style.BOLD), size - 1, color(look.primaryColor()),
                    0, false);
        }
        pages.moveDown(size * 0.6f);
    }

    private void link(float x, float y, float width, float height, String address) {
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(new PDRectangle(x, y, width, height));
        PDBorderStyleDictionary border = new PDBorderStyleDictionary();
        border.setWidth(0);
        link.setBorderStyle(border);
        PDActionURI action = new PDActionURI();
        action.setURI(address);
        link.setAction(action);
        link.setPrinted(true); // PDF/A: every annotation must be printable
        try {
            pages.page().getAnnotations().add(link);
        } catch (IOException e) {
            warnings.add("link to " + address + " could not be added: " + e.getMessage());
        }
    }

    private void sources() throws IOException {
        section(new Section("Sources", 1, List.of()));
        for (Map.Entry<String, Integer> citation : citations.entrySet()) {
            paragraph(List.of(Run.plain("[" + citation.getValue() + "] " + citation.getKey())), 0);
        }
    }

    private void text(String text, PdfFonts.Face font, float size, Color color, float indent, boolean justify)
            throws IOException {
        lines(PdfText.wrap(PdfText.flow(fonts, text, font, size, color, direction), pages.width() - indent), indent, justify);
    }

    /** Draws lines indented by {@code indent} from the side they start on: the right for right-to-left ones. */
    private void lines(List<PdfText.Line> lines, float indent, boolean justify) throws IOException {
        for (PdfText.Line line : lines) {
            pages.ensure(line.height());
            pages.moveDown(line.height());
            float x = line.direction().isRightToLeft() ? pages.left() : pages.left() + indent;
            PdfText.draw(pages.content(), line, x, pages.y() + line.height() * 0.22f, pages.width() - indent,
                    justify, this::link);
        }
    }

    private PdfFonts.Face face(String family, PdfFonts.Style style) throws IOException {
        return fonts.face(family, style);
    }

    static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
