package io.docswarm.renderers.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts a PDF embeds. We ship DejaVu (its licence allows embedding) rather than relying on system fonts, and
 * embed subsets so files stay small. Families other than DejaVu Sans/Serif fall back to DejaVu Sans, and the
 * fallback is reported.
 */
final class PdfFonts {

    enum Style { REGULAR, BOLD, ITALIC }

    private static final Map<String, Map<Style, String>> FILES = Map.of(
            "DejaVu Sans", Map.of(Style.REGULAR, "DejaVuSans.ttf", Style.BOLD, "DejaVuSans-Bold.ttf",
                    Style.ITALIC, "DejaVuSans-Oblique.ttf"),
            "DejaVu Serif", Map.of(Style.REGULAR, "DejaVuSerif.ttf", Style.BOLD, "DejaVuSerif-Bold.ttf",
                    Style.ITALIC, "DejaVuSerif-Italic.ttf"));

    private final PDDocument document;
    private final Map<String, Map<Style, PDType0Font>> loaded = new HashMap<>();
    private final List<String> warnings;

    PdfFonts(PDDocument document, List<String> warnings) {
        this.document = document;
        this.warnings = warnings;
    }

    PDType0Font get(String family, Style style) throws IOException {
        String known = FILES.containsKey(family) ? family : "DejaVu Sans";
        if (!known.equals(family) && !loaded.containsKey(family)) {
            warnings.add("font '" + family + "' is not bundled; PDF uses DejaVu Sans instead");
            loaded.put(family, new EnumMap<>(Style.class));
        }
        Map<Style, PDType0Font> styles = loaded.computeIfAbsent(known, f -> new EnumMap<>(Style.class));
        PDType0Font font = styles.get(style);
        if (font == null) {
            String resource = "/io/docswarm/renderers/fonts/" + FILES.get(known).get(style);
            try (InputStream in = PdfFonts.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("bundled font missing: " + resource);
                }
                font = PDType0Font.load(document, in, true);
            }
            styles.put(style, font);
        }
        return font;
    }
}
