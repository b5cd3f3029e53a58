package io.docswarm.engine.gguf;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The layout llama.cpp's {@code gguf-split} gives a model split into several files, as large models are
 * published: parts named {@code PREFIX-00001-of-00003.gguf}, {@code PREFIX-00002-of-00003.gguf}, ..., each a
 * GGUF file of its own holding some of the tensors; {@code split.no} (from 0), {@code split.count} and, in the
 * first part with the model's metadata, {@code split.tensors.count} (all parts' tensors).
 */
public final class GgufSplit {
    public static final String PART = "split.no";
    public static final String COUNT = "split.count";
    public static final String TENSOR_COUNT = "split.tensors.count";

    private GgufSplit() {
    }

    /** The file name of part {@code part} (from 0) of {@code count} after {@code prefix}, as gguf-split names it. */
    public static String partName(String prefix, int part, int count) {
        return String.format(Locale.ROOT, "%s-%05d-of-%05d.gguf", prefix, part + 1, count);
    }

    /** How many parts the model whose first file has {@code metadata} is split into; 1 for a whole file. */
    static int partCount(String source, GgufMetadata metadata) {
        int count = metadata.getInt(COUNT, 1);
        if (count < 1) {
            throw new GgufFormatException(source + ": " + COUNT + " = " + count + " is not a number of parts");
        }
        int part = metadata.getInt(PART, 0);
        if (count > 1 && part != 0) {
            throw new GgufFormatException(source + ": this is part " + (part + 1) + " of " + count
                    + " of a split model; open the first part, the file whose name ends in " + partName("", 0, count));
        }
        return count;
    }

    /** The path of part {@code part} of {@code count}, next to the first part {@code first}. */
    static Path partPath(Path first, int part, int count) {
        String name = first.getFileName().toString();
        String suffix = partName("", 0, count);
        if (!name.endsWith(suffix)) {
            throw new GgufFormatException(first + ": a split model's first part must be named PREFIX" + suffix
                    + " so that its other parts can be found");
        }
        return first.resolveSibling(partName(name.substring(0, name.length() - suffix.length()), part, count));
    }

    static void checkPart(String source, GgufMetadata metadata, int part, int count) {
        int no = metadata.getInt(PART, -1);
        int of = metadata.getInt(COUNT, -1);
        if (no != part || of != count) {
            throw new GgufFormatException(source + ": expected part " + (part + 1) + " of " + count + ", its metadata says "
                    + PART + " = " + no + ", " + COUNT + " = " + of);
        }
    }

    static void checkTensorCount(String source, GgufMetadata metadata, int found) {
        int expected = metadata.getInt(TENSOR_COUNT, found);
        if (expected != found) {
            throw new GgufFormatException(source + ": " + TENSOR_COUNT + " = " + expected + ", but the parts hold "
                    + found + " tensors");
        }
    }
}
