package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.preview.Previews;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PreviewsTest {

    @Test
    void everyFormatGetsAReproduciblePreviewWithContent() throws IOException {
        for (OutputFormat format : OutputFormat.values()) {
            Document document = switch (format) {
                case PPTX -> SampleDocuments.deck();
                case XLSX -> SampleDocuments.workbook();
                default -> SampleDocuments.report();
            };
            Skill skill = SkillLibrary.builtIn(format == OutputFormat.PPTX ? "deck"
                    : format == OutputFormat.XLSX ? "workbook" : "report").orElseThrow();
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            Renderers.forFormat(format).render(document, skill, file);
            byte[] png = Previews.png(format, file.toByteArray(), document, skill);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(Previews.WIDTH, image.getWidth(), format + " preview width");
            assertTrue(distinctColours(image) > 3, format + " preview is not blank");
            assertArrayEquals(png, Previews.png(format, file.toByteArray(), document, skill),
                    format + " preview is reproducible");
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
