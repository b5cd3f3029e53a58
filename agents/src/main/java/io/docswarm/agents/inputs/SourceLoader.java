package io.docswarm.agents.inputs;

import io.docswarm.agents.job.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;

/** Reads text sources: plain text, Markdown, Word and PDF files, or inline text. */
public final class SourceLoader {

    private SourceLoader() {
    }

    /**
     * @param ref    the source
     * @param title  the name citations use for it
     * @param opener reads the source's file
     */
    public static SourceDocument load(SourceRef ref, String title, InputOpener opener) {
        if (ref.inline()) {
            return new SourceDocument(title, paragraphs(ref.text(), false));
        }
        String location = ref.path();
        String name = location.toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".docx")) {
                return new SourceDocument(title, docx(location, opener));
            }
            if (name.endsWith(".pdf")) {
                return new SourceDocument(title, paragraphs(pdf(location, opener), false));
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                return new SourceDocument(title, paragraphs(text(location, opener), true));
            }
            if (name.endsWith(".txt")) {
                return new SourceDocument(title, paragraphs(text(location, opener), false));
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

    private static List<String> docx(String location, InputOpener opener) throws IOException {
        try (InputStream in = opener.open(location); XWPFDocument document = new XWPFDocument(in)) {
            List<String> paragraphs = new ArrayList<>();
            for (XWPFParagraph paragraph : document.getParagraphs()) {
                String text = paragraph.getText().strip();
                if (!text.isEmpty()) {
                    paragraphs.add(text);
                }
            }
            return paragraphs;
        }
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
     * Splits text at blank lines. For Markdown, headings, list markers and emphasis are reduced to plain text
     * and headings are kept out of the paragraphs (they are structure, not statements).
     */
    static List<String> paragraphs(String text, boolean markdown) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.replace("\r\n", "\n").split("\n")) {
            String line = raw.strip();
            if (markdown && line.startsWith("#")) {
                flush(paragraphs, current);
                continue;
            }
            if (line.isEmpty()) {
                flush(paragraphs, current);
                continue;
            }
            if (markdown) {
                boolean listItem = line.matches("^([-*+]|\\d+[.)])\\s+.*");
                line = line.replaceFirst("^([-*+]|\\d+[.)])\\s+", "")
                        .replaceAll("\\*\\*|__|`", "")
                        .replaceAll("\\[([^]]+)]\\([^)]+\\)", "$1");
                if (listItem) {
                    flush(paragraphs, current);
                    current.append(line.endsWith(".") ? line : line + ".");
                    flush(paragraphs, current);
                    continue;
                }
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(line);
        }
        flush(paragraphs, current);
        return paragraphs;
    }

    private static void flush(List<String> paragraphs, StringBuilder current) {
        String paragraph = current.toString().strip().replaceAll("\\s+", " ");
        if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
        }
        current.setLength(0);
    }
}
