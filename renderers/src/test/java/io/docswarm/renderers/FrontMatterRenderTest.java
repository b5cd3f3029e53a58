package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import io.docswarm.skills.Structure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both document renderers open a document as its Skill's sample does: cover page or title block, contents or not. */
class FrontMatterRenderTest {

    private static final String FIRST_HEADING = "Executive summary";

    @TempDir
    Path dir;

    /** The brief Skill, whose sample opens with a title block and has no contents list. */
    private static Skill brief() {
        Skill brief = SkillLibrary.builtIn("brief").orElseThrow();
        assertEquals(FrontMatter.TITLE_BLOCK, brief.structure().frontMatter(), "the brief sample's front matter");
        return brief;
    }

    private static Skill with(Skill skill, FrontMatter front) {
        Structure s = skill.structure();
        return new Skill(skill.name(), skill.version(), skill.description(), skill.kind(), skill.look(),
                new Structure(s.outline(), s.slideRoles(), s.sheets(), front), skill.voice(), skill.template(),
                skill.layouts(), skill.logic(), skill.sample());
    }

    private static byte[] render(OutputFormat format, Document document, Skill skill) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Renderers.forFormat(format).render(document, skill, out);
        return out.toByteArray();
    }

    private static List<String> pageTexts(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= document.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }

    @Test
    void aTitleBlockPdfStartsItsSectionsOnPageOneWithoutContentsButKeepsBookmarks() throws IOException {
        byte[] titled = render(OutputFormat.PDF, SampleDocuments.report(), brief());
        List<String> pages = pageTexts(titled);
        assertTrue(pages.getFirst().contains(SampleDocuments.TITLE), pages.getFirst());
        assertTrue(pages.getFirst().contains(FIRST_HEADING), "the first section on page 1: " + pages.getFirst());
        assertTrue(pages.stream().noneMatch(p -> p.contains("Contents")), "no contents page");
        assertTrue(pages.getFirst().contains("Page 1"), "a title block's page keeps the running footer");
        List<String> covered = pageTexts(render(OutputFormat.PDF, SampleDocuments.report(),
                with(brief(), FrontMatter.COVER_AND_CONTENTS)));
        assertEquals(covered.size() - 2, pages.size(), "two pages fewer than with a cover and a contents page");
        try (PDDocument pdf = Loader.loadPDF(titled)) {
            List<String> bookmarks = new ArrayList<>();
            for (PDOutlineItem item : pdf.getDocumentCatalog().getDocumentOutline().children()) {
                bookmarks.add(item.getTitle());
            }
            assertEquals(FIRST_HEADING, bookmarks.getFirst(), "bookmarks stay: " + bookmarks);
        }
    }

    @Test
    void aPdfCoverAndContentsComeFirstWhenTheSkillHasThem() throws IOException {
        List<String> pages = pageTexts(render(OutputFormat.PDF, SampleDocuments.report(),
                SkillLibrary.builtIn("report").orElseThrow()));
        assertTrue(pages.getFirst().contains(SampleDocuments.TITLE), pages.getFirst());
        assertFalse(pages.getFirst().contains(FIRST_HEADING), "the cover holds no section");
        assertFalse(pages.getFirst().contains("Page 1"), "no running footer on the cover: " + pages.getFirst());
        assertTrue(pages.get(1).contains("Page 2"), "the pages after it keep theirs: " + pages.get(1));
        assertTrue(pages.get(1).contains("Contents"), pages.get(1));
        assertTrue(pages.get(2).startsWith(FIRST_HEADING) || pages.get(2).contains(FIRST_HEADING), pages.get(2));
    }

    @Test
    void aPdfTitleBlockWithContentsHasTheContentsBelowTheTitleAndTheSectionsNext() throws IOException {
        List<String> pages = pageTexts(render(OutputFormat.PDF, SampleDocuments.report(),
                with(brief(), new FrontMatter(false, true))));
        assertTrue(pages.getFirst().contains(SampleDocuments.TITLE) && pages.getFirst().contains("Contents"),
                pages.getFirst());
        assertTrue(pages.getFirst().contains(FIRST_HEADING), "the entry, not the section");
        assertFalse(pages.getFirst().contains("Revenue grew"), "the first section starts on page 2");
        assertTrue(pages.get(1).contains("Revenue grew"), pages.get(1));
    }

    @Test
    void aTitleBlockDocxHasNoContentsNorDifferentFirstPage() throws IOException {
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(
                render(OutputFormat.DOCX, SampleDocuments.report(), brief())))) {
            String xml = docx.getDocument().xmlText();
            assertFalse(xml.contains("TOC \\o"), "no TOC field");
            assertFalse(xml.contains("titlePg"), "no different first page: the title block's page keeps its header");
            List<XWPFParagraph> paragraphs = docx.getParagraphs();
            assertEquals(SampleDocuments.TITLE, paragraphs.getFirst().getText());
            int firstHeading = paragraphs.stream().map(XWPFParagraph::getText).toList().indexOf(FIRST_HEADING);
            for (XWPFParagraph p : paragraphs.subList(0, firstHeading)) {
                assertFalse(p.getCTP().xmlText().contains("w:type=\"page\""), "no page break before the sections");
            }
        }
    }

    @Test
    void aTitleBlockDocxOpensWithItsFirstSectionOnPageOne() throws Exception {
        LibreOffice.assumeAvailable();
        Path file = dir.resolve("brief.docx");
        Files.write(file, render(OutputFormat.DOCX, SampleDocuments.report(), brief()));
        Path pdf = LibreOffice.convertToPdf(file, Files.createDirectories(dir.resolve("pdf")));
        List<String> pages = pageTexts(Files.readAllBytes(pdf));
        assertTrue(pages.getFirst().contains(SampleDocuments.TITLE), pages.getFirst());
        assertTrue(pages.getFirst().contains(FIRST_HEADING), "first section on page 1: " + pages.getFirst());
        assertTrue(pages.getFirst().contains("Page 1"), "page 1 keeps its footer: " + pages.getFirst());
        assertTrue(pages.stream().noneMatch(p -> p.contains("Contents")), "no contents page");
    }
}
