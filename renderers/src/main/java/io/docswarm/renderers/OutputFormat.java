package io.docswarm.renderers;

import java.util.Locale;

/** The deliverable formats Docswarm renders. */
public enum OutputFormat {
    DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    PPTX("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    PDF("pdf", "application/pdf");

    private final String extension;
    private final String mediaType;

    OutputFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Parses a format name as written in job specs ({@code docx}, {@code pptx}, {@code xlsx}, {@code pdf}). */
    public static OutputFormat parse(String name) {
        for (OutputFormat format : values()) {
            if (format.extension.equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (expected docx, pptx, xlsx or pdf)");
    }
}
