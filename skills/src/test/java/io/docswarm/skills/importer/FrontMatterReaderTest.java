package io.docswarm.skills.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.SkillKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.apache.poi.xwpf.usermodel.BreakType;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;

/** Front matter read from small Word documents: cover page or title block, contents list or none. */
class FrontMatterReaderTest {

    /** Style ids of the fixtures: Heading1 is a heading, everything else title or body text. */
    private static String role(String styleId) {
        return "Heading1".equals(styleId) ? "heading1" : "Title".equals(styleId) ? "title" : "body";
    }

    private static FrontMatterReader.Found read(Consumer<XWPFDocument> body) throws IOException {
        try (XWPFDocument doc = new XWPFDocument()) {
            body.accept(doc);
            return FrontMatterReader.read(doc.getDocument().getBody(), FrontMatterReaderTest::role);
        }
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(style);
        if (!text.isEmpty()) {
            p.createRun().setText(text);
        }
        return p;
    }

    private static void title(XWPFDocument doc) {
        paragraph(doc, "Title", "Project Status");
        paragraph(doc, "Subtitle", "Week 47");
    }

    private static void sections(XWPFDocument doc) {
        paragraph(doc, "Heading1", "Summary");
        paragraph(doc, "Normal", "We are on track.");
        // A break inside the sections is no cover.
        paragraph(doc, "Normal", "").createRun().addBreak(BreakType.PAGE);
        paragraph(doc, "Heading1", "Next steps");
    }

    private static void pageBreak(XWPFDocument doc) {
        doc.createParagraph().createRun().addBreak(BreakType.PAGE);
    }

    /** A complex TOC field, as Word writes it, with one cached entry. */
    private static void complexToc(XWPFDocument doc) {
        XWPFParagraph p = paragraph(doc, "TOC1", "");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
        p.createRun().getCTR().addNewInstrText().setStringValue(" TOC \\o \"1-3\" \\h \\z \\u ");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
        p.createRun().setText("Summary");
        p.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
    }

    @Test
    void aTitleFollowedByTheFirstHeadingIsATitleBlockWithoutContents() throws IOException {
        FrontMatterReader.Found found = read(doc -> {
            title(doc);
            sections(doc);
        });
        assertEquals(FrontMatter.TITLE_BLOCK, found.frontMatter());
        assertTrue(found.evidence().startsWith("title block"), found.evidence());
    }

    @Test
    void aPageBreakAfterTheTitleMakesACoverAndATocFieldAContentsList() throws IOException {
        FrontMatterReader.Found found = read(doc -> {
            title(doc);
            pageBreak(doc);
            complexToc(doc);
            pageBreak(doc);
            sections(doc);
        });
        assertEquals(FrontMatter.COVER_AND_CONTENTS, found.frontMatter());
        assertTrue(found.evidence().contains("page break follows the title"), found.evidence());
        assertTrue(found.evidence().contains("a TOC field"), found.evidence());
    }

    @Test
    void aContentsListOnTheTitlesPageIsNoCover() throws IOException {
        // Title, contents, page break, sections: the title shares its page with the contents.
        FrontMatter found = read(doc -> {
            title(doc);
            XWPFParagraph toc = doc.createParagraph();
            toc.getCTP().addNewFldSimple().setInstr("TOC \\o \"1-3\"");
            pageBreak(doc);
            sections(doc);
        }).frontMatter();
        assertEquals(new FrontMatter(false, true), found);
    }

    @Test
    void aTableOfContentsContentControlIsAContentsList() throws IOException {
        FrontMatter found = read(doc -> {
            title(doc);
            var sdt = doc.getDocument().getBody().addNewSdt();
            sdt.addNewSdtPr().addNewDocPartObj().addNewDocPartGallery().setVal("Table of Contents");
            sdt.addNewSdtContent().addNewP().addNewR().addNewT().setStringValue("Contents");
            sections(doc);
        }).frontMatter();
        assertEquals(new FrontMatter(false, true), found);
    }

    @Test
    void wordsCoverPageBuildingBlockIsACover() throws IOException {
        FrontMatter found = read(doc -> {
            var sdt = doc.getDocument().getBody().addNewSdt();
            sdt.addNewSdtPr().addNewDocPartObj().addNewDocPartGallery().setVal("Cover Pages");
            sdt.addNewSdtContent().addNewP().addNewR().addNewT().setStringValue("Project Status");
            sections(doc);
        }).frontMatter();
        assertEquals(new FrontMatter(true, false), found);
    }

    @Test
    void aFirstSectionHoldingOnlyTheTitleIsACover() throws IOException {
        FrontMatterReader.Found found = read(doc -> {
            title(doc);
            var sectPr = doc.createParagraph().getCTP().addNewPPr().addNewSectPr();
            sectPr.addNewTitlePg();
            sections(doc);
        });
        assertEquals(new FrontMatter(true, false), found.frontMatter());
        assertTrue(found.evidence().contains("different first page"), found.evidence());
    }

    @Test
    void aPageBreakBeforeAnyTextIsNoCover() throws IOException {
        FrontMatter found = read(doc -> {
            pageBreak(doc);
            title(doc);
            sections(doc);
        }).frontMatter();
        assertEquals(FrontMatter.TITLE_BLOCK, found);
    }

    @Test
    void theImportRecordsTheFrontMatterAndReportsIt(@TempDir Path dir) throws IOException {
        Path sample = dir.resolve("covered.docx");
        try (XWPFDocument doc = new XWPFDocument()) {
            title(doc);
            pageBreak(doc);
            complexToc(doc);
            pageBreak(doc);
            sections(doc);
            try (var out = Files.newOutputStream(sample)) {
                doc.write(out);
            }
        }
        var result = new SkillImporter().importSample(sample, "covered", "", SkillKind.REPORT, dir.resolve("lib"));
        assertEquals(FrontMatter.COVER_AND_CONTENTS, result.skill().structure().frontMatter());
        String report = Files.readString(result.folder().resolve("import-report.md"));
        assertTrue(report.contains("front matter: cover page"), report);
    }
}
