package io.docswarm.skills.importer;

import io.docswarm.skills.FrontMatter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;
import org.apache.poi.ooxml.util.DocumentHelper;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTBody;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads a Word sample's front matter: whether it opens with a cover page or a title block, and whether it has a
 * contents list.
 *
 * <p>Contents: a {@code TOC} field anywhere in the body (simple, or complex with its instruction in
 * {@code instrText}), or a content control of Word's "Table of Contents" building-block gallery.
 *
 * <p>Cover: a content control from Word's "Cover Pages" gallery, or title content (any text or table) before the
 * first heading followed by a page break, a section break (e.g. a first section with its own "different first
 * page" holding only the title) or a paragraph set to start a new page, before anything else (a contents list)
 * follows. A page break in front of all text is no cover: it only moves the document down a page. Without such a
 * break the title is a block at the top of the first page, and the sections follow it there.
 */
final class FrontMatterReader {

    /** What was found, with the evidence in words for the import report. */
    record Found(FrontMatter frontMatter, String evidence) {
    }

    private final Function<String, String> roleOfStyle;
    private boolean sawTitle;
    private boolean coverDecided;
    private boolean cover;
    private String coverEvidence = "no page or section break between the title and the first heading";
    private boolean contents;
    private String contentsEvidence = "no TOC field or table-of-contents content control";
    private final StringBuilder instruction = new StringBuilder();

    /** @param roleOfStyle a paragraph style id's role, as {@link WordStyles#role} gives it ({@code heading1} ...) */
    private FrontMatterReader(Function<String, String> roleOfStyle) {
        this.roleOfStyle = roleOfStyle;
    }

    static Found read(CTBody body, Function<String, String> roleOfStyle) throws IOException {
        Element root;
        // XMLBeans' own DOM lacks DOM level 3 (getTextContent): walk a parsed copy of the body instead.
        try {
            root = DocumentHelper.readDocument(new ByteArrayInputStream(
                    body.xmlText().getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        } catch (SAXException e) {
            throw new IOException("the document body is not well-formed XML: " + e.getMessage(), e);
        }
        FrontMatterReader reader = new FrontMatterReader(roleOfStyle);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                reader.block(e);
            }
        }
        return new Found(new FrontMatter(reader.cover, reader.contents),
                (reader.cover ? "cover page (" : "title block on the first page (") + reader.coverEvidence + "); "
                        + (reader.contents ? "contents (" : "no contents (") + reader.contentsEvidence + ")");
    }

    /** A top-level block of the body: paragraph, table or content control. */
    private void block(Element e) {
        switch (e.getLocalName()) {
            case "p" -> paragraph(e);
            case "sdt" -> {
                String gallery = gallery(e);
                if ("Table of Contents".equalsIgnoreCase(gallery)) {
                    foundContents("a 'Table of Contents' content control");
                } else if ("Cover Pages".equalsIgnoreCase(gallery) && !coverDecided) {
                    // Word's own cover pages: a building block that fills the first page.
                    decideCover(true, "a 'Cover Pages' content control");
                }
                Element content = child(e, "sdtContent");
                for (Node n = content == null ? null : content.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element inner) {
                        block(inner);
                    }
                }
            }
            case "tbl" -> {
                scanFields(e);
                if (!coverDecided) {
                    sawTitle = true; // cover pages often lay out their title in a table
                }
            }
            default -> {
            }
        }
    }

    private void paragraph(Element p) {
        Element pPr = child(p, "pPr");
        boolean heading = roleOfStyle.apply(styleOf(pPr)).startsWith("heading");
        if (!coverDecided && pPr != null && child(pPr, "pageBreakBefore") != null && isOn(child(pPr, "pageBreakBefore"))) {
            decideCover(sawTitle, "the paragraph after the title starts a new page");
        }
        if (heading && !coverDecided) {
            decideCover(false, "");
        }
        walk(p);
        if (!coverDecided && pPr != null && child(pPr, "sectPr") != null && sawTitle) {
            decideCover(true, child(child(pPr, "sectPr"), "titlePg") != null
                    ? "a first section with a different first page holds the title" : "a section break follows the title");
        }
    }

    /** Runs, breaks and fields of a paragraph, in document order. */
    private void walk(Node node) {
        for (Node n = node.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            switch (e.getLocalName()) {
                case "pPr" -> {
                }
                case "t" -> {
                    if (!coverDecided && !e.getTextContent().isBlank()) {
                        sawTitle = true;
                    }
                }
                case "br" -> {
                    if (!coverDecided && sawTitle && "page".equals(e.getAttributeNS(WordStyles.W, "type"))) {
                        decideCover(true, "a page break follows the title");
                    }
                }
                case "fldSimple" -> {
                    if (isToc(e.getAttributeNS(WordStyles.W, "instr"))) {
                        foundContents("a TOC field");
                    }
                    walk(e);
                }
                case "fldChar" -> {
                    String type = e.getAttributeNS(WordStyles.W, "fldCharType");
                    if ("begin".equals(type)) {
                        instruction.setLength(0);
                    } else if ("separate".equals(type) || "end".equals(type)) {
                        if (isToc(instruction.toString())) {
                            foundContents("a TOC field");
                        }
                        instruction.setLength(0);
                    }
                }
                case "instrText" -> instruction.append(e.getTextContent());
                default -> walk(e);
            }
        }
    }

    /** Fields inside a table (rare, but a contents list may sit in a layout table). */
    private void scanFields(Element table) {
        boolean saw = sawTitle;
        boolean decided = coverDecided;
        coverDecided = true; // a table's breaks and text do not decide the cover here
        walk(table);
        coverDecided = decided;
        sawTitle = saw;
    }

    private void decideCover(boolean isCover, String evidence) {
        coverDecided = true;
        cover = isCover;
        if (isCover) {
            coverEvidence = evidence;
        }
    }

    private void foundContents(String evidence) {
        if (!contents) {
            contents = true;
            contentsEvidence = evidence;
        }
        // A contents list before the first heading ends the cover search: the title was on the contents' page.
        if (!coverDecided) {
            decideCover(false, "");
            coverEvidence = "the contents list follows the title without a break";
        }
    }

    private static boolean isToc(String instruction) {
        return instruction != null && instruction.strip().toUpperCase(Locale.ROOT).matches("TOC\\b.*");
    }

    /** The building-block gallery a content control comes from, e.g. "Table of Contents"; null for none. */
    private static String gallery(Element sdt) {
        Element gallery = child(child(child(sdt, "sdtPr"), "docPartObj"), "docPartGallery");
        return gallery == null ? null : gallery.getAttributeNS(WordStyles.W, "val");
    }

    private static String styleOf(Element pPr) {
        Element style = child(pPr, "pStyle");
        return style == null ? null : style.getAttributeNS(WordStyles.W, "val");
    }

    /** An on/off property: present without a value, or with a value other than false/0/off. */
    private static boolean isOn(Element property) {
        String val = property.getAttributeNS(WordStyles.W, "val");
        return val.isEmpty() || !(val.equals("false") || val.equals("0") || val.equals("off"));
    }

    private static Element child(Element parent, String localName) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
