package io.docswarm.renderers.pptx;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.chart.XddfChartWriter;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Image;
import io.docswarm.renderers.model.PageBreak;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.SectionBreak;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Slide.SlideRole;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Look;
import io.docswarm.skills.Voice;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.sl.usermodel.PictureData;
import org.apache.poi.sl.usermodel.Placeholder;
import org.apache.poi.sl.usermodel.TextParagraph;
import org.apache.poi.util.Units;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFChart;
import org.apache.poi.xslf.usermodel.XSLFPictureData;
import org.apache.poi.xslf.usermodel.XSLFPictureShape;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTable;
import org.apache.poi.xslf.usermodel.XSLFTableCell;
import org.apache.poi.xslf.usermodel.XSLFTableRow;
import org.apache.poi.xslf.usermodel.XSLFTextParagraph;
import org.apache.poi.xslf.usermodel.XSLFTextRun;
import org.apache.poi.xslf.usermodel.XSLFTextShape;

/**
 * Builds slides one by one from the deck's own layouts, filling placeholders by type, and reports every fitting
 * decision (shortened, shrunk, split, cut, layout fallback). Without a template the Skill's look (fonts, colours)
 * is applied to the text; with one, only sizes are set and the template's master styles do the rest.
 */
final class SlideWriter {

    private static final double MIN_SHRINK = 0.8;
    private static final String CODE_FONT = "Consolas";

    /** A paragraph of slide text: styled runs at a list nesting level. */
    record TextItem(List<Run> runs, int level) {
        String text() {
            StringBuilder text = new StringBuilder();
            runs.forEach(r -> text.append(r.text()));
            return text.toString();
        }

        static TextItem plain(String text) {
            return new TextItem(List.of(Run.plain(text)), 0);
        }
    }

    private final XMLSlideShow show;
    private final LayoutChooser chooser;
    private final Look look;
    private final Voice voice;
    private final boolean styled;
    private final Instant created;
    /** The deck's direction, from its language: of tables and charts, and of paragraphs without a strong character. */
    private final TextDirection direction;
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> reported = new HashSet<>();

    SlideWriter(XMLSlideShow show, boolean fromTemplate, Look look, Voice voice, Instant created,
                TextDirection direction) {
        this.show = show;
        this.direction = direction;
        this.chooser = new LayoutChooser(show);
        this.look = look;
        this.voice = voice;
        this.styled = !fromTemplate;
        this.created = created;
    }

    List<String> warnings() {
        return warnings;
    }

    /** Writes one slide, or several when its body has page breaks. */
    void slide(Slide slide) {
        List<List<Block>> groups = new ArrayList<>();
        groups.add(new ArrayList<>());
        for (Block block : slide.body()) {
            if (block instanceof PageBreak || block instanceof SectionBreak) {
                groups.add(new ArrayList<>());
            } else {
                groups.getLast().add(block);
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            if (i > 0 && groups.get(i).isEmpty()) {
                continue;
            }
            String title = i == 0 ? slide.title() : slide.title() + " (cont.)";
            one(new Slide(slide.role(), title, groups.get(i), slide.notes()));
        }
    }

    private void one(Slide slide) {
        switch (slide.role()) {
            case TITLE, CLOSING -> titleSlide(slide);
            case SECTION -> sectionSlide(slide);
            default -> contentSlides(slide);
        }
    }

    private XSLFSlide newSlide(SlideRole role, boolean withText) {
        LayoutChooser.Choice choice = chooser.choose(role, withText);
        if (!choice.fallbackNote().isEmpty() && reported.add(choice.fallbackNote())) {
            warnings.add(choice.fallbackNote());
        }
        return show.createSlide(choice.layout());
    }

    private void titleSlide(Slide slide) {
        XSLFSlide s = newSlide(slide.role(), false);
        if (styled) {
            solidBackground(s, look.primaryColor());
        }
        Set<XSLFTextShape> filled = new HashSet<>();
        Color white = Color.WHITE;
        XSLFTextShape title = placeholder(s, Placeholder.CENTERED_TITLE, Placeholder.TITLE);
        setText(title, List.of(TextItem.plain(slide.title())), look.titleSize(), look.headingFont(), white, true,
                false, slide.title(), filled);
        List<TextItem> subtitle = slide.body().stream().map(b -> TextItem.plain(plainText(b))).toList();
        XSLFTextShape sub = placeholder(s, Placeholder.SUBTITLE, Placeholder.BODY);
        if (sub != null && !subtitle.isEmpty()) {
            setText(sub, subtitle, look.bodySize(), look.bodyFont(), white, false, false, slide.title(), filled);
        }
        removeUnfilled(s, filled);
        notes(s, slide.notes());
    }

    /** A background on this slide only (setting the inherited background would recolour every slide). */
    private static void solidBackground(XSLFSlide slide, String hex) {
        var properties = slide.getXmlObject().getCSld().addNewBg().addNewBgPr();
        properties.addNewSolidFill().addNewSrgbClr().setVal(XddfChartWriter.hexBytes(hex));
        properties.addNewEffectLst();
    }

    private void sectionSlide(Slide slide) {
        XSLFSlide s = newSlide(SlideRole.SECTION, false);
        Set<XSLFTextShape> filled = new HashSet<>();
        setText(placeholder(s, Placeholder.TITLE, Placeholder.CENTERED_TITLE), List.of(TextItem.plain(slide.title())),
                look.headingSize(1), look.headingFont(), color(look.primaryColor()), true, false, slide.title(),
                filled);
        List<TextItem> body = slide.body().stream().map(b -> TextItem.plain(plainText(b))).toList();
        XSLFTextShape holder = placeholder(s, Placeholder.BODY, Placeholder.SUBTITLE);
        if (holder != null && !body.isEmpty()) {
            setText(holder, body, look.bodySize(), look.bodyFont(), color(look.textColor()), false, false,
                    slide.title(), filled);
        }
        removeUnfilled(s, filled);
        notes(s, slide.notes());
    }

    private void contentSlides(Slide slide) {
        List<TextItem> items = new ArrayList<>();
        List<Block> visuals = new ArrayList<>();
        for (Block block : slide.body()) {
            switch (block) {
                case BulletList list -> flatten(list.items(), 0, items);
                case Paragraph p -> items.add(new TextItem(p.runs(), 0));
                case Quote q -> items.add(TextItem.plain("“" + q.text() + "”"
                        + (q.attribution().isBlank() ? "" : " — " + q.attribution())));
                case Table t -> visuals.add(t);
                case Chart c -> visuals.add(c);
                case Image i -> visuals.add(i);
                case PageBreak ignored -> throw new IllegalStateException("page breaks are split off before");
                case SectionBreak ignored -> throw new IllegalStateException("section breaks are split off before");
            }
        }
        List<TextItem> cut = new ArrayList<>();
        List<String> shortenedFrom = new ArrayList<>();
        for (TextItem item : items) {
            String text = item.text().trim();
            String shortened = TextBudget.cutToWords(text, voice.maxBulletWords());
            if (!shortened.equals(text)) {
                warnings.add("slide '" + slide.title() + "': bullet shortened to " + voice.maxBulletWords()
                        + " words (full text in the speaker notes)");
                cut.add(new TextItem(List.of(Run.plain(shortened)), item.level()));
                shortenedFrom.add(text);
            } else {
                cut.add(item);
            }
        }
        Slide noted = new Slide(slide.role(), slide.title(), slide.body(), withFullText(slide.notes(), shortenedFrom));
        if (visuals.isEmpty()) {
            textOnlySlides(noted, cut);
        } else {
            visualSlides(noted, cut, visuals);
        }
    }

    /**
     * The speaker notes with the full text of the bullets the word budget shortened: the slide stays within the
     * Skill's budget, and the presenter still has every sentence the draft had.
     */
    static String withFullText(String notes, List<String> shortenedFrom) {
        if (shortenedFrom.isEmpty()) {
            return notes;
        }
        StringBuilder text = new StringBuilder(notes.strip());
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append("In full:");
        shortenedFrom.forEach(full -> text.append("\n• ").append(full));
        return text.toString();
    }

    private static void flatten(List<BulletList.Item> items, int level, List<TextItem> out) {
        for (BulletList.Item item : items) {
            out.add(new TextItem(item.runs(), level));
            flatten(item.children(), level + 1, out);
        }
    }

    private void textOnlySlides(Slide slide, List<TextItem> items) {
        Rectangle2D box = contentBox();
        List<List<TextItem>> fitted = new ArrayList<>();
        for (List<TextItem> page : TextBudget.pages(items, voice.maxBulletsPerSlide())) {
            fitted.addAll(fitByLines(page, box));
        }
        if (fitted.size() > 1) {
            warnings.add("slide '" + slide.title() + "': content split over " + fitted.size() + " slides");
        }
        for (int i = 0; i < fitted.size(); i++) {
            XSLFSlide s = newSlide(SlideRole.CONTENT, false);
            Set<XSLFTextShape> filled = new HashSet<>();
            title(s, i == 0 ? slide.title() : slide.title() + " (cont.)", filled);
            List<XSLFTextShape> holders = contentHolders(s);
            if (!fitted.get(i).isEmpty()) {
                setText(holders.isEmpty() ? null : holders.getFirst(), fitted.get(i), look.bodySize(), look.bodyFont(),
                        color(look.textColor()), false, true, slide.title(), filled);
            }
            removeUnfilled(s, filled);
            notes(s, slide.notes());
        }
    }

    /** The body placeholder of the content layout, whose size decides how much text a slide holds. */
    private Rectangle2D contentBox() {
        XSLFSlide probe = show.createSlide(chooser.choose(SlideRole.CONTENT, false).layout());
        List<XSLFTextShape> holders = contentHolders(probe);
        Rectangle2D box = holders.isEmpty() ? new Rectangle2D.Double(40, 120, show.getPageSize().getWidth() - 80,
                show.getPageSize().getHeight() - 160) : holders.getFirst().getAnchor();
        show.removeSlide(show.getSlides().indexOf(probe));
        return box;
    }

    /** Splits one page of items further when even the smallest allowed size would overflow the box. */
    private List<List<TextItem>> fitByLines(List<TextItem> page, Rectangle2D box) {
        double smallest = look.bodySize() * MIN_SHRINK;
        int available = TextBudget.linesAvailable(box.getHeight(), smallest);
        List<List<TextItem>> result = new ArrayList<>();
        List<TextItem> current = new ArrayList<>();
        for (TextItem item : page) {
            current.add(item);
            if (current.size() > 1 && TextBudget.linesNeeded(texts(current), box.getWidth(), smallest) > available) {
                current.removeLast();
                result.add(current);
                current = new ArrayList<>(List.of(item));
            }
        }
        result.add(current);
        return result;
    }

    private static List<String> texts(List<TextItem> items) {
        return items.stream().map(TextItem::text).toList();
    }

    private void visualSlides(Slide slide, List<TextItem> items, List<Block> visuals) {
        for (int v = 0; v < visuals.size(); v++) {
            Block visual = visuals.get(v);
            boolean withText = v == 0 && !items.isEmpty();
            SlideRole role = switch (visual) {
                case Chart ignored -> SlideRole.CHART;
                case Table ignored -> SlideRole.TABLE;
                default -> SlideRole.PICTURE;
            };
            XSLFSlide s = newSlide(role, withText);
            Set<XSLFTextShape> filled = new HashSet<>();
            String title = v == 0 ? slide.title() : slide.title() + " (cont.)";
            title(s, title, filled);
            Placeholder kind = role == SlideRole.CHART ? Placeholder.CHART
                    : role == SlideRole.TABLE ? Placeholder.TABLE : Placeholder.PICTURE;
            List<XSLFTextShape> holders = contentHolders(s);
            XSLFTextShape visualHolder = placeholder(s, kind);
            if (visualHolder == null && !holders.isEmpty()) {
                visualHolder = withText && holders.size() > 1 ? holders.get(1) : holders.getFirst();
            }
            XSLFTextShape textHolder = null;
            if (withText) {
                for (XSLFTextShape holder : holders) {
                    if (holder != visualHolder) {
                        textHolder = holder;
                        break;
                    }
                }
            }
            Rectangle2D area;
            if (visualHolder != null) {
                area = visualHolder.getAnchor();
                filled.add(visualHolder); // handled: replaced by the visual
                s.removeShape(visualHolder);
            } else {
                area = belowTitle(s);
                warnings.add("slide '" + title + "': layout '" + s.getSlideLayout().getName()
                        + "' has no placeholder for the " + role.name().toLowerCase() + "; placed below the title");
            }
            if (withText && textHolder == null) {
                // One area for both: the visual takes the left 62%, the text a box on the right.
                double textWidth = area.getWidth() * 0.36;
                var box = s.createTextBox();
                box.setAnchor(new Rectangle2D.Double(area.getMaxX() - textWidth, area.getY(), textWidth,
                        area.getHeight()));
                textHolder = box;
                area = new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth() - textWidth - 12,
                        area.getHeight());
            }
            if (withText) {
                List<TextItem> page = besideVisual(items, textHolder.getAnchor(), slide.title());
                setText(textHolder, page, look.bodySize() * 0.85, look.bodyFont(), color(look.textColor()), false,
                        true, slide.title(), filled);
            }
            switch (visual) {
                case Chart chart -> chart(s, chart, area);
                case Table table -> table(s, table, area, slide.title());
                case Image image -> image(s, image, area);
                default -> throw new IllegalStateException("not a visual block: " + visual);
            }
            removeUnfilled(s, filled);
            notes(s, slide.notes());
        }
    }

    /** The items that fit beside a visual (slot budget and box height); the rest are dropped and reported. */
    private List<TextItem> besideVisual(List<TextItem> items, Rectangle2D box, String slideTitle) {
        List<TextItem> page = new ArrayList<>(items.subList(0, Math.min(items.size(), voice.maxBulletsPerSlide())));
        double smallest = look.bodySize() * 0.85 * MIN_SHRINK;
        int available = TextBudget.linesAvailable(box.getHeight(), smallest);
        while (page.size() > 1 && TextBudget.linesNeeded(texts(page), box.getWidth(), smallest) > available) {
            page.removeLast();
        }
        if (page.size() < items.size()) {
            warnings.add("slide '" + slideTitle + "': " + (items.size() - page.size())
                    + " bullets beside the visual dropped (slot budget " + voice.maxBulletsPerSlide()
                    + " and box size)");
        }
        return page;
    }

    private Rectangle2D belowTitle(XSLFSlide slide) {
        XSLFTextShape title = placeholder(slide, Placeholder.TITLE, Placeholder.CENTERED_TITLE);
        double top = title == null ? 40 : title.getAnchor().getMaxY() + 10;
        double width = show.getPageSize().getWidth();
        double height = show.getPageSize().getHeight();
        return new Rectangle2D.Double(width * 0.05, top, width * 0.9, Math.max(60, height - top - height * 0.06));
    }

    private void chart(XSLFSlide slide, Chart chart, Rectangle2D area) {
        XSLFChart target = show.createChart();
        XddfChartWriter.write(target, chart, look, XddfChartWriter.embedded(target, created), true, direction);
        slide.addChart(target, new Rectangle2D.Double(Units.toEMU(area.getX()), Units.toEMU(area.getY()),
                Units.toEMU(area.getWidth()), Units.toEMU(area.getHeight())));
    }

    /** A picture inside {@code area}, as large as fits with its aspect ratio kept, centred. */
    private void image(XSLFSlide slide, Image image, Rectangle2D area) {
        XSLFPictureData data = show.addPicture(image.data(),
                image.format() == Image.Format.PNG ? PictureData.PictureType.PNG : PictureData.PictureType.JPEG);
        XSLFPictureShape picture = slide.createPicture(data);
        double width = area.getWidth();
        double height = width * image.aspectRatio();
        if (height > area.getHeight()) {
            height = area.getHeight();
            width = height / image.aspectRatio();
        }
        picture.setAnchor(new Rectangle2D.Double(area.getX() + (area.getWidth() - width) / 2,
                area.getY() + (area.getHeight() - height) / 2, width, height));
        var properties = ((org.openxmlformats.schemas.presentationml.x2006.main.CTPicture) picture.getXmlObject())
                .getNvPicPr().getCNvPr();
        properties.setDescr(image.altText());
        properties.setName(image.caption().isBlank() ? image.altText() : image.caption());
    }

    private void table(XSLFSlide slide, Table table, Rectangle2D area, String slideTitle) {
        double fontSize = Math.max(10, look.bodySize() * 0.6);
        double rowHeight = fontSize * 2;
        int totalsRows = table.totalsRow() && !table.rows().isEmpty() ? 1 : 0;
        int maxRows = Math.max(1, (int) (area.getHeight() / rowHeight) - 2 - totalsRows);
        List<List<Object>> rows = table.rows();
        if (rows.size() > maxRows) {
            warnings.add("slide '" + slideTitle + "': table cut to its first " + maxRows + " of " + rows.size()
                    + " rows to fit");
            rows = rows.subList(0, maxRows);
        }
        XSLFTable t = slide.createTable();
        PptxDirection.apply(t, direction);
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
        if (totalsRows > 0) {
            totalsRow(t.addRow(), table, rows.size(), fontSize);
        }
        for (int c = 0; c < columns; c++) {
            t.setColumnWidth(c, area.getWidth() / columns);
        }
        t.setAnchor(new Rectangle2D.Double(area.getX(), area.getY(), area.getWidth(),
                rowHeight * (rows.size() + 1 + totalsRows)));
    }

    /**
     * The totals row, each column aggregated as the model says. It covers the whole table: when the slide shows
     * only the first rows, the label says so, since the shown rows would not add up to it.
     */
    private void totalsRow(XSLFTableRow row, Table table, int shownRows, double fontSize) {
        for (int c = 0; c < table.columns().size(); c++) {
            String text = c == 0 && shownRows < table.rows().size()
                    ? "Total of all " + table.rows().size() + " rows" : TextFormat.totalCell(table, c);
            styleCell(row.addCell(), text, fontSize, true, color(look.textColor()), new Color(0xE4E8EE),
                    table.columns().get(c).type() == Table.ColumnType.NUMBER);
        }
    }

    private void styleCell(XSLFTableCell cell, String text, double fontSize, boolean bold, Color textColor,
                           Color fill, boolean right) {
        cell.clearText();
        XSLFTextParagraph p = cell.addNewTextParagraph();
        p.setTextAlign(right ? TextParagraph.TextAlign.RIGHT : TextParagraph.TextAlign.LEFT);
        PptxDirection.apply(p, text, direction);
        XSLFTextRun run = p.addNewTextRun();
        run.setText(text);
        run.setFontSize(fontSize);
        run.setFontFamily(look.bodyFont());
        run.setBold(bold);
        run.setFontColor(textColor);
        cell.setFillColor(fill);
    }

    private void title(XSLFSlide s, String title, Set<XSLFTextShape> filled) {
        setText(placeholder(s, Placeholder.TITLE, Placeholder.CENTERED_TITLE), List.of(TextItem.plain(title)),
                look.headingSize(1), look.headingFont(), color(look.primaryColor()), true, false, title, filled);
    }

    /**
     * Fills a text shape; shrinks the font down to {@link #MIN_SHRINK} of the Skill's size if the estimate says
     * the text would overflow, and reports the shrink. Font and colour are applied only without a template.
     */
    private void setText(XSLFTextShape shape, List<TextItem> items, double size, String font, Color textColor,
                         boolean bold, boolean bullets, String slideTitle, Set<XSLFTextShape> filled) {
        if (shape == null) {
            warnings.add("slide '" + slideTitle + "': layout has no placeholder for its text");
            return;
        }
        filled.add(shape);
        Rectangle2D box = shape.getAnchor();
        double fontSize = size;
        List<String> texts = texts(items);
        while (fontSize > size * MIN_SHRINK + 1e-9
                && TextBudget.linesNeeded(texts, box.getWidth(), fontSize)
                > TextBudget.linesAvailable(box.getHeight(), fontSize)) {
            fontSize = Math.max(size * MIN_SHRINK, fontSize - 1);
        }
        if (fontSize < size) {
            warnings.add("slide '" + slideTitle + "': text shrunk from " + size + " to "
                    + Math.round(fontSize * 10) / 10.0 + " pt to fit");
        }
        shape.clearText();
        shape.setWordWrap(true);
        for (TextItem item : items) {
            XSLFTextParagraph p = shape.addNewTextParagraph();
            if (styled) {
                p.setBullet(bullets);
            }
            if (item.level() > 0) {
                p.setIndentLevel(Math.min(item.level(), 4));
            }
            PptxDirection.apply(p, item.text(), direction);
            for (Run run : item.runs()) {
                XSLFTextRun r = p.addNewTextRun();
                r.setText(run.text());
                r.setFontSize(fontSize);
                if (styled) {
                    r.setFontFamily(font);
                    r.setFontColor(textColor);
                }
                if (bold || run.bold()) {
                    r.setBold(true);
                }
                if (run.italic()) {
                    r.setItalic(true);
                }
                if (run.code()) {
                    r.setFontFamily(CODE_FONT);
                }
                if (run.hasLink()) {
                    r.createHyperlink().setAddress(run.link());
                }
            }
        }
    }

    /** Placeholders the slide's layout brought that nothing filled would show "Click to add text": remove them. */
    private static void removeUnfilled(XSLFSlide slide, Set<XSLFTextShape> filled) {
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            if (!filled.contains(shape)) {
                slide.removeShape(shape);
            }
        }
    }

    /** Body and content placeholders, left to right then top to bottom. */
    private static List<XSLFTextShape> contentHolders(XSLFSlide slide) {
        Set<XSLFTextShape> found = new LinkedHashSet<>();
        for (XSLFTextShape shape : slide.getPlaceholders()) {
            Placeholder type = shape.getPlaceholder();
            if (type == Placeholder.BODY || type == Placeholder.CONTENT) {
                found.add(shape);
            }
        }
        List<XSLFTextShape> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingDouble((XSLFTextShape s) -> s.getAnchor().getX())
                .thenComparingDouble(s -> s.getAnchor().getY()));
        return sorted;
    }

    private static XSLFTextShape placeholder(XSLFSlide slide, Placeholder... types) {
        for (Placeholder type : types) {
            for (XSLFTextShape shape : slide.getPlaceholders()) {
                if (shape.getPlaceholder() == type) {
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
            Placeholder type = shape.getTextType();
            if (type == Placeholder.BODY) {
                shape.setText(notes);
                shape.getTextParagraphs().forEach(p -> PptxDirection.apply(p, p.getText(), direction));
            } else if (type != Placeholder.SLIDE_IMAGE) {
                // POI copies every placeholder of its default notes master onto the page, date and slide number
                // included, with their fields flattened into plain runs carrying the field's attributes (a date
                // frozen at "1.7.2013", "<#>" for the number, marked Czech): not valid DrawingML, and stale on a
                // printed notes page. PowerPoint's own notes pages hold the slide image and the notes; the master
                // still supplies the header, date and number when a user turns them on.
                notesSlide.removeShape(shape);
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
            case Image i -> i.caption().isBlank() ? i.altText() : i.caption();
            case PageBreak ignored -> "";
            case SectionBreak ignored -> "";
        };
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
