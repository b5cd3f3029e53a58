package io.docswarm.skills.importer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.opc.TargetMode;

/**
 * Removes parts no relationship reaches any more. Removing slides or body content through POI drops the
 * relationships but can leave their images, charts and embedded workbooks in the zip: the sample's content
 * would ride along inside the "cleaned" template.
 */
final class OpcCleaner {

    private OpcCleaner() {
    }

    /** The package with unreachable parts removed, and the names of those parts. */
    record Result(byte[] bytes, List<String> removed) {
    }

    /** Relationship types that carry content (rather than styles, layout or settings). */
    private static final List<String> CONTENT_TYPES = List.of("/image", "/chart", "/hyperlink", "/oleObject",
            "/package", "/diagramData", "/diagramLayout", "/diagramQuickStyle", "/diagramColors", "/video",
            "/audio", "/media");
    private static final List<String> COMMENT_TYPES = List.of("/comments", "/commentsExtended", "/commentsIds",
            "/commentsExtensible", "/people");

    /**
     * Drops relationships to content that a part no longer refers to (after its content was removed) and to
     * comments, then removes every part nothing reaches.
     */
    static Result clean(byte[] packageBytes) throws IOException {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(packageBytes))) {
            for (PackagePart part : new ArrayList<>(pkg.getParts())) {
                if (part.isRelationshipPart() || !part.getContentType().endsWith("xml")) {
                    continue;
                }
                String xml = null;
                List<PackageRelationship> rels = new ArrayList<>();
                part.getRelationships().forEach(rels::add);
                for (PackageRelationship rel : rels) {
                    String type = rel.getRelationshipType();
                    if (COMMENT_TYPES.stream().anyMatch(type::endsWith)) {
                        part.removeRelationship(rel.getId());
                    } else if (CONTENT_TYPES.stream().anyMatch(type::endsWith)) {
                        if (xml == null) {
                            try (var in = part.getInputStream()) {
                                xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                            }
                        }
                        if (!xml.contains("\"" + rel.getId() + "\"")) {
                            part.removeRelationship(rel.getId());
                        }
                    }
                }
            }
            return prune(pkg, packageBytes.length);
        } catch (InvalidFormatException e) {
            throw new IOException("cannot clean the package: " + e.getMessage(), e);
        }
    }

    private static Result prune(OPCPackage pkg, int sizeHint) throws IOException, InvalidFormatException {
        {
            Set<String> reachable = new HashSet<>();
            Deque<PackagePart> pending = new ArrayDeque<>();
            for (PackageRelationship rel : pkg.getRelationships()) {
                enqueue(pkg, rel, reachable, pending);
            }
            while (!pending.isEmpty()) {
                PackagePart part = pending.pop();
                for (PackageRelationship rel : part.getRelationships()) {
                    enqueue(pkg, rel, reachable, pending);
                }
            }
            List<String> removed = new ArrayList<>();
            for (PackagePart part : new ArrayList<>(pkg.getParts())) {
                String name = part.getPartName().getName();
                if (!part.isRelationshipPart() && !reachable.contains(name)) {
                    removed.add(name);
                    pkg.removePart(part.getPartName());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
            pkg.save(out);
            return new Result(out.toByteArray(), removed);
        }
    }

    private static void enqueue(OPCPackage pkg, PackageRelationship rel, Set<String> reachable,
                                Deque<PackagePart> pending) throws InvalidFormatException {
        if (rel.getTargetMode() == TargetMode.EXTERNAL) {
            return;
        }
        PackagePartName target = PackagingURIHelper.createPartName(
                PackagingURIHelper.resolvePartUri(rel.getSourceURI(), rel.getTargetURI()));
        if (reachable.add(target.getName())) {
            PackagePart part = pkg.getPart(target);
            if (part != null) {
                pending.push(part);
            }
        }
    }
}
