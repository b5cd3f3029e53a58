package io.docswarm.skills.importer;

import java.util.Locale;

/** Turns whatever a parser threw on a bad sample into one clear line. */
final class Failures {

    private Failures() {
    }

    static SampleRefusedException refusal(String fileName, Throwable e) {
        if (e instanceof SampleRefusedException refused) {
            return refused;
        }
        String detail = rootMessage(e);
        String lower = detail.toLowerCase(Locale.ROOT);
        String problem;
        if (lower.contains("zip bomb") || lower.contains("max entry size") || lower.contains("max text size")
                || lower.contains("exceeds the max")) {
            problem = "looks like a zip bomb (a part expands far beyond its compressed size or the size limit)";
        } else if (lower.contains("password") || lower.contains("encrypt")) {
            problem = "the document is encrypted (password protected); save a copy without a password and import that";
        } else if (e instanceof OutOfMemoryError) {
            problem = "too large to analyse within the memory limit";
        } else if (e instanceof StackOverflowError) {
            problem = "is corrupt (its structure nests without end)";
        } else {
            problem = "is corrupt or truncated and cannot be read (" + detail + ")";
        }
        return new SampleRefusedException(fileName + ": " + problem, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        String message = null;
        for (int depth = 0; root != null && depth < 20; depth++) {
            if (root.getMessage() != null && !root.getMessage().isBlank()) {
                message = root.getMessage();
            }
            if (root.getCause() == root) {
                break;
            }
            root = root.getCause();
        }
        String text = message == null ? e.getClass().getSimpleName() : message;
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
