package io.docswarm.skills.importer;

import io.docswarm.skills.Look;
import io.docswarm.skills.Structure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Preview images. Decks are drawn by POI's slide renderer and PDFs by PDFBox; for Word and Excel samples
 * there is no renderer without LibreOffice, so their preview is drawn from what the Skill extracted (page
 * shape, margins, header and footer, title and heading styles, table colours): a picture of the Skill, not
 * a rendering of the sample.
 */
final class Previews {

    static final int WIDTH = 800;

    private Previews() {
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /** A page of the Skill: header, title, the outline in heading styles with body lines, footer. */
    static byte[] page(Look look, String title, List<Structure.OutlineEntry> outline) {
        double scale = WIDTH / look.page().widthPt();
        int height = (int) Math.round(look.page().heightPt() * scale);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(image);
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            var m = look.page().margins();
            double left = (m == null ? look.page().marginMm() : m.leftMm()) * 72 / 25.4 * scale;
            double right = WIDTH - (m == null ? look.page().marginMm() : m.rightMm()) * 72 / 25.4 * scale;
            double top = (m == null ? look.page().marginMm() : m.topMm()) * 72 / 25.4 * scale;
            double bottom = height - (m == null ? look.page().marginMm() : m.bottomMm()) * 72 / 25.4 * scale;
            Color text = Colors.awt(look.textColor());
            Color primary = Colors.awt(look.primaryColor());
            if (!look.headerText().isBlank()) {
                g.setFont(font(look.bodyFont(), false, (look.bodySize() - 1) * scale));
                g.setColor(primary);
                g.drawString(look.headerText().replace("{title}", title).replace("{page}", "1"), (float) left,
                        (float) (top / 2 + 4));
            }
            double y = top + look.titleSize() * scale;
            g.setFont(font(look.headingFont(), true, look.titleSize() * scale));
            g.setColor(primary);
            g.drawString(title, (float) left, (float) y);
            g.setColor(Colors.awt(look.accentColor()));
            g.setStroke(new BasicStroke((float) (2 * scale)));
            g.drawLine((int) left, (int) (y + 8 * scale), (int) (left + (right - left) / 3), (int) (y + 8 * scale));
            y += 24 * scale;
            for (var entry : outline) {
                double size = look.headingSize(entry.level()) * scale;
                if (y + size + 40 * scale > bottom) {
                    break;
                }
                y += size * 1.6;
                g.setFont(font(look.headingFont(), true, size));
                g.setColor(primary);
                g.drawString(entry.heading(), (float) (left + (entry.level() - 1) * 10 * scale), (float) y);
                g.setColor(new Color(text.getRed(), text.getGreen(), text.getBlue(), 60));
                double line = look.bodySize() * 1.5 * scale;
                for (int i = 0; i < 3 && y + line < bottom; i++) {
                    y += line;
                    double end = i == 2 ? left + (right - left) * 0.6 : right;
                    g.fillRect((int) left, (int) (y - look.bodySize() * scale * 0.7), (int) (end - left),
                            (int) Math.max(2, look.bodySize() * scale * 0.55));
                }
            }
            if (!look.footerText().isBlank()) {
                g.setFont(font(look.bodyFont(), false, (look.bodySize() - 1) * scale));
                g.setColor(text);
                g.drawString(look.footerText().replace("{page}", "1").replace("{title}", title), (float) left,
                        (float) (bottom + (height - bottom) / 2));
            }
        } finally {
            g.dispose();
        }
        return png(image);
    }

    static Font font(String family, boolean bold, double size) {
        return new Font(family, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) Math.max(1, size));
    }
}
