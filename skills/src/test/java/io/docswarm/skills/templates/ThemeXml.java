package io.docswarm.skills.templates;

import java.util.List;

/**
 * A DrawingML theme part ({@code theme1.xml}) with our colour and font scheme: the same part serves Word,
 * PowerPoint and Excel, so every built-in template carries its look as a real Office theme.
 *
 * @param name    theme name
 * @param dark1   main text colour
 * @param dark2   brand (primary) colour
 * @param light2  a light tint for backgrounds
 * @param accents six accent colours, the chart palette in order
 * @param major   heading font
 * @param minor   body font
 */
record ThemeXml(String name, String dark1, String dark2, String light2, List<String> accents, String major,
                String minor) {

    ThemeXml {
        if (accents.size() != 6) {
            throw new IllegalArgumentException("a theme has six accents, got " + accents);
        }
    }

    String xml() {
        StringBuilder colours = new StringBuilder();
        colours.append(slot("dk1", dark1)).append(slot("lt1", "FFFFFF")).append(slot("dk2", dark2))
                .append(slot("lt2", light2));
        for (int i = 0; i < 6; i++) {
            colours.append(slot("accent" + (i + 1), accents.get(i)));
        }
        colours.append(slot("hlink", accents.get(0))).append(slot("folHlink", accents.get(3)));
        String fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
        String line = "<a:ln w=\"%d\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">" + fill
                + "<a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"" + name + "\">"
                + "<a:themeElements><a:clrScheme name=\"" + name + "\">" + colours + "</a:clrScheme>"
                + "<a:fontScheme name=\"" + name + "\">"
                + "<a:majorFont><a:latin typeface=\"" + major + "\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>"
                + "<a:minorFont><a:latin typeface=\"" + minor + "\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont>"
                + "</a:fontScheme><a:fmtScheme name=\"" + name + "\">"
                + "<a:fillStyleLst>" + fill + fill + fill + "</a:fillStyleLst>"
                + "<a:lnStyleLst>" + String.format(line, 6350) + String.format(line, 12700) + String.format(line, 19050)
                + "</a:lnStyleLst>"
                + "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/>"
                + "</a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
                + "<a:bgFillStyleLst>" + fill + fill + fill + "</a:bgFillStyleLst>"
                + "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";
    }

    private static String slot(String slot, String hex) {
        return "<a:" + slot + "><a:srgbClr val=\"" + hex + "\"/></a:" + slot + ">";
    }
}
