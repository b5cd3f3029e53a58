package io.docswarm.renderers.pdf;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.TextFormat;
import io.docswarm.skills.Look;
import java.awt.Color;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageXYZDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

/**
 * What is added once the body is laid out and page numbers are known: the contents list when the Skill has one
 * (on pages inserted after the cover, or below the title block, with links), the bookmarks (always: readers
 * navigate by them whether or not the document shows contents), and the running header and footer (not on a
 * cover page). A right-to-left document has them mirrored: contents entries with the heading on the right and the
 * page number on the left, the running header, which a left-to-right document ends at the right margin, starting at
 * the left one (as Word and LibreOffice show the DOCX's right-aligned header once it is marked right to left); a
 * centred footer stays centred.
 */
final class PdfNavigation {

    private static final float ENTRY_HEIGHT = 18;

    private final PDDocument pdf;
    private final PdfFonts fonts;
    private final Look look;
    private final String title;
    private final TextDirection direction;

    /** @param direction the document's direction, from its language */
    PdfNavigation(PDDocument pdf, PdfFonts fonts, Look look, String title, TextDirection direction) {
        this.pdf = pdf;
        this.fonts = fonts;
        this.look = look;
        this.title = title;
        this.direction = direction;
    }

    /**
     * @param contents whether the Skill has a contents list: after the cover page, or below the title block
     *                 (continued on pages inserted after it when it does not fit there)
     */
    void finish(PdfBody body, boolean contents) throws IOException {
        if (contents) {
            contents(body);
        }
        bookmarks(body.headings());
        runningHeaderAndFooter(body.cover());
    }

    /** Inserts the contents pages first, so the entries can show the sections' final page numbers. */
    private void contents(PdfBody body) throws IOException {
        List<PdfBody.HeadingMark> headings = body.headings();
        PdfPages layout = body.pages();
        List<PDPage> pages = new ArrayList<>();
        List<Float> tops = new ArrayList<>();
        PDPage after;
        if (body.cover() != null) {
            after = insertAfter(body.cover());
            pages.add(after);
            tops.add(layout.top());
        } else {
            after = body.titlePage();
            pages.add(after);
            tops.add(body.belowTitle());
        }
        int placed = capacity(tops.getFirst(), layout);
        while (placed < headings.size()) {
            after = insertAfter(after);
            pages.add(after);
            tops.add(layout.top());
            placed += capacity(layout.top(), layout);
        }
        draw(headings, pages, tops, layout);
    }

    /** Entries that fit below {@code top}, leaving room for the contents heading. */
    private static int capacity(float top, PdfPages layout) {
        return Math.max(1, (int) ((top - layout.bottom() - 60) / ENTRY_HEIGHT));
    }

    private PDPage insertAfter(PDPage page) {
        PDPage inserted = new PDPage(new PDRectangle((float) look.page().widthPt(), (float) look.page().heightPt()));
        pdf.getPages().insertAfter(inserted, page);
        return inserted;
    }

    private void draw(List<PdfBody.HeadingMark> headings, List<PDPage> pages, List<Float> tops, PdfPages layout)
            throws IOException {
        PdfFonts.Face heading = fonts.face(look.headingFont(), PdfFonts.Style.BOLD);
        PdfFonts.Face regular = fonts.face(look.bodyFont(), PdfFonts.Style.REGULAR);
        float size = (float) look.bodySize();
        int next = 0;
        for (int p = 0; p < pages.size(); p++) {
            // Appending: the title block's page already has content.
            try (PDPageContentStream content = new PDPageContentStream(pdf, pages.get(p),
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                float y = tops.get(p);
                if (p == 0) {
                    y -= look.headingSize(1) * 1.5;
                    draw(content, "Contents", heading, (float) look.headingSize(1), color(look.primaryColor()),
                            layout.left(), y);
                    y -= 24;
                }
                for (int end = Math.min(headings.size(), next + capacity(tops.get(p), layout)); next < end; next++) {
                    PdfBody.HeadingMark mark = headings.get(next);
                    y -= ENTRY_HEIGHT;
                    entry(content, mark, mark.level() == 1 ? heading : regular, size, y, layout);
                    link(pages.get(p), mark, new PDRectangle(layout.left(), y - 4, layout.width(),
                            ENTRY_HEIGHT - 2));
                }
            }
        }
    }

    /**
     * One contents entry: the heading indented by its level from the document's start side, its page number at the
     * other side, dot leaders between them.
     */
    private void entry(PDPageContentStream content, PdfBody.HeadingMark mark, PdfFonts.Face font, float size,
                       float y, PdfPages layout) throws IOException {
        float indent = (mark.level() - 1) * 16;
        String number = Integer.toString(pdf.getPages().indexOf(mark.page()) + 1);
        Color color = color(look.textColor());
        float leadersFrom;
        float leadersTo;
        if (direction.isRightToLeft()) {
            TextDirection base = TextDirection.of(mark.text(), direction);
            float textStart = layout.right() - indent
                    - PdfText.stringWidth(fonts, font, mark.text(), size, base);
            PdfText.drawString(content, fonts, font, mark.text(), size, color, textStart, y, base);
            float numberEnd = layout.left() + PdfText.drawString(content, fonts, font, number, size, color,
                    layout.left(), y, direction);
            leadersFrom = numberEnd + 6;
            leadersTo = textStart - 6;
        } else {
            float numberWidth = PdfText.stringWidth(fonts, font, number, size);
            leadersFrom = layout.left() + indent + 6 + PdfText.drawString(content, fonts, font,
                    mark.text(), size, color, layout.left() + indent, y);
            draw(content, number, font, size, color, layout.right() - numberWidth, y);
            leadersTo = layout.right() - numberWidth - 6;
        }
        content.setStrokingColor(new Color(0xBBBBBB));
        content.setLineDashPattern(new float[] {1, 3}, 0);
        content.moveTo(leadersFrom, y);
        content.lineTo(leadersTo, y);
        content.stroke();
        content.setLineDashPattern(new float[] {}, 0);
    }

    private void link(PDPage page, PdfBody.HeadingMark mark, PDRectangle area) throws IOException {
        PDAnnotationLink link = new PDAnnotationLink();
        link.setRectangle(area);
        PDBorderStyleDictionary border = new PDBorderStyleDictionary();
        border.setWidth(0);
        link.setBorderStyle(border);
        PDActionGoTo action = new PDActionGoTo();
        action.setDestination(destination(mark));
        link.setAction(action);
        link.setPrinted(true); // PDF/A: every annotation must be printable
        page.getAnnotations().add(link);
    }

    private static PDPageXYZDestination destination(PdfBody.HeadingMark mark) {
        PDPageXYZDestination destination = new PDPageXYZDestination();
        destination.setPage(mark.page());
        destination.setTop((int) (mark.y() + 4));
        return destination;
    }

    private void bookmarks(List<PdfBody.HeadingMark> headings) {
        PDDocumentOutline outline = new PDDocumentOutline();
        pdf.getDocumentCatalog().setDocumentOutline(outline);
        Deque<PDOutlineItem> parents = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        for (PdfBody.HeadingMark mark : headings) {
            PDOutlineItem item = new PDOutlineItem();
            item.setTitle(mark.text());
            item.setDestination(destination(mark));
            while (!levels.isEmpty() && levels.peek() >= mark.level()) {
                levels.pop();
                parents.pop();
            }
            if (parents.isEmpty()) {
                outline.addLast(item);
            } else {
                parents.peek().addLast(item);
            }
            parents.push(item);
            levels.push(mark.level());
        }
        outline.openNode();
    }

    private void runningHeaderAndFooter(PDPage cover) throws IOException {
        PdfFonts.Face font = fonts.face(look.headingFont(), PdfFonts.Style.REGULAR);
        float size = (float) look.bodySize() - 2;
        float margin = (float) look.page().marginPt();
        int number = 0;
        for (PDPage page : pdf.getPages()) {
            number++;
            // The page tree hands out new PDPage wrappers: compare by the page dictionary, not by identity.
            if (page.equals(cover)) {
                continue;
            }
            try (PDPageContentStream content = new PDPageContentStream(pdf, page,
                    PDPageContentStream.AppendMode.APPEND, true, true)) {
                float width = page.getMediaBox().getWidth();
                if (!look.headerText().isBlank()) {
                    String header = TextFormat.runningText(look.headerText(), title, number);
                    TextDirection base = TextDirection.of(header, direction);
                    float w = PdfText.stringWidth(fonts, font, header, size, base);
                    float x = direction.isRightToLeft() ? margin : width - margin - w;
                    PdfText.drawString(content, fonts, font, header, size, color(look.primaryColor()), x,
                            page.getMediaBox().getHeight() - margin / 2, base);
                }
                if (!look.footerText().isBlank()) {
                    String footer = TextFormat.runningText(look.footerText(), title, number);
                    TextDirection base = TextDirection.of(footer, direction);
                    float w = PdfText.stringWidth(fonts, font, footer, size, base);
                    PdfText.drawString(content, fonts, font, footer, size, color(look.textColor()), (width - w) / 2,
                            margin / 2, base);
                }
            }
        }
    }

    private void draw(PDPageContentStream content, String text, PdfFonts.Face font, float size, Color color,
                      float x, float y) throws IOException {
        PdfText.drawString(content, fonts, font, text, size, color, x, y);
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
