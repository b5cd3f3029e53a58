package io.docswarm.renderers;

import io.docswarm.renderers.docx.DocxRenderer;
import io.docswarm.renderers.pdf.PdfRenderer;
import io.docswarm.renderers.pptx.PptxRenderer;
import io.docswarm.renderers.xlsx.XlsxRenderer;

/** The renderer for each format. */
public final class Renderers {

    private Renderers() {
    }

    public static DocumentRenderer forFormat(OutputFormat format) {
        return switch (format) {
            case DOCX -> new DocxRenderer();
            case PPTX -> new PptxRenderer();
            case XLSX -> new XlsxRenderer();
            case PDF -> new PdfRenderer();
        };
    }
}
