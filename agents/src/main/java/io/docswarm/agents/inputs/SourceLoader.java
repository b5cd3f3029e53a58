package io.docswarm.agents.inputs;

import io.docswarm.agents.job.SourceRef;
import java.io.IOException;
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

    /** The most bytes a text or Markdown source file may have, and the most characters of text any source may
     * hold (what a Word or PDF file holds is counted after extraction): about 150,000 words. */
    public static final int MAX_SOURCE_TEXT = 1_000_000;
    /** The most bytes a Word or PDF source file may have (they may carry images the text does not need). */
    public static final int MAX_SOURCE_FILE_BYTES = 50_000_000;

    private SourceLoader() {
    }

    /**
     * @param ref    the source
     * @param title  the name citations use for it (and errors, for files)
     * @param opener reads the source's file
     */
    public static SourceDocument load(SourceRef ref, String title, InputOpener opener) {
        return load(ref, title, ref.inline() ? title : ref.path(), opener);
    }

    /**
     * @param ref    the source
     * @param title  the name citations use for it
     * @param origin the name errors use for it: the file as the bucket names it, never an absolute path
     * @param opener reads the source's file
     * @throws InputException in plain words, naming {@code origin}, when the source cannot be read or is too big
     */
    public static SourceDocument load(SourceRef ref, String title, String origin, InputOpener opener) {
        if (ref.inline()) {
            if (ref.text().length() > MAX_SOURCE_TEXT) {
                throw new InputException(origin + " holds " + ref.text().length() + " characters, more than the "
                        + MAX_SOURCE_TEXT + " a source may have", "text", "at most " + MAX_SOURCE_TEXT
                        + " characters", null);
            }
            return split(title, ref.text(), false);
        }
        String location = ref.path();
        String name = location.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".docx")) {
                return docx(title, origin, bytes(location, origin, opener, MAX_SOURCE_FILE_BYTES));
            }
            if (name.endsWith(".pdf")) {
                return split(title, pdf(origin, bytes(location, origin, opener, MAX_SOURCE_FILE_BYTES)), false);
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return split(title, text(location, origin, opener), true);
            }
            if (name.endsWith(".txt")) {
                return split(title, text(location, origin, opener), false);
            }
        } catch (InputException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new InputException(origin + " cannot be read: " + InputFiles.detail(e, location, origin), e);
        }
        throw new InputException(origin + ": unsupported source type (expected .txt, .md, .docx or .pdf)");
    }

    private static byte[] bytes(String location, String origin, InputOpener opener, int limit) throws IOException {
        return InputFiles.readAtMost(location, origin, opener, limit, "a source");
    }

    private static String text(String location, String origin, InputOpener opener) throws IOException {
        return new String(bytes(location, origin, opener, MAX_SOURCE_TEXT), StandardCharsets.UTF_8);
    }

    /** Text extracted from a Word or PDF file, refused when there is more than a source may have. */
    private static String checkedText(String origin, int characters) {
        if (characters > MAX_SOURCE_TEXT) {
            throw new InputException(origin + " holds " + characters + " characters of text, more than the "
                    + MAX_SOURCE_TEXT + " a source may have", "path", "a source of at most " + MAX_SOURCE_TEXT
                    + " characters of text", null);
        }
        return origin;
    }

    private static SourceDocument docx(String title, String origin, byte[] bytes) throws IOException {
        XWPFDocument opened;
        try {
            opened = new XWPFDocument(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InputException(origin + " cannot be read as a Word file: it is damaged or not a .docx ("
                    + InputFiles.detail(e, origin, origin) + ")", "path", "a readable Word (.docx) file", e);
        }
        try (XWPFDocument document = opened) {
            int characters = 0;
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
                characters += text.length();
                checkedText(origin, characters);
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

    private static String pdf(String origin, byte[] bytes) throws IOException {
        PDDocument opened;
        try {
            opened = Loader.loadPDF(bytes);
        } catch (IOException | RuntimeException e) {
            throw new InputException(origin + " cannot be read as a PDF: it is damaged, password-protected or not "
                    + "a PDF (" + InputFiles.detail(e, origin, origin) + ")", "path", "a readable PDF file", e);
        }
        try (PDDocument document = opened) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setParagraphEnd("\n\n");
            String text = stripper.getText(document);
            checkedText(origin, text.length());
            return text;
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
