package io.docswarm.renderers.pptx;

import io.docswarm.skills.Skill;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * The presentation a deck is built in: the Skill's template with its sample slides removed (masters, layouts,
 * theme and slide size stay), or POI's default presentation widened to 16:9 when the Skill has no template.
 *
 * @param show         the presentation
 * @param fromTemplate whether it came from the Skill's template
 */
record PptxTemplate(XMLSlideShow show, boolean fromTemplate) {

    /** 16:9 in points. */
    static final Dimension WIDE = new Dimension(960, 540);

    static PptxTemplate open(Skill skill) throws IOException {
        if (!skill.hasTemplate()) {
            XMLSlideShow show = new XMLSlideShow();
            widen(show);
            return new PptxTemplate(show, false);
        }
        XMLSlideShow show;
        try (InputStream in = skill.openTemplate()) {
            show = new XMLSlideShow(in);
        } catch (IOException | RuntimeException e) {
            throw new IOException("skill " + skill.reference() + ": template " + skill.template()
                    + " is not a readable PowerPoint presentation: " + e.getMessage(), e);
        }
        for (int i = show.getSlides().size() - 1; i >= 0; i--) {
            show.removeSlide(i);
        }
        return new PptxTemplate(show, true);
    }

    /**
     * POI's default master is 4:3; stretch its layouts horizontally to 16:9 so placeholders keep proportions.
     * Layout placeholders may inherit their position from the master, so every anchor is read before any is
     * changed, then each is set explicitly.
     */
    private static void widen(XMLSlideShow show) {
        Dimension old = show.getPageSize();
        double factor = WIDE.getWidth() / old.getWidth();
        show.setPageSize(WIDE);
        Map<XSLFTextShape, Rectangle2D> anchors = new LinkedHashMap<>();
        for (XSLFSlideMaster master : show.getSlideMasters()) {
            collect(master.getShapes(), anchors);
            for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                collect(layout.getShapes(), anchors);
            }
        }
        anchors.forEach((shape, a) -> shape.setAnchor(new Rectangle2D.Double(a.getX() * factor, a.getY(),
                a.getWidth() * factor, a.getHeight())));
    }

    private static void collect(List<XSLFShape> shapes, Map<XSLFTextShape, Rectangle2D> anchors) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFTextShape text) {
                anchors.put(text, text.getAnchor());
            }
        }
    }
}
