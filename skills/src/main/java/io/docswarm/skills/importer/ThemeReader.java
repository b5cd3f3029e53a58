package io.docswarm.skills.importer;

import io.docswarm.skills.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.poi.ooxml.util.DocumentHelper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads a DrawingML theme part ({@code theme1.xml}): the same part in Word, PowerPoint and Excel files.
 * Parsed with POI's hardened XML parser (no external entities).
 */
final class ThemeReader {

    static final String DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main";

    private ThemeReader() {
    }

    static Theme read(InputStream in) throws IOException {
        Document xml;
        try {
            xml = DocumentHelper.readDocument(in);
        } catch (SAXException e) {
            throw new IOException("theme part is not well-formed XML: " + e.getMessage(), e);
        }
        Element root = xml.getDocumentElement();
        Map<String, String> colors = new LinkedHashMap<>();
        Element scheme = first(root, "clrScheme");
        if (scheme != null) {
            for (Node slot = scheme.getFirstChild(); slot != null; slot = slot.getNextSibling()) {
                if (slot instanceof Element e) {
                    String value = colorOf(e);
                    if (value != null) {
                        colors.put(e.getLocalName(), value);
                    }
                }
            }
        }
        return new Theme(root.getAttribute("name"), colors, latinOf(first(root, "majorFont")),
                latinOf(first(root, "minorFont")));
    }

    private static String colorOf(Element slot) {
        Element srgb = first(slot, "srgbClr");
        if (srgb != null) {
            return Colors.hex(srgb.getAttribute("val"));
        }
        Element sys = first(slot, "sysClr");
        if (sys != null) {
            String last = Colors.hex(sys.getAttribute("lastClr"));
            if (last != null) {
                return last;
            }
            return "windowText".equals(sys.getAttribute("val")) ? "000000" : "FFFFFF";
        }
        return null;
    }

    private static String latinOf(Element font) {
        Element latin = font == null ? null : first(font, "latin");
        return latin == null ? "" : latin.getAttribute("typeface");
    }

    private static Element first(Element parent, String localName) {
        NodeList nodes = parent.getElementsByTagNameNS(DRAWINGML, localName);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }
}
