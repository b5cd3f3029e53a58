package io.docswarm.renderers.pdf;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts a PDF embeds. We ship DejaVu (its licence allows embedding) rather than relying on system fonts, and
 * embed subsets so files stay small. Families other than DejaVu Sans/Serif/Sans Mono fall back to DejaVu Sans,
 * and the fallback is reported. Characters the chosen face has no glyph for are set, character by character, in
 * DejaVu Sans where it has them (Hebrew or Arabic in a serif body), else in the bundled WenQuanYi Micro Hei
 * (Chinese, Japanese, Korean), else in upright DejaVu Sans (DejaVu Sans Oblique has no Arabic at all: italic Arabic
 * is shown upright); characters none of them has are replaced by '?' and reported, so a PDF never shows an empty
 * box silently. DejaVu Sans and Sans Bold have every Arabic presentation form (U+FE70–U+FEFF) and the forms of the
 * Persian and Urdu letters they have (U+FB50–U+FDFF), so shaped Arabic needs no other fallback.
 */
final class PdfFonts implements Closeable {

    enum Style { REGULAR, BOLD, ITALIC }

    static final String MONO = "DejaVu Sans Mono";
    /** The bundled family with the widest coverage: the first fallback of the others. */
    private static final String SANS = "DejaVu Sans";
    private static final String DIR = "/io/docswarm/renderers/fonts/";
    /** WenQuanYi Micro Hei: Chinese, Japanese kana and Korean Hangul in one font (the first of its collection). */
    private static final String FALLBACK = "wqy-microhei.ttc";
    private static final String FALLBACK_NAME = "WenQuanYiMicroHei";

    private static final Map<String, Map<Style, String>> FILES = Map.of(
            "DejaVu Sans", Map.of(Style.REGULAR, "DejaVuSans.ttf", Style.BOLD, "DejaVuSans-Bold.ttf",
                    Style.ITALIC, "DejaVuSans-Oblique.ttf"),
            "DejaVu Serif", Map.of(Style.REGULAR, "DejaVuSerif.ttf", Style.BOLD, "DejaVuSerif-Bold.ttf",
                    Style.ITALIC, "DejaVuSerif-Italic.ttf"),
            MONO, Map.of(Style.REGULAR, "DejaVuSansMono.ttf", Style.BOLD, "DejaVuSansMono.ttf",
                    Style.ITALIC, "DejaVuSansMono.ttf"));

    /** Font files are read once per JVM; each document parses and subsets its own copy. */
    private static final Map<String, byte[]> BYTES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A loaded font and the Unicode lookup that says which characters it can show. */
    record Face(PDType0Font font, TrueTypeFont ttf, Style style) {
        boolean covers(int codePoint) {
            try {
                return ttf.getUnicodeCmapLookup().getGlyphId(codePoint) > 0;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private final PDDocument document;
    private final Map<String, Map<Style, Face>> loaded = new HashMap<>();
    private final Set<String> reportedFamilies = new LinkedHashSet<>();
    private final Set<Integer> missing = new java.util.TreeSet<>();
    private final List<TrueTypeFont> open = new ArrayList<>();
    private final List<TrueTypeCollection> collections = new ArrayList<>();
    private final List<String> warnings;
    private Face fallback;

    PdfFonts(PDDocument document, List<String> warnings) {
        this.document = document;
        this.warnings = warnings;
    }

    /** The primary font of {@code family} in {@code style}. */
    PDType0Font get(String family, Style style) throws IOException {
        return face(family, style).font();
    }

    Face face(String family, Style style) throws IOException {
        String known = FILES.containsKey(family) ? family : "DejaVu Sans";
        if (!known.equals(family) && reportedFamilies.add(family)) {
            warnings.add("font '" + family + "' is not bundled; PDF uses DejaVu Sans instead");
        }
        Map<Style, Face> styles = loaded.computeIfAbsent(known, f -> new EnumMap<>(Style.class));
        Face face = styles.get(style);
        if (face == null) {
            face = load(FILES.get(known).get(style), style);
            styles.put(style, face);
        }
        return face;
    }

    /**
     * Splits {@code text} into pieces each set in one font: {@code primary} where it has the glyph, else DejaVu Sans
     * in the same style, else the CJK fallback, else upright DejaVu Sans; characters no bundled font has become '?'.
     * Pieces keep the order of {@code text}: callers shape and reorder right-to-left text ({@link PdfText}).
     */
    List<Piece> pieces(String text, Face primary) throws IOException {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        PDType0Font currentFont = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            PDType0Font font;
            int shown = cp;
            Face sans;
            if (primary.covers(cp) || Character.isWhitespace(cp)) {
                font = primary.font();
            } else if ((sans = face(SANS, primary.style())).covers(cp)) {
                // DejaVu Sans has far more scripts than Serif and Mono (Hebrew, Arabic, Armenian, Georgian, many
                // symbols): a serif body shows them in the sans face of the same weight rather than as '?'.
                font = sans.font();
            } else if (fallback().covers(cp)) {
                font = fallback().font();
            } else if (primary.style() != Style.REGULAR && (sans = face(SANS, Style.REGULAR)).covers(cp)) {
                font = sans.font();
            } else {
                if (missing.add(cp)) {
                    warnings.add(String.format("character U+%04X has no glyph in the bundled fonts; shown as '?'",
                            cp));
                }
                font = primary.font();
                shown = '?';
            }
            if (font != currentFont && !current.isEmpty()) {
                pieces.add(new Piece(current.toString(), currentFont));
                current.setLength(0);
            }
            currentFont = font;
            current.appendCodePoint(shown);
        }
        if (!current.isEmpty()) {
            pieces.add(new Piece(current.toString(), currentFont));
        }
        return pieces;
    }

    /** A stretch of text and the font that shows it. */
    record Piece(String text, PDType0Font font) {
    }

    private Face fallback() throws IOException {
        if (fallback == null) {
            fallback = load(FALLBACK, Style.REGULAR);
        }
        return fallback;
    }

    private Face load(String file, Style style) throws IOException {
        byte[] bytes = BYTES.computeIfAbsent(file, PdfFonts::read);
        TrueTypeFont ttf;
        if (file.endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(new java.io.ByteArrayInputStream(bytes));
            collections.add(collection);
            ttf = collection.getFontByName(FALLBACK_NAME);
            if (ttf == null) {
                throw new IOException("bundled font " + file + " has no font named " + FALLBACK_NAME);
            }
        } else {
            ttf = new TTFParser().parse(new RandomAccessReadBuffer(bytes));
            open.add(ttf);
        }
        return new Face(PDType0Font.load(document, ttf, true), ttf, style);
    }

    private static byte[] read(String file) {
        try (InputStream in = PdfFonts.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("bundled font missing: " + DIR + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled font " + DIR + file, e);
        }
    }

    /** Closes the parsed font files; call after the document is saved (subsetting reads them on save). */
    @Override
    public void close() throws IOException {
        for (TrueTypeFont ttf : open) {
            ttf.close();
        }
        open.clear();
        for (TrueTypeCollection collection : collections) {
            collection.close();
        }
        collections.clear();
    }
}
