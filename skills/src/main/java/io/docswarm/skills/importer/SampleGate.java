package io.docswarm.skills.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Decides whether a file may be imported before any parser sees its content: it exists, is not empty or
 * absurdly large, is what its extension says, is not encrypted, and (for OOXML) opens as a package within
 * the zip-bomb limits.
 */
final class SampleGate {

    private SampleGate() {
    }

    /** Applies POI's zip-bomb guards (they are process-wide; we only ever make them stricter). */
    static synchronized void applyZipLimits(ImportLimits limits) {
        ZipSecureFile.setMinInflateRatio(Math.max(ZipSecureFile.getMinInflateRatio(), limits.minInflateRatio()));
        ZipSecureFile.setMaxEntrySize(Math.min(ZipSecureFile.getMaxEntrySize(), limits.maxEntryBytes()));
        ZipSecureFile.setMaxTextSize(Math.min(ZipSecureFile.getMaxTextSize(), limits.maxEntryBytes()));
    }

    /** The sample's format, or a refusal that says why it cannot be imported. */
    static SampleFormat check(Path file, ImportLimits limits) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new SampleRefusedException(name + ": no such file");
        }
        SampleFormat format = SampleFormat.ofFileName(name).orElseThrow(() -> new SampleRefusedException(name
                + ": unsupported file type (a sample is a .docx, .pptx, .xlsx or .pdf file)"));
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new SampleRefusedException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (size == 0) {
            throw new SampleRefusedException(name + ": the file is empty");
        }
        if (size > limits.maxFileBytes()) {
            throw new SampleRefusedException(String.format(Locale.ROOT,
                    "%s: too large (%.1f MB; samples may be at most %.1f MB)", name, size / 1048576.0,
                    limits.maxFileBytes() / 1048576.0));
        }
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(new BufferedInputStream(Files.newInputStream(file)))) {
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw new SampleRefusedException(name + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (format == SampleFormat.PDF) {
            if (magic != FileMagic.PDF) {
                throw new SampleRefusedException(name + ": named .pdf but is not a PDF (its content looks like "
                        + describe(magic) + ")");
            }
            return format;
        }
        if (magic == FileMagic.OLE2) {
            throw new SampleRefusedException(name + ": " + (isEncryptedOoxml(file)
                    ? "the document is encrypted (password protected); save a copy without a password and import that"
                    : "is a legacy binary Office file (.doc, .ppt or .xls); save it as ." + format.extension()
                    + " and import that"));
        }
        if (magic != FileMagic.OOXML) {
            throw new SampleRefusedException(name + ": named ." + format.extension()
                    + " but is not an Office Open XML package (its content looks like " + describe(magic) + ")");
        }
        applyZipLimits(limits);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            PackageRelationshipCollection main = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
            if (main.isEmpty()) {
                throw new SampleRefusedException(name + ": the package has no main document part (corrupt?)");
            }
            PackagePart part = pkg.getPart(main.getRelationship(0));
            String contentType = part == null ? null : part.getContentType();
            if (!format.matchesContentType(contentType)) {
                String actual = SampleFormat.ofContentType(contentType).map(f -> "a ." + f.extension() + " document")
                        .orElse("a package of type " + contentType);
                throw new SampleRefusedException(name + ": named ." + format.extension() + " but is " + actual
                        + " (macro-enabled files and templates are not imported; save as ." + format.extension() + ")");
            }
        } catch (SampleRefusedException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw Failures.refusal(name, e);
        }
        return format;
    }

    private static boolean isEncryptedOoxml(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            return fs.getRoot().hasEntryCaseInsensitive("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(FileMagic magic) {
        return switch (magic) {
            case OOXML -> "an Office Open XML (zip) package";
            case OLE2 -> "a legacy Office file";
            case PDF -> "a PDF";
            case HTML -> "HTML";
            case XML -> "XML";
            case RTF -> "RTF";
            case JPEG, GIF, PNG, TIFF, BMP, WMF, EMF -> "an image";
            default -> "unknown data";
        };
    }
}
