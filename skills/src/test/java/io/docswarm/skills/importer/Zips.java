package io.docswarm.skills.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads parts of an OOXML file directly (not through POI), so tests compare import results with the raw XML. */
final class Zips {

    private Zips() {
    }

    static List<String> entries(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            zip.stream().forEach(e -> names.add(e.getName()));
            return names;
        }
    }

    static String text(Path file, String entry) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Evaluates an XPath with local-name() tests over a part; returns the string values of the matches. */
    static List<String> xpath(Path file, String entry, String expression) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc;
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry(entry))) {
            doc = factory.newDocumentBuilder().parse(in);
        }
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(expression, doc, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getNodeValue() != null ? nodes.item(i).getNodeValue() : nodes.item(i).getTextContent());
        }
        return values;
    }

    static String one(Path file, String entry, String expression) throws Exception {
        List<String> values = xpath(file, entry, expression);
        if (values.isEmpty()) {
            throw new AssertionError("no match for " + expression + " in " + entry);
        }
        return values.getFirst();
    }
}
