package io.docswarm.renderers.docx;

import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/**
 * The document a report is written into: the Skill's template with its body emptied (styles, numbering, theme,
 * settings, page setup, headers and footers stay, because they live outside the body or in the body's final
 * section properties), or a blank document when the Skill has none.
 *
 * @param docx         the document to write into
 * @param fromTemplate whether it came from the Skill's template
 * @param tableStyle   the style id of the template's first table, the look its author gave tables, else the
 *                     Skill's table style when the template defines it; empty when neither is there
 */
record DocxTemplate(XWPFDocument docx, boolean fromTemplate, String tableStyle) {

    static DocxTemplate open(Skill skill) throws IOException {
        if (!skill.hasTemplate()) {
            return new DocxTemplate(new XWPFDocument(), false, "");
        }
        XWPFDocument docx;
        try (InputStream in = skill.openTemplate()) {
            docx = new XWPFDocument(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException("skill " + skill.reference() + ": template " + skill.template()
                    + " is not a readable Word document: " + e.getMessage(), e);
        }
        String tableStyle = firstTableStyle(docx).or(() -> namedTableStyle(docx, skill)).orElse("");
        emptyBody(docx);
        return new DocxTemplate(docx, true, tableStyle);
    }

    /**
     * The table style the Skill names, when the template defines it: a template made by import has no tables left
     * (its body was emptied), but its styles part keeps the table style the sample's tables used.
     */
    private static Optional<String> namedTableStyle(XWPFDocument docx, Skill skill) {
        var style = skill.look().tableStyle();
        if (style == null || style.name().isBlank() || docx.getStyles() == null
                || !docx.getStyles().styleExist(style.name())) {
            return Optional.empty();
        }
        return Optional.of(style.name());
    }

    private static Optional<String> firstTableStyle(XWPFDocument docx) {
        for (XWPFTable table : docx.getTables()) {
            String style = table.getStyleID();
            if (style != null && !style.isBlank()) {
                return Optional.of(style);
            }
        }
        return Optional.empty();
    }

    /**
     * Removes every paragraph, table and content control of the body. The body's own section properties (the last
     * section: page size, margins, header and footer references) are not a body element and stay; paragraph-level
     * section breaks of a multi-section template go with their paragraphs, so the output has the template's last
     * section throughout.
     */
    private static void emptyBody(XWPFDocument docx) {
        for (int i = docx.getBodyElements().size() - 1; i >= 0; i--) {
            docx.removeBodyElement(i);
        }
        // Content POI does not model as body elements (e.g. w:sdt blocks, bookmarks between paragraphs).
        var body = docx.getDocument().getBody();
        for (int i = body.sizeOfSdtArray() - 1; i >= 0; i--) {
            body.removeSdt(i);
        }
        for (int i = body.sizeOfBookmarkStartArray() - 1; i >= 0; i--) {
            body.removeBookmarkStart(i);
        }
        for (int i = body.sizeOfBookmarkEndArray() - 1; i >= 0; i--) {
            body.removeBookmarkEnd(i);
        }
    }
}
