package io.docswarm.renderers.pdf;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.LanguageDirection;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.Document;
import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * PDF renderer with its own layout on PDFBox: the Skill's front matter (a cover page or a title block above the
 * first section; clickable contents with page numbers when the Skill has contents), headed sections,
 * justified text, nested lists, tables that split across pages with the header repeated, vector charts,
 * running header and footer with page numbers, bookmarks, embedded subset fonts (with a CJK fallback), document
 * metadata, and PDF/A-2b conformance (see {@link PdfArchive}).
 */
public final class PdfRenderer implements DocumentRenderer {

    @Override
    public OutputFormat format() {
        return OutputFormat.PDF;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        List<String> warnings = new ArrayList<>();
        try (PDDocument pdf = new PDDocument(); PdfFonts fonts = new PdfFonts(pdf, warnings)) {
            FrontMatter front = skill.structure().frontMatterOrDefault();
            TextDirection direction = LanguageDirection.of(document.metadata().language());
            PdfBody body = new PdfBody(pdf, fonts, skill.look(), front, direction, warnings);
            body.layout(document);
            new PdfNavigation(pdf, fonts, skill.look(), document.metadata().title(), direction)
                    .finish(body, front.contents());
            metadata(pdf, document);
            pdf.save(out);
            return new RenderResult(warnings, pdf.getNumberOfPages());
        }
    }

    private static void metadata(PDDocument pdf, Document document) throws IOException {
        PdfArchive.apply(pdf, document);
        pdf.getDocumentCatalog().getCOSObject().setItem(COSName.getPDFName("ViewerPreferences"),
                viewerPreferences());
        // A document ID derived from the content's identity instead of the clock keeps output reproducible.
        COSString id = new COSString(digest(document.metadata().title() + "|" + document.metadata().created()));
        COSArray ids = new COSArray();
        ids.add(id);
        ids.add(id);
        pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
    }

    private static org.apache.pdfbox.cos.COSDictionary viewerPreferences() {
        var preferences = new org.apache.pdfbox.cos.COSDictionary();
        preferences.setBoolean(COSName.getPDFName("DisplayDocTitle"), true);
        return preferences;
    }

    private static byte[] digest(String text) {
        try {
            byte[] full = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(full, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
