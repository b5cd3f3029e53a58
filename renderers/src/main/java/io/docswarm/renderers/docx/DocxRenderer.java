package io.docswarm.renderers.docx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.LanguageDirection;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.Document;
import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.Look;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Word renderer. With a Skill template, the report is written into a copy of the template whose body was emptied,
 * so its styles, numbering, theme, page setup, headers and footers are kept; without one, into a blank document
 * styled from the Skill's look. Either way: the Skill's front matter (a cover page or a title block above the first
 * section, and a table of contents field pre-filled with the headings when the Skill has contents), headed sections in the built-in heading styles, lists, tables, native charts, pictures, call-outs, page and
 * section breaks, footnotes for citations and links.
 */
public final class DocxRenderer implements DocumentRenderer {

    @Override
    public OutputFormat format() {
        return OutputFormat.DOCX;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        DocxTemplate base = DocxTemplate.open(skill);
        try (XWPFDocument docx = base.docx()) {
            Look look = skill.look();
            List<String> warnings = new ArrayList<>();
            DocxStyles styles = DocxStyles.resolve(docx, look);
            if (!base.fromTemplate()) {
                DocxPages.applyLook(docx, look.page());
            }
            docx.getStyles().setSpellingLanguage(document.metadata().language());
            DocxPages.addHeaderAndFooterUnlessPresent(docx, look, document.metadata().title());
            DocxPages.showTitleInFields(docx, document.metadata().title());
            TextDirection direction = LanguageDirection.of(document.metadata().language());
            DocxPages.directRunningText(docx, direction);
            DocxPages.directSections(docx, direction);
            FrontMatter front = skill.structure().frontMatterOrDefault();
            if (front.cover()) {
                // Only a cover page goes without the running header and page number; a title block shares its
                // page with the first sections, which keep them (as the Skill's sample does).
                DocxPages.titlePage(docx);
            }
            properties(docx, document);
            DocxPages pages = new DocxPages(docx);
            DocxBody body = new DocxBody(docx, look, styles, pages, base.tableStyle(), warnings,
                    document.metadata().created(), direction);
            if (front.cover()) {
                body.cover(document.metadata());
            } else {
                body.titleBlock(document.metadata());
            }
            if (front.contents()) {
                new DocxContents(docx, styles, direction).write("Contents", document.sections(), pages.textWidthTwips());
                body.pageBreak();
            }
            for (int i = 0; i < document.sections().size(); i++) {
                body.section(document.sections().get(i), i);
            }
            pages.finish();
            ReproducibleZip.write(docx::write, document.metadata().created(), out);
            return new RenderResult(warnings, document.sections().size());
        }
    }

    private static void properties(XWPFDocument docx, Document document) {
        var core = docx.getProperties().getCoreProperties();
        core.setTitle(document.metadata().title());
        core.setCreator(document.metadata().author());
        core.setDescription(document.metadata().subtitle());
        Date created = Date.from(document.metadata().created());
        core.setCreated(Optional.of(created));
        core.setModified(Optional.of(created));
        core.setLastModifiedByUser(document.metadata().author());
    }
}
