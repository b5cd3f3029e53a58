package io.docswarm.skills.importer;

/** Flat OpenDocument sources that tests hand to LibreOffice; the values asserted on are constants here. */
final class FlatOdf {

    static final String HEADING1_COLOR = "1F4E79";
    static final String HEADING2_COLOR = "2E75B6";
    static final double HEADING1_SIZE = 18;
    static final double HEADING2_SIZE = 14;
    static final double BODY_SIZE = 10.5;
    static final String BODY_COLOR = "222222";
    static final String[] HEADINGS = {"Executive summary", "Market background", "Demand drivers", "The numbers",
            "Recommendations"};

    private FlatOdf() {
    }

    private static final String NS = """
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
            xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
            xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"
            xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
            xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
            xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
            xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
            xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
            """;

    /** A report: title, five level-1 headings with level-2 sub-headings, body text, a list, header and footer. */
    static String report() {
        StringBuilder body = new StringBuilder("<text:p text:style-name=\"Title\">Nordic Storage Market 2027</text:p>\n");
        for (int i = 0; i < HEADINGS.length; i++) {
            body.append("<text:h text:style-name=\"Heading_20_1\" text:outline-level=\"1\">").append(HEADINGS[i])
                    .append("</text:h>\n");
            body.append("<text:p text:style-name=\"Standard\">We reviewed 42 suppliers in four countries. Demand grew by "
                    + "12 percent in 2026 while prices held steady. Our analysis shows that grid operators drive most "
                    + "new orders. Households follow with smaller systems.</text:p>\n");
            body.append("<text:h text:style-name=\"Heading_20_2\" text:outline-level=\"2\">Detail ").append(i + 1)
                    .append("</text:h>\n");
            body.append("<text:p text:style-name=\"Standard\">We expect growth to continue through 2028. Installers "
                    + "report waiting lists of three months.</text:p>\n");
        }
        body.append("<text:list><text:list-item><text:p>Grid operators buy most capacity</text:p></text:list-item>"
                + "<text:list-item><text:p>Prices held steady through the year</text:p></text:list-item>"
                + "<text:list-item><text:p>Households add smaller systems each quarter</text:p></text:list-item>"
                + "</text:list>\n");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
                 <office:font-face-decls>
                  <style:font-face style:name="DejaVu Sans" svg:font-family="'DejaVu Sans'"/>
                  <style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'"/>
                 </office:font-face-decls>
                 <office:styles>
                  <style:style style:name="Standard" style:family="paragraph">
                   <style:paragraph-properties fo:text-align="justify"/>
                   <style:text-properties style:font-name="DejaVu Serif" fo:font-size="%.1fpt" fo:color="#%s"/>
                  </style:style>
                  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
                   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="28pt" fo:font-weight="bold" fo:color="#%s"/>
                  </style:style>
                  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
                     style:parent-style-name="Standard" style:default-outline-level="1">
                   <style:paragraph-properties fo:margin-top="12pt" fo:margin-bottom="6pt" fo:text-align="start"/>
                   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="%.0fpt" fo:font-weight="bold" fo:color="#%s"/>
                  </style:style>
                  <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
                     style:parent-style-name="Standard" style:default-outline-level="2">
                   <style:paragraph-properties fo:margin-top="9pt" fo:margin-bottom="3pt" fo:text-align="start"/>
                   <style:text-properties style:font-name="DejaVu Sans" fo:font-size="%.0fpt" fo:font-weight="bold" fo:color="#%s"/>
                  </style:style>
                 </office:styles>
                 <office:automatic-styles>
                  <style:page-layout style:name="pm1">
                   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="2cm"
                      fo:margin-bottom="2cm" fo:margin-left="2.5cm" fo:margin-right="2cm"/>
                  </style:page-layout>
                 </office:automatic-styles>
                 <office:master-styles>
                  <style:master-page style:name="Standard" style:page-layout-name="pm1">
                   <style:header><text:p>Acme Research</text:p></style:header>
                   <style:footer><text:p>Page <text:page-number text:select-page="current">1</text:page-number></text:p></style:footer>
                  </style:master-page>
                 </office:master-styles>
                 <office:body><office:text>
                %s
                 </office:text></office:body>
                </office:document>
                """.formatted(NS, BODY_SIZE, BODY_COLOR, HEADING1_COLOR, HEADING1_SIZE, HEADING1_COLOR, HEADING2_SIZE,
                HEADING2_COLOR, body).replace(",", ",").stripLeading();
    }

    static final String[] SLIDE_TITLES = {"Quarterly review", "Highlights", "Sales by region", "Risks", "Thank you"};

    /** A five-slide presentation: title slide, three slides with bullets, a closing slide. */
    static String deck() {
        StringBuilder pages = new StringBuilder();
        for (int i = 0; i < SLIDE_TITLES.length; i++) {
            boolean titleSlide = i == 0 || i == SLIDE_TITLES.length - 1;
            pages.append("<draw:page draw:name=\"p").append(i + 1).append("\" draw:master-page-name=\"Default\" "
                    + "presentation:presentation-page-layout-name=\"").append(titleSlide ? "AL1T0" : "AL2T1").append("\">\n");
            pages.append("<draw:frame draw:layer=\"layout\" presentation:class=\"title\" svg:x=\"1.4cm\" svg:y=\"0.8cm\" svg:width=\"25cm\" "
                    + "svg:height=\"3cm\"><draw:text-box><text:p>").append(SLIDE_TITLES[i])
                    .append("</text:p></draw:text-box></draw:frame>\n");
            if (!titleSlide) {
                pages.append("<draw:frame draw:layer=\"layout\" presentation:class=\"outline\" svg:x=\"1.4cm\" svg:y=\"4.2cm\" "
                        + "svg:width=\"25cm\" svg:height=\"10cm\"><draw:text-box><text:list>");
                for (int b = 0; b < 3 + i; b++) {
                    pages.append("<text:list-item><text:p>We grew revenue ").append(10 + b)
                            .append(" percent in region ").append(b + 1).append("</text:p></text:list-item>");
                }
                pages.append("</text:list></draw:text-box></draw:frame>\n");
            }
            pages.append("</draw:page>\n");
        }
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
                 <office:automatic-styles>
                  <style:page-layout style:name="PM1">
                   <style:page-layout-properties fo:margin-top="0cm" fo:margin-bottom="0cm" fo:margin-left="0cm"
                      fo:margin-right="0cm" fo:page-width="28cm" fo:page-height="15.75cm" style:print-orientation="landscape"/>
                  </style:page-layout>
                 </office:automatic-styles>
                 <office:master-styles>
                  <style:master-page style:name="Default" style:page-layout-name="PM1"/>
                 </office:master-styles>
                 <office:body><office:presentation>
                %s
                 </office:presentation></office:body>
                </office:document>
                """.formatted(NS, pages).stripLeading();
    }

    static final String[] SHEET_HEADERS = {"Region", "Revenue", "Cost", "Margin"};
    static final String CURRENCY_FORMAT_CODE = "€";

    /** A sheet with a title row, header row, four data rows with currency and percent formats, and a totals row. */
    static String workbook() {
        StringBuilder rows = new StringBuilder();
        String[] regions = {"North", "South", "East", "West"};
        for (int r = 0; r < regions.length; r++) {
            int row = r + 3;
            rows.append("<table:table-row>")
                    .append("<table:table-cell office:value-type=\"string\"><text:p>").append(regions[r])
                    .append("</text:p></table:table-cell>")
                    .append("<table:table-cell table:style-name=\"cur\" office:value-type=\"currency\" office:currency=\"EUR\" "
                            + "office:value=\"").append(1000 + 250 * r).append("\"/>")
                    .append("<table:table-cell table:style-name=\"cur\" office:value-type=\"currency\" office:currency=\"EUR\" "
                            + "office:value=\"").append(600 + 100 * r).append("\"/>")
                    .append("<table:table-cell table:style-name=\"pct\" table:formula=\"of:=([.B").append(row)
                    .append("]-[.C").append(row).append("])/[.B").append(row).append("]\" office:value-type=\"percentage\" "
                            + "office:value=\"0.4\"/>")
                    .append("</table:table-row>\n");
        }
        rows.append("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Total</text:p></table:table-cell>"
                + "<table:table-cell table:style-name=\"cur\" table:formula=\"of:=SUM([.B3:.B6])\" office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"5500\"/>"
                + "<table:table-cell table:style-name=\"cur\" table:formula=\"of:=SUM([.C3:.C6])\" office:value-type=\"currency\" office:currency=\"EUR\" office:value=\"3000\"/>"
                + "</table:table-row>\n");
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
                 <office:automatic-styles>
                  <number:currency-style style:name="N1">
                   <number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>
                   <number:text> </number:text><number:currency-symbol>€</number:currency-symbol>
                  </number:currency-style>
                  <number:percentage-style style:name="N2">
                   <number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/>
                   <number:text>%%</number:text>
                  </number:percentage-style>
                  <style:style style:name="cur" style:family="table-cell" style:data-style-name="N1"/>
                  <style:style style:name="pct" style:family="table-cell" style:data-style-name="N2"/>
                  <style:style style:name="head" style:family="table-cell">
                   <style:table-cell-properties fo:background-color="#1F4E79"/>
                   <style:text-properties fo:font-weight="bold" fo:color="#FFFFFF"/>
                  </style:style>
                  <style:style style:name="title" style:family="table-cell">
                   <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
                  </style:style>
                 </office:automatic-styles>
                 <office:body><office:spreadsheet>
                  <table:table table:name="Sales">
                   <table:table-row><table:table-cell table:style-name="title" office:value-type="string"><text:p>Sales 2026</text:p></table:table-cell></table:table-row>
                   <table:table-row>%s</table:table-row>
                %s
                  </table:table>
                  <table:table table:name="Notes">
                   <table:table-row><table:table-cell office:value-type="string"><text:p>Source</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Comment</text:p></table:table-cell></table:table-row>
                   <table:table-row><table:table-cell office:value-type="string"><text:p>ERP</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="3"/></table:table-row>
                  </table:table>
                 </office:spreadsheet></office:body>
                </office:document>
                """.formatted(NS, headerCells(), rows).stripLeading();
    }

    private static String headerCells() {
        StringBuilder sb = new StringBuilder();
        for (String h : SHEET_HEADERS) {
            sb.append("<table:table-cell table:style-name=\"head\" office:value-type=\"string\"><text:p>").append(h)
                    .append("</text:p></table:table-cell>");
        }
        return sb.toString();
    }
}
