package io.docswarm.renderers.pdf;

import io.docswarm.skills.PageSetup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The flow of body pages: a vertical cursor that opens a new page when content does not fit. Coordinates are
 * PDF points with the origin at the bottom left, as PDFBox uses them.
 */
final class PdfPages implements AutoCloseable {

    private final PDDocument document;
    private final PageSetup setup;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPage page;
    private PDPageContentStream content;
    private float y;
    private boolean landscape;

    PdfPages(PDDocument document, PageSetup setup) {
        this.document = document;
        this.setup = setup;
        this.landscape = setup.landscape();
    }

    /** Pages opened from now on have this orientation (section breaks). */
    void orientation(boolean landscape) {
        this.landscape = landscape;
    }

    private float pageWidth() {
        double a = setup.widthPt();
        double b = setup.heightPt();
        return (float) (landscape ? Math.max(a, b) : Math.min(a, b));
    }

    private float pageHeight() {
        double a = setup.widthPt();
        double b = setup.heightPt();
        return (float) (landscape ? Math.min(a, b) : Math.max(a, b));
    }

    float left() {
        return (float) setup.marginPt();
    }

    float right() {
        return (float) (pageWidth() - setup.marginPt());
    }

    float width() {
        return right() - left();
    }

    float top() {
        return (float) (pageHeight() - setup.marginPt());
    }

    float bottom() {
        return (float) setup.marginPt();
    }

    float y() {
        return y;
    }

    void moveDown(float points) {
        y -= points;
    }

    PDPage page() {
        return page;
    }

    PDPageContentStream content() {
        return content;
    }

    List<PDPage> pages() {
        return pages;
    }

    /** Starts a new page and puts the cursor at its top margin. */
    void newPage() throws IOException {
        closeContent();
        page = new PDPage(new PDRectangle(pageWidth(), pageHeight()));
        document.addPage(page);
        pages.add(page);
        content = new PDPageContentStream(document, page);
        y = top();
    }

    /** Makes room for {@code height} points, opening a new page when the current one is too full. */
    void ensure(float height) throws IOException {
        if (page == null || y - height < bottom()) {
            newPage();
        }
    }

    /** The free space left on the current page. */
    float remaining() {
        return page == null ? 0 : y - bottom();
    }

    private void closeContent() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeContent();
    }
}
