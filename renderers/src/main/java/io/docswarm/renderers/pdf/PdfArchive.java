package io.docswarm.renderers.pdf;

import io.docswarm.renderers.model.Document;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.graphics.color.PDOutputIntent;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.AdobePDFSchema;
import org.apache.xmpbox.schema.DublinCoreSchema;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.schema.XMPBasicSchema;
import org.apache.xmpbox.type.BadFieldValueException;
import org.apache.xmpbox.xml.XmpSerializer;

/**
 * What makes our PDFs PDF/A-2b (archival): an sRGB output intent (the ICC profile ships with every JVM), XMP
 * metadata that repeats the document information (title, author, subject, language, dates, producer) and
 * declares the PDF/A part and conformance, and the document language. Fonts are embedded by {@link PdfFonts},
 * annotations are marked printable where they are made.
 */
final class PdfArchive {

    static final String PRODUCER = "Docswarm (Apache PDFBox)";
    static final String CREATOR = "Docswarm";
    private static final String SRGB = "sRGB IEC61966-2.1";

    private PdfArchive() {
    }

    static void apply(PDDocument pdf, Document document) throws IOException {
        Document.DocumentMetadata meta = document.metadata();
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(meta.created().toEpochMilli());
        PDDocumentInformation info = pdf.getDocumentInformation();
        info.setTitle(meta.title());
        info.setAuthor(meta.author());
        if (!meta.subtitle().isBlank()) {
            info.setSubject(meta.subtitle());
        }
        info.setCreator(CREATOR);
        info.setProducer(PRODUCER);
        info.setCreationDate(created);
        info.setModificationDate(created);
        pdf.getDocumentCatalog().setLanguage(meta.language());
        pdf.getDocumentCatalog().setMetadata(xmp(pdf, meta, created));
        outputIntent(pdf);
    }

    private static PDMetadata xmp(PDDocument pdf, Document.DocumentMetadata meta, Calendar created)
            throws IOException {
        XMPMetadata xmp = XMPMetadata.createXMPMetadata();
        DublinCoreSchema dc = xmp.createAndAddDublinCoreSchema();
        dc.setTitle(meta.title());
        dc.addCreator(meta.author());
        dc.addLanguage(meta.language());
        dc.setFormat("application/pdf");
        if (!meta.subtitle().isBlank()) {
            dc.setDescription(meta.subtitle());
        }
        AdobePDFSchema adobe = xmp.createAndAddAdobePDFSchema();
        adobe.setProducer(PRODUCER);
        XMPBasicSchema basic = xmp.createAndAddXMPBasicSchema();
        basic.setCreatorTool(CREATOR);
        basic.setCreateDate(created);
        basic.setModifyDate(created);
        basic.setMetadataDate(created);
        PDFAIdentificationSchema id = xmp.createAndAddPDFAIdentificationSchema();
        try {
            id.setPart(2);
            id.setConformance("B");
        } catch (BadFieldValueException e) {
            throw new IllegalStateException("PDF/A identification rejected", e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new XmpSerializer().serialize(xmp, bytes, true);
        } catch (javax.xml.transform.TransformerException e) {
            throw new IOException("cannot write XMP metadata", e);
        }
        PDMetadata metadata = new PDMetadata(pdf);
        metadata.importXMPMetadata(bytes.toByteArray());
        return metadata;
    }

    private static void outputIntent(PDDocument pdf) throws IOException {
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        PDOutputIntent intent = new PDOutputIntent(pdf, new ByteArrayInputStream(profile));
        intent.setInfo(SRGB);
        intent.setOutputCondition(SRGB);
        intent.setOutputConditionIdentifier(SRGB);
        intent.setRegistryName("http://www.color.org");
        pdf.getDocumentCatalog().addOutputIntent(intent);
    }
}
