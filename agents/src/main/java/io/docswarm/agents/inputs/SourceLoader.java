package io.docswarm.agents.inputs;

import io.docswarm.agents.job.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/** Reads text sources: plain text, Markdown, Word and PDF files, or inline text. */
public final class SourceLoader {

    private static final Pattern ATX_HEADING = Pattern.compile("^#{1,6}(\\s.*|)$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^(=+|-{2,})$");
    private static final Pattern HEADING_STYLE = Pattern.compile("(?i)(heading ?[1-9]|title)");

    private SourceLoader() {
    }

    /**
     * @param ref    the source
     * @param title  the name citations use for it
     * @param opener reads the source's file
     */
    public static SourceDocument load(SourceRef ref, String title, InputOpener opener) {
        if (ref.inline()) {
            return split(title, ref.text(), false);
        }
        String location = ref.path();
        String name = location.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".docx")) {
                return docx(title, location, opener);
            }
            if (name.endsWith(".pdf")) {
                return split(title, pdf(location, opener), false);
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return split(title, text(location, opener), true);
            }
            if (name.endsWith(".txt")) {
                return split(title, text(location, opener), false);
            }
        } catch (IOException | RuntimeException e) {
            throw new InputException(location + ": cannot read source: " + e.getMessage(), e);
        }
        throw new InputException(location + ": unsupported source type (expected .txt, .md, .docx or .pdf)");
    }

    private static String text(String location, InputOpener opener) throws IOException {
        try (InputStream in = opener.open(location)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static SourceDocument docx(String title, String location, InputOpener opener) throws IOException {
        try (InputStream in = opener.open(location); XWPFDocument document = new XWPFDocument(in)) {
            List<String> paragraphs = new ArrayList<>();
            List<String> headings = new ArrayList<>();
            String heading = "";
            for (XWPFParagraph paragraph : document.getParagraphs()) {
                String text = paragraph.getText().strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (isHeadingStyle(document, paragraph)) {
                    heading = text;
                    continue;
                }
                paragraphs.add(text);
                headings.add(heading);
            }
            return new SourceDocument(title, paragraphs, headings);
        }
    }

    /**
     * Word marks headings by paragraph style: the built-in "Heading 1".."Heading 9" and "Title" (style ids
     * "Heading1", "Title"; localised Word versions keep those ids, and the style's name says the same in English).
     */
    private static boolean isHeadingStyle(XWPFDocument document, XWPFParagraph paragraph) {
        String id = paragraph.getStyleID();
        if (id == null) {
            return false;
        }
        String name = id;
        if (document.getStyles() != null && document.getStyles().getStyle(id) != null) {
            name = document.getStyles().getStyle(id).getName();
        }
        return HEADING_STYLE.matcher(id).matches() || (name != null && HEADING_STYLE.matcher(name).matches());
    }

    private static String pdf(String location, InputOpener opener) throws IOException {
        byte[] bytes;
        try (InputStream in = opener.open(location)) {
            bytes = in.readAllBytes();
        }
        try (PDDocument document = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setParagraphEnd("\n\n");
            return stripper.getText(document);
        }
    }

    /**
     * Splits text at blank lines. For Markdown, list markers, emphasis and links are reduced to plain text, and
     * headings (ATX "## Risks" or setext, underlined with = or -) are kept out of the paragraphs (they are
     * structure, not statements) but recorded as the heading of each paragraph below them.
     */
    static SourceDocument split(String title, String text, boolean markdown) {
        List<String> paragraphs = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int currentLines = 0;
        String heading = "";
        for (String raw : text.replace("\r\n", "\n").split("\n")) {
            String line = raw.strip();
            if (markdown && ATX_HEADING.matcher(line).matches()) {
                flush(paragraphs, headings, current, heading);
                currentLines = 0;
                heading = clean(line.replaceFirst("^#{1,6}\\s*", "").replaceFirst("\\s+#+$", "").strip());
                continue;
            }
            if (markdown && currentLines == 1 && SETEXT_UNDERLINE.matcher(line).matches()) {
                heading = current.toString().strip();
                current.setLength(0);
                currentLines = 0;
                continue;
            }
            if (line.isEmpty()) {
                flush(paragraphs, headings, current, heading);
                currentLines = 0;
                continue;
            }
            if (markdown) {
                boolean listItem = line.matches("^([-*+]|\\d+[.)])\\s+.*");
                line = clean(line.replaceFirst("^([-*+]|\\d+[.)])\\s+", ""));
                if (listItem) {
                    flush(paragraphs, headings, current, heading);
                    current.append(line.endsWith(".") ? line : line + ".");
                    flush(paragraphs, headings, current, heading);
                    currentLines = 0;
                    continue;
                }
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(line);
            currentLines++;
        }
        flush(paragraphs, headings, current, heading);
        return new SourceDocument(title, paragraphs, headings);
    }

    /** Markdown emphasis, code marks and links reduced to their text. */
    private static String clean(String line) {
        return line.replaceAll("\\*\\*|__|`", "").replaceAll("\\[([^]]+)]\\([^)]+\\)", "$1");
    }

    private static void flush(List<String> paragraphs, List<String> headings, StringBuilder current,
                              String heading) {
        String paragraph = current.toString().strip().replaceAll("\\s+", " ");
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
            headings.add(heading);
        }
        current.setLength(0);
    }
}
