package io.docswarm.renderers.pptx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.chart.XddfChartWriter;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Look;
import io.docswarm.skills.Skill;
import io.docswarm.skills.Voice;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.util.Units;
import org.apache.poi.xslf.usermodel.SlideLayout;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFSlideLayout;
import org.apache.poi.xslf.usermodel.XSLFSlideMaster;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * PowerPoint renderer: slides from the master's own layouts chosen by role, placeholders filled by type,
 * text kept inside its placeholder (shrunk within 80% of the Skill's size, then split onto continuation
 * slides, each decision reported), native charts and tables, speaker notes.
 */
public final class PptxRenderer implements DocumentRenderer {

    /** 16:9 in points. */
    private static final Dimension SLIDE_SIZE = new Dimension(960, 540);
    private static final double MIN_SHRINK = 0.8;

    @Override
    public OutputFormat format() {
        return OutputFormat.PPTX;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        try (XMLSlideShow show = new XMLSlideShow()) {
            widen(show);
            properties(show, document);
            var writer = new SlideWriter(show, skill.look(), skill.voice(), document.metadata().created());
            for (Slide slide : document.slides()) {
                writer.slide(slide);
            }
            ReproducibleZip.write(show::write, document.metadata().created(), out);
            return new RenderResult(writer.warnings, show.getSlides().size());
        }
    }

    /**
     * POI's default master is 4:3; stretch its layouts horizontally to 16:9 so placeholders keep proportions.
     * Layout placeholders may inherit their position from the master, so every anchor is read before any is
     * changed, then each is set explicitly.
     */
    private static void widen(XMLSlideShow show) {
        Dimension old = show.getPageSize();
        double factor = SLIDE_SIZE.getWidth() / old.getWidth();
        show.setPageSize(SLIDE_SIZE);
        java.util.Map<XSLFTextShape, Rectangle2D> anchors = new java.util.LinkedHashMap<>();
        for (XSLFSlideMaster master : show.getSlideMasters()) {
            collect(master.getShapes(), anchors);
            for (XSLFSlideLayout layout : master.getSlideLayouts()) {
                collect(layout.getShapes(), anchors);
            }
        }
        anchors.forEach((shape, a) -> shape.setAnchor(new Rectangle2D.Double(a.getX() * factor, a.getY(),
                a.getWidth() * factor, a.getHeight())));
    }

    private static void collect(List<XSLFShape> shapes, java.util.Map<XSLFTextShape, Rectangle2D> anchors) {
        for (XSLFShape shape : shapes) {
            if (shape instanceof XSLFTextShape text) {
                anchors.put(text, text.getAnchor());
            }
        }
    }

    private static void properties(XMLSlideShow show, Document document) {
        var core = show.getProperties().getCoreProperties();
        core.setTitle(document.metadata().title());
        core.setCreator(document.metadata().author());
        Date created = Date.from(document.metadata().created());
        core.setCreated(Optional.of(created));
        core.setModified(Optional.of(created));
    }

    /** Builds slides one by one; collects warnings about every fitting decision. */
    private static final class SlideWriter {
        private final XMLSlideShow show;
        private final XSLFSlideMaster master;
        private final Look look;
        private final Voice voice;
        private final List<String> warnings = new ArrayList<>();
        private final java.time.Instant created;

        SlideWriter(XMLSlideShow show, Look look, Voice voice, java.time.Instant created) {
            this.created = created;
            this.show = show;
            this.master = show.getSlideMasters().get(0);
            this.look = look;
            this.voice = voice;
        }

        void slide(Slide slide) {
            switch (slide.role()) {
                case TITLE, CLOSING -> titleSlide(slide);
                case SECTION -> sectionSlide(slide);
                default -> contentSlides(slide);
            }
        }

        private void titleSlide(Slide slide) {
            XSLFSlide s = show.createSlide(master.getLayout(SlideLayout.TITLE));
            solidBackground(s, look.primaryColor());
            setText(placeholder(s, Placeholder.CENTERED_TITLE, Placeholder.TITLE), List.of(slide.title()),
                    look.titleSize(), look.headingFont(), Color.WHITE, true, false, slide.title());
            List<String> subtitle = slide.body().stream().map(PptxRenderer::plainText).toList();
            XSLFTextShape sub = placeholder(s, Placeholder.SUBTITLE, Placeholder.BODY);
            if (sub != null) {
                setText(sub, subtitle, look.bodySize(), look.bodyFont(), color("FFFFFF"), false, false,
                        slide.title());
            }
            notes(s, slide.notes());
        }

        /** A background on this slide only (setting the inherited background would recolour every slide). */
        private static void solidBackground(XSLFSlide slide, String hex) {
            var properties = slide.getXmlObject().getCSld().addNewBg().addNewBgPr();
            properties.addNewSolidFill().addNewSrgbClr().setVal(XddfChartWriter.hexBytes(hex));
            properties.addNewEffectLst();
        }

        private void sectionSlide(Slide slide) {
            XSLFSlide s = show.createSlide(master.getLayout(SlideLayout.SECTION_HEADER));
            setText(placeholder(s, Placeholder.TITLE, Placeholder.CENTERED_TITLE), List.of(slide.title()),
                    look.headingSize(1), look.headingFont(), color(look.primaryColor()), true, false, slide.title());
            XSLFTextShape body = placeholder(s, Placeholder.BODY, Placeholder.SUBTITLE);
            if (body != null) {
                s.removeShape(body);
            }
            notes(s, slide.notes());
        }

        private void contentSlides(Slide slide) {
            List<String> bullets = new ArrayList<>();
            List<Block> visuals = new ArrayList<>();
            for (Block block : slide.body()) {
                switch (block) {
                    case BulletList list -> list.items().forEach(i -> bullets.add(i.text()));
                    case Paragraph p -> bullets.add(p.text());
                    case Quote q -> bullets.add("“" + q.text() + "”"
                            + (q.attribution().isBlank() ? "" : " — " + q.attribution()));
                    case Table t -> visuals.add(t);
                    case Chart c -> visuals.add(c);
                }
            }
            List<String> cut = new ArrayList<>();
            for (String bullet : bullets) {
                String shortened = TextBudget.cutToWords(bullet, voice.maxBulletWords());
                if (!shortened.equals(bullet.trim())) {
                    warnings.add("slide '" + slide.title() + "': bullet shortened to " + voice.maxBulletWords()
                            + " words");
                }
                cut.add(shortened);
            }
            if (visuals.isEmpty()) {
                textOnlySlides(slide, cut);
            } else {
                visualSlides(slide, cut, visuals);
            }
        }

        private void textOnlySlides(Slide slide, List<String> bullets) {
            List<List<String>> pages = TextBudget.pages(bullets, voice.maxBulletsPerSlide());
            List<List<String>> fitted = new ArrayList<>();
            for (List<String> page : pages) {
                fitted.addAll(fitByLines(page, slide.title()));
            }
            if (fitted.size() > 1) {
                warnings.add("slide '" + slide.title() + "': content split over " + fitted.size() + " slides");
            }
            for (int i = 0; i < fitted.size(); i++) {
                XSLFSlide s = show.createSlide(master.getLayout(SlideLayout.TITLE_AND_CONTENT));
                String title = i == 0 ? slide.title() : slide.title() + " (cont.)";
                title(s, title);
                XSLFTextShape body = placeholder(s, Placeholder.BODY, Placeholder.CONTENT);
                setText(body, fitted.get(i), look.bodySize(), look.bodyFont(), color(look.textColor()), false, true,
                        slide.title());
                notes(s, slide.notes());
            }
        }

        /** Splits one page of bullets further when even the smallest allowed size would overflow the box. */
        private List<List<String>> fitByLines(List<String> page, String title) {
            Rectangle2D box = master.getLayout(SlideLayout.TITLE_AND_CONTENT)
                    .getPlaceholder(1).getAnchor();
            double smallest = look.bodySize() * MIN_SHRINK;
            int available = TextBudget.linesAvailable(box.getHeight(), smallest);
            List<List<String>> result = new ArrayList<>();
            List<String> current = new ArrayList<>();
            for (String bullet : page) {
                current.add(bullet);
                if (current.size() > 1 && TextBudget.linesNeeded(current, box.getWidth(), smallest) > available) {
                    current.removeLast();
                    result.add(current);
                    current = new ArrayList<>(List.of(bullet));
                }
            }
            result.add(current);
            return result;
        }

        private void visualSlides(Slide slide, List<String> bullets, List<Block> visuals) {
            for (int v = 0; v < visuals.size(); v++) {
                XSLFSlide s = show.createSlide(master.getLayout(SlideLayout.TITLE_ONLY));
                title(s, v == 0 ? slide.title() : slide.title() + " (cont.)");
                double top = 120;
                double left = 40;
                double width = SLIDE_SIZE.getWidth() - 80;
                double height = SLIDE_SIZE.getHeight() - top - 30;
                if (v == 0 && !bullets.isEmpty()) {
                    // Text beside the visual: the visual takes the left 60%.
                    double textWidth = width * 0.36;
                    var box = s.createTextBox();
                    box.setAnchor(new Rectangle2D.Double(left + width - textWidth, top, textWidth, height));
                    List<String> page = bullets.subList(0, Math.min(bullets.size(), voice.maxBulletsPerSlide()));
                    if (page.size() < bullets.size()) {
                        warnings.add("slide '" + slide.title() + "': " + (bullets.size() - page.size())
                                + " bullets beside the visual dropped (slot budget " + voice.maxBulletsPerSlide()
                                + ")");
                    }
                    setText(box, page, look.bodySize() * 0.85, look.bodyFont(), color(look.textColor()), false,
                            true, slide.title());
                    width = width - textWidth - 20;
                }
                Rectangle2D area = new Rectangle2D.Double(left, top, width, height);
                switch (visuals.get(v)) {
                    case Chart chart -> chart(s, chart, area);
                    case Table table -> table(s, table, area, slide.title());
                    default -> throw new IllegalStateException("not a visual block");
                }
                notes(s, slide.notes());
            }
        }

        private void chart(XSLFSlide slide, Chart chart, Rectangle2D area) {
            XSLFChart target = show.createChart();
            XddfChartWriter.write(target, chart, look, XddfChartWriter.embedded(target, created), true);
            slide.addChart(target, new Rectangle2D.Double(Units.toEMU(area.getX()), Units.toEMU(area.getY()),
                    Units.toEMU(area.getWidth()), Units.toEMU(area.getHeight())));
        }

        private void table(XSLFSlide slide, Table table, Rectangle2D area, String slideTitle) {
            double fontSize = Math.max(10, look.bodySize() * 0.6);
            double rowHeight = fontSize * 2;
            int maxRows = Math.max(1, (int) (area.getHeight() / rowHeight) - 2);
            List<List<Object>> rows = table.rows();
            if (rows.size() > maxRows) {
                warnings.add("slide '" + slideTitle + "': table cut to its first " + maxRows + " of " + rows.size()
                        + " rows to fit");
                rows = rows.subList(0, maxRows);
            }
            XSLFTable t = slide.createTable();
            int columns = table.columns().size();
            XSLFTableRow header = t.addRow();
            for (Table.Column column : table.columns()) {
                styleCell(header.addCell(), column.name(), fontSize, true, Color.WHITE, color(look.primaryColor()),
                        column.type() == Table.ColumnType.NUMBER);
            }
            for (int r = 0; r < rows.size(); r++) {
                XSLFTableRow row = t.addRow();
                for (int c = 0; c < columns; c++) {
                    Table.Column column = table.columns().get(c);
                    styleCell(row.addCell(), TextFormat.cell(rows.get(r).get(c), column), fontSize, false,
                            color(look.textColor()), r % 2 == 1 ? new Color(0xF2F4F7) : Color.WHITE,
                            column.type() == Table.ColumnType.NUMBER);
                }
            }
            for (int c = 0; c < columns; c++) {
                t.setColumnWidth(c, area.getWidth() / columns);
            }
            t.setAnchor(new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth(),
                    rowHeight * (rows.size() + 1)));
        }

        private void styleCell(XSLFTableCell cell, String text, double fontSize, boolean bold, Color textColor,
                               Color fill, boolean right) {
            cell.clearText();
            XSLFTextParagraph p = cell.addNewTextParagraph();
            p.setTextAlign(right ? TextParagraph.TextAlign.RIGHT : TextParagraph.TextAlign.LEFT);
            XSLFTextRun run = p.addNewTextRun();
            run.setText(text);
            run.setFontSize(fontSize);
            run.setFontFamily(look.bodyFont());
            run.setBold(bold);
            run.setFontColor(textColor);
            cell.setFillColor(fill);
        }

        private void title(XSLFSlide s, String title) {
            setText(placeholder(s, Placeholder.TITLE, Placeholder.CENTERED_TITLE), List.of(title),
                    look.headingSize(1), look.headingFont(), color(look.primaryColor()), true, false, title);
        }

        /**
         * Fills a text shape; shrinks the font down to {@link #MIN_SHRINK} of the Skill's size if the estimate
         * says the text would overflow, and reports the shrink.
         */
        private void setText(XSLFTextShape shape, List<String> lines, double size, String font, Color textColor,
                             boolean bold, boolean bullets, String slideTitle) {
            if (shape == null) {
                warnings.add("slide '" + slideTitle + "': layout has no placeholder for its text");
                return;
            }
            Rectangle2D box = shape.getAnchor();
            double fontSize = size;
            while (fontSize > size * MIN_SHRINK + 1e-9
                    && TextBudget.linesNeeded(lines, box.getWidth(), fontSize)
                    > TextBudget.linesAvailable(box.getHeight(), fontSize)) {
                fontSize = Math.max(size * MIN_SHRINK, fontSize - 1);
            }
            if (fontSize < size) {
                warnings.add("slide '" + slideTitle + "': text shrunk from " + size + " to "
                        + Math.round(fontSize * 10) / 10.0 + " pt to fit");
            }
            shape.clearText();
            shape.setWordWrap(true);
            for (String line : lines) {
                XSLFTextParagraph p = shape.addNewTextParagraph();
                p.setBullet(bullets);
                XSLFTextRun run = p.addNewTextRun();
                run.setText(line);
                run.setFontSize(fontSize);
                run.setFontFamily(font);
                run.setBold(bold);
                run.setFontColor(textColor);
            }
        }

        private static XSLFTextShape placeholder(XSLFSlide slide, Placeholder... types) {
            for (Placeholder type : types) {
                for (XSLFTextShape shape : slide.getPlaceholders()) {
                    if (shape.getTextType() == type || shape.getPlaceholder() == type) {
                        return shape;
                    }
                }
            }
            return null;
        }

        private void notes(XSLFSlide slide, String notes) {
            if (notes.isBlank()) {
                return;
            }
            var notesSlide = show.getNotesSlide(slide);
            for (XSLFTextShape shape : notesSlide.getPlaceholders()) {
                if (shape.getTextType() == Placeholder.BODY) {
                    shape.setText(notes);
                    return;
                }
            }
        }
    }

    static String plainText(Block block) {
        return switch (block) {
            case Paragraph p -> p.text();
            case BulletList list -> String.join("; ", list.items().stream().map(BulletList.Item::text).toList());
            case Quote q -> q.text();
            case Table t -> t.caption();
            case Chart c -> c.title();
        };
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
