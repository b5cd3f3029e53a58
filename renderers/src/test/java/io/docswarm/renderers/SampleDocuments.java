package io.docswarm.renderers;

import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Chart;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Image;
import io.docswarm.renderers.model.PageBreak;
import io.docswarm.renderers.model.SectionBreak;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Quote;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A document that uses every block kind, in every format's part. */
final class SampleDocuments {

    static final String TITLE = "Regional Sales Review";

    private SampleDocuments() {
    }

    static Table salesTable() {
        return new Table("Revenue by region", List.of(Table.Column.text("Region"),
                Table.Column.number("Revenue", "#,##0"), Table.Column.number("Deals", "0"),
                new Table.Column("Closed", Table.ColumnType.DATE, "")),
                List.of(List.of("North", 125000.0, 14.0, LocalDate.of(2026, 3, 31)),
                        List.of("South", 98000.5, 11.0, LocalDate.of(2026, 3, 30)),
                        List.of("East", 143250.0, 17.0, LocalDate.of(2026, 3, 29)),
                        List.of("West", 0.0, 0.0, LocalDate.of(2026, 3, 28))),
                true);
    }

    static Chart salesChart(Chart.ChartType type) {
        List<Chart.Series> series = type == Chart.ChartType.PIE
                ? List.of(new Chart.Series("Revenue", List.of(125000.0, 98000.5, 143250.0, 0.0)))
                : List.of(new Chart.Series("Revenue", List.of(125000.0, 98000.5, 143250.0, 0.0)),
                new Chart.Series("Deals", List.of(14.0, 11.0, 17.0, 0.0)));
        return new Chart(type, "Revenue by region (" + type.name().toLowerCase() + ")",
                List.of("North", "South", "East", "West"), series, "EUR");
    }

    /** A small PNG drawn here (a bar and a circle), so tests need no image files. */
    static Image picture() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(400, 200,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, 400, 200);
        g.setColor(new java.awt.Color(0x1F4E79));
        g.fillRect(20, 120, 260, 40);
        g.setColor(new java.awt.Color(0xC55A11));
        g.fillOval(300, 40, 80, 80);
        g.dispose();
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Image.of(png.toByteArray(), "A blue bar and an orange circle", "Figure 1: Shapes");
    }

    static Document report() {
        List<Section> sections = new ArrayList<>();
        sections.add(new Section("Executive summary", 1, List.of(
                new Paragraph(List.of(Run.plain("Revenue grew in three of four regions. "),
                        Run.bold("East leads"), Run.plain(" with the largest deals."),
                        Run.cited(" Pipeline coverage is healthy.", "sources/pipeline.md, paragraph 2"))),
                new Quote("Our best quarter since the merger.", "Head of Sales"))));
        sections.add(new Section("Details", 1, List.of(
                BulletList.bullets(List.of("North held its share", "South recovered after January")),
                new BulletList(true, List.of(new BulletList.Item(List.of(Run.plain("Hire two account managers")),
                        List.of(new BulletList.Item(List.of(Run.plain("One in the East")), List.of()))))),
                new Paragraph(List.of(Run.plain("Run "), Run.code("docswarm run samples"), Run.plain(" or read the "),
                        Run.link("project notes", "https://example.org/docswarm"), Run.plain("."))),
                picture(),
                salesTable())));
        sections.add(new Section("Charts", 2, List.of(salesChart(Chart.ChartType.COLUMN),
                salesChart(Chart.ChartType.PIE), salesChart(Chart.ChartType.LINE))));
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            longText.append("Sentence number ").append(i).append(" of a long appendix that spans pages. ");
        }
        sections.add(new Section("Wide data", 2, List.of(new SectionBreak(SectionBreak.Orientation.LANDSCAPE),
                Paragraph.of("This part is printed landscape."), salesTable(),
                new SectionBreak(SectionBreak.Orientation.PORTRAIT))));
        sections.add(new Section("Appendix Ελληνικά Кириллица 日本語", 1, List.of(Paragraph.of(longText.toString()),
                new PageBreak(), Paragraph.of("東京は日本の首都です。北京是中国的首都。서울은 한국의 수도입니다. Mixed 中文 text."))));
        return new Document(metadata(), sections, List.of(), List.of());
    }

    static Document deck() {
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            many.add("Point " + i + ": a statement that is long enough to need wrapping on the slide body when "
                    + "drawn at the deck's body size, which tests fitting");
        }
        return new Document(metadata(), List.of(), List.of(
                new Slide(Slide.SlideRole.TITLE, TITLE, List.of(Paragraph.of("Q1 2026")), "Welcome everyone."),
                new Slide(Slide.SlideRole.SECTION, "Results", List.of(), ""),
                new Slide(Slide.SlideRole.CONTENT, "Highlights", List.of(BulletList.bullets(many)), "Go slowly."),
                new Slide(Slide.SlideRole.CHART, "Revenue", List.of(salesChart(Chart.ChartType.COLUMN),
                        BulletList.bullets(List.of("East leads"))), ""),
                new Slide(Slide.SlideRole.TABLE, "Table", List.of(salesTable()), ""),
                new Slide(Slide.SlideRole.PICTURE, "Picture", List.of(picture()), "Describe the shapes."),
                new Slide(Slide.SlideRole.CONTENT, "Two parts", List.of(Paragraph.of("Before the break"),
                        new PageBreak(), Paragraph.of("After the break")), ""),
                new Slide(Slide.SlideRole.CLOSING, "Thank you", List.of(), "")), List.of());
    }

    static Document workbook() {
        return new Document(metadata(), List.of(), List.of(), List.of(
                new Sheet("Sales", salesTable(), List.of(
                        new Sheet.DerivedColumn("Share of revenue", Sheet.DerivedKind.SHARE_OF_TOTAL, 1, "0.0%"),
                        new Sheet.DerivedColumn("Growth", Sheet.DerivedKind.GROWTH_FROM_PREVIOUS, 1, "0.0%")),
                        List.of(salesChart(Chart.ChartType.COLUMN)), List.of("From data/sales.csv"))));
    }

    static Document.DocumentMetadata metadata() {
        return new Document.DocumentMetadata(TITLE, "First quarter", "Docswarm tests", "en",
                Instant.parse("2026-04-01T09:00:00Z"));
    }
}
