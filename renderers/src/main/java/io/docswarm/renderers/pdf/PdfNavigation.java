package io.docswarm.renderers.pdf;

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
 * cover page).
 */
final class PdfNavigation {

    private static final float ENTRY_HEIGHT = 18;

    private final PDDocument pdf;
    private final PdfFonts fonts;
    private final Look look;
    private final String title;

    PdfNavigation(PDDocument pdf, PdfFonts fonts, Look look, String title) {
        this.pdf = pdf;
        this.fonts = fonts;
        this.look = look;
        this.title = title;
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
                    float indent = (mark.level() - 1) * 16;
                    PdfFonts.Face font = mark.level() == 1 ? heading : regular;
                    String number = Integer.toString(pdf.getPages().indexOf(mark.page()) + 1);
                    float numberWidth = PdfText.stringWidth(fonts, font, number, size);
                    float textEnd = layout.left() + indent + 6 + PdfText.drawString(content, fonts, font,
                            mark.text(), size, color(look.textColor()), layout.left() + indent, y);
                    draw(content, number, font, size, color(look.textColor()), layout.right() - numberWidth, y);
                    content.setStrokingColor(new Color(0xBBBBBB));
                    content.setLineDashPattern(new float[] {1, 3}, 0);
                    content.moveTo(textEnd, y);
                    content.lineTo(layout.right() - numberWidth - 6, y);
                    content.stroke();
                    content.setLineDashPattern(new float[] {}, 0);
                    link(pages.get(p), mark, new PDRectangle(layout.left(), y - 4, layout.width(),
                            ENTRY_HEIGHT - 2));
                }
            }
        }
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
                    float w = PdfText.stringWidth(fonts, font, header, size);
                    draw(content, header, font, size, color(look.primaryColor()), width - margin - w,
                            page.getMediaBox().getHeight() - margin / 2);
                }
                if (!look.footerText().isBlank()) {
                    String footer = TextFormat.runningText(look.footerText(), title, number);
                    float w = PdfText.stringWidth(fonts, font, footer, size);
                    draw(content, footer, font, size, color(look.textColor()), (width - w) / 2, margin / 2);
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
