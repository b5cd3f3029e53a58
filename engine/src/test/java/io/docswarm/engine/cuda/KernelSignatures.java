package io.docswarm.engine.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernels a CUDA source defines, read from the source, with their parameter kinds ('p' pointer, 'i' int,
 * 'l' long long, 'f' float): {@code extern "C" __global__} functions, and the kernels a macro defines
 * ({@code #define MATVEC(name, T, LAYOUT) extern "C" __global__ void name(...)}) at each of its uses
 * ({@code MATVEC(matvec_q4_k, GT_Q4_K, WARP_ROW)} at the start of a line).
 */
final class KernelSignatures {
    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\s*\\(([^)]*)\\)");
    private static final Pattern MACRO = Pattern.compile(
            "#define (\\w+)\\(name(?:, \\w+)+\\)\\s+extern \"C\" __global__ void name\\s*\\(([^)]*)\\)");

    private KernelSignatures() {
    }

    /** Name to parameter kinds, in source order. */
    static Map<String, String> of(Path source) {
        try {
            return parse(Files.readString(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> parse(String source) {
        String joined = source.replace("\r", "").replace("\\\n", " ");
        Map<String, String> found = new LinkedHashMap<>();
        Matcher k = KERNEL.matcher(joined);
        while (k.find()) {
            if (!k.group(1).equals("name")) { // a macro's parameter, not a kernel
                found.put(k.group(1), kinds(k.group(2)));
            }
        }
        Matcher m = MACRO.matcher(joined);
        while (m.find()) {
            String kinds = kinds(m.group(2));
            Matcher use = Pattern.compile("(?m)^" + m.group(1) + "\\((\\w+),").matcher(joined);
            while (use.find()) {
                found.put(use.group(1), kinds);
            }
        }
        return found;
    }

    private static String kinds(String parameters) {
        StringBuilder kinds = new StringBuilder();
        for (String p : parameters.split(",")) {
            // The type without qualifiers and the parameter's name.
            String t = p.replace("const", " ").replace("__restrict__", " ").trim();
            t = t.contains("*") ? "*" : t.substring(0, t.lastIndexOf(' ')).trim().replaceAll("\\s+", " ");
            kinds.append(switch (t) {
                case "*" -> 'p';
                case "int" -> 'i';
                case "long long" -> 'l';
                case "float" -> 'f';
                default -> throw new IllegalStateException("kernel parameter '" + p.trim() + "': type " + t
                        + " is not one the backend passes (pointer, int, long long, float)");
            });
        }
        return kinds.toString();
    }
}
