package io.docswarm.skills.importer;

import io.docswarm.skills.TextStyle;
import io.docswarm.skills.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ooxml.util.DocumentHelper;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The paragraph styles of a Word styles part with inheritance ({@code basedOn}) and theme fonts and colours
 * resolved, mapped to the roles a Skill knows (title, heading1..6, body ...).
 */
final class WordStyles {

    static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static final Pattern HEADING = Pattern.compile("(?:heading|überschrift|titre|título|titolo|kop)\\s*([1-6])");

    /** A style's properties after inheritance; null fields are unset. */
    record Props(String font, Double size, Boolean bold, Boolean italic, String color, Double before, Double after,
                 String jc, Integer outlineLevel) {
        Props over(Props base) {
            return new Props(font != null ? font : base.font, size != null ? size : base.size,
                    bold != null ? bold : base.bold, italic != null ? italic : base.italic,
                    color != null ? color : base.color, before != null ? before : base.before,
                    after != null ? after : base.after, jc != null ? jc : base.jc,
                    outlineLevel != null ? outlineLevel : base.outlineLevel);
        }
    }

    private record Raw(String id, String name, String basedOn, Props props, boolean isDefault) {
    }

    private final Map<String, Raw> byId = new LinkedHashMap<>();
    private final Map<String, Props> resolved = new HashMap<>();
    private final Theme theme;
    private Props defaults = new Props(null, null, null, null, null, null, null, null, null);
    private String defaultParagraphStyle;

    WordStyles(InputStream stylesXml, Theme theme) throws IOException {
        this.theme = theme;
        if (stylesXml == null) {
            return;
        }
        Element root;
        try {
            root = DocumentHelper.readDocument(stylesXml).getDocumentElement();
        } catch (SAXException e) {
            throw new IOException("styles part is not well-formed XML: " + e.getMessage(), e);
        }
        Element docDefaults = child(root, "docDefaults");
        if (docDefaults != null) {
            Props rpr = read(child(child(child(docDefaults, "rPrDefault"), "rPr"), null));
            Props ppr = read(child(child(docDefaults, "pPrDefault"), "pPr"));
            defaults = rpr.over(ppr);
        }
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element style && "style".equals(style.getLocalName())
                    && "paragraph".equals(attr(style, "type"))) {
                String id = attr(style, "styleId");
                boolean isDefault = "1".equals(attr(style, "default")) || "true".equals(attr(style, "default"));
                Props own = read(child(style, "rPr")).over(read(child(style, "pPr")));
                byId.put(id, new Raw(id, val(child(style, "name")), val(child(style, "basedOn")), own, isDefault));
                if (isDefault) {
                    defaultParagraphStyle = id;
                }
            }
        }
    }

    /** A style's resolved properties ({@code basedOn} chain and document defaults applied). */
    Props props(String styleId) {
        String id = styleId == null ? defaultParagraphStyle : styleId;
        if (id == null || !byId.containsKey(id)) {
            return defaults;
        }
        return resolved.computeIfAbsent(id, k -> resolve(k, 0));
    }

    private Props resolve(String id, int depth) {
        Raw raw = byId.get(id);
        if (raw == null || depth > 20) {
            return defaults;
        }
        Props base = raw.basedOn() == null || raw.basedOn().equals(id) ? defaults : resolve(raw.basedOn(), depth + 1);
        return raw.props().over(base);
    }

    /** The role a paragraph style plays: title, subtitle, heading1..6, body, caption, list or other. */
    String role(String styleId) {
        String id = styleId == null ? defaultParagraphStyle : styleId;
        Raw raw = id == null ? null : byId.get(id);
        String name = (raw == null || raw.name() == null ? String.valueOf(id) : raw.name()).toLowerCase(Locale.ROOT);
        String idLower = String.valueOf(id).toLowerCase(Locale.ROOT);
        Matcher heading = HEADING.matcher(name);
        if (heading.find()) {
            return "heading" + heading.group(1);
        }
        heading = HEADING.matcher(idLower);
        if (heading.find()) {
            return "heading" + heading.group(1);
        }
        if (name.equals("title") || idLower.equals("title")) {
            return "title";
        }
        if (name.equals("subtitle") || idLower.equals("subtitle")) {
            return "subtitle";
        }
        if (name.equals("caption")) {
            return "caption";
        }
        if (name.startsWith("list")) {
            return "list";
        }
        if (raw == null || raw.isDefault() || name.equals("normal") || name.contains("body")
                || name.equals("text body") || name.equals("default paragraph style")) {
            return "body";
        }
        Props p = props(id);
        if (p.outlineLevel() != null && p.outlineLevel() < 6) {
            return "heading" + (p.outlineLevel() + 1);
        }
        return "other";
    }

    /** The first style (in file order) playing {@code role}, as a Skill text style. */
    Optional<TextStyle> styleFor(String role) {
        for (Raw raw : byId.values()) {
            if (role(raw.id()).equals(role)) {
                Props p = props(raw.id());
                return Optional.of(new TextStyle(role, raw.name() == null ? raw.id() : raw.name(), p.font(),
                        p.size() == null ? 0 : p.size(), Boolean.TRUE.equals(p.bold()), Boolean.TRUE.equals(p.italic()),
                        p.color(), p.before() == null ? 0 : p.before(), p.after() == null ? 0 : p.after()));
            }
        }
        return Optional.empty();
    }

    /** The style id of the style with this display name (or id). */
    String idForName(String name) {
        for (Raw raw : byId.values()) {
            if (name.equals(raw.name()) || name.equals(raw.id())) {
                return raw.id();
            }
        }
        return null;
    }

    String defaultStyleId() {
        return defaultParagraphStyle;
    }

    private Props read(Element pr) {
        if (pr == null) {
            return new Props(null, null, null, null, null, null, null, null, null);
        }
        String font = null;
        Element fonts = child(pr, "rFonts");
        if (fonts != null) {
            font = attr(fonts, "ascii");
            String themeFont = attr(fonts, "asciiTheme");
            if (font == null && themeFont != null && theme != null) {
                font = themeFont.startsWith("major") ? theme.majorFont() : theme.minorFont();
            }
            if (font == null) {
                font = attr(fonts, "hAnsi");
            }
            if (font != null && font.isEmpty()) {
                font = null;
            }
        }
        Double size = number(val(child(pr, "sz")), 2);
        Boolean bold = onOff(child(pr, "b"));
        Boolean italic = onOff(child(pr, "i"));
        String color = null;
        Element c = child(pr, "color");
        if (c != null) {
            String themeColor = attr(c, "themeColor");
            if (themeColor != null && theme != null) {
                color = theme.colors().get(themeSlot(themeColor));
            }
            if (color == null) {
                color = Colors.hex(attr(c, "val"));
            }
        }
        Element spacing = child(pr, "spacing");
        Double before = spacing == null ? null : number(attr(spacing, "before"), 20);
        Double after = spacing == null ? null : number(attr(spacing, "after"), 20);
        String jc = val(child(pr, "jc"));
        Double outline = number(val(child(pr, "outlineLvl")), 1);
        return new Props(font, size, bold, italic, color, before, after, jc,
                outline == null ? null : outline.intValue());
    }

    static String themeSlot(String wordThemeColor) {
        return switch (wordThemeColor) {
            case "text1", "dark1" -> "dk1";
            case "text2", "dark2" -> "dk2";
            case "background1", "light1" -> "lt1";
            case "background2", "light2" -> "lt2";
            case "hyperlink" -> "hlink";
            case "followedHyperlink" -> "folHlink";
            default -> wordThemeColor;
        };
    }

    private static Boolean onOff(Element e) {
        if (e == null) {
            return null;
        }
        String v = attr(e, "val");
        return v == null || !(v.equals("0") || v.equals("false") || v.equals("off"));
    }

    private static Double number(String text, double divisor) {
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text) / divisor;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        if (localName == null) {
            return parent;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static String attr(Element e, String localName) {
        if (e == null) {
            return null;
        }
        String v = e.getAttributeNS(W, localName);
        return v == null || v.isEmpty() ? null : v;
    }

    static String val(Element e) {
        return attr(e, "val");
    }
}
