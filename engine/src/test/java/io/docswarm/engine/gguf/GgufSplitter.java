package io.docswarm.engine.gguf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a GGUF file into parts as llama.cpp's {@code gguf-split --split-max-tensors} does: every part gets
 * {@code split.no}, {@code split.count} (UINT16) and {@code split.tensors.count} (INT32), the first part also
 * all the model's metadata, and the tensors are dealt out in order. For tests of split models.
 */
public final class GgufSplitter {
    private GgufSplitter() {
    }

    /** Writes {@code whole}'s tensors into {@code parts} files next to {@code prefix}; returns their paths. */
    public static List<Path> split(Path whole, Path prefix, int parts) throws Exception {
        List<Path> out = new ArrayList<>();
        try (GgufFile file = GgufFile.open(whole)) {
            List<GgufTensor> tensors = file.tensors();
            int perPart = (tensors.size() + parts - 1) / parts;
            for (int part = 0; part < parts; part++) {
                GgufWriter w = new GgufWriter();
                w.put(GgufSplit.PART, GgufValue.ofUint16((short) part));
                w.put(GgufSplit.COUNT, GgufValue.ofUint16((short) parts));
                w.put(GgufSplit.TENSOR_COUNT, GgufValue.ofInt32(tensors.size()));
                if (part == 0) {
                    file.metadata().asMap().forEach(w::put);
                }
                for (GgufTensor t : tensors.subList(Math.min(tensors.size(), part * perPart),
                        Math.min(tensors.size(), (part + 1) * perPart))) {
                    w.addTensor(t.name(), t.type(), t.dims(), () -> t.data().asByteBuffer());
                }
                Path path = prefix.resolveSibling(GgufSplit.partName(prefix.getFileName().toString(), part, parts));
                w.write(path);
                out.add(path);
            }
        }
        return out;
    }
}
