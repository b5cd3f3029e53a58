package io.docswarm.skills.importer;

import io.docswarm.skills.SkillKind;
import java.util.Locale;
import java.util.Optional;

/** The sample formats a Skill can be imported from. */
public enum SampleFormat {
    DOCX("docx", "wordprocessingml.document.main+xml", SkillKind.REPORT),
    PPTX("pptx", "presentationml.presentation.main+xml", SkillKind.DECK),
    XLSX("xlsx", "spreadsheetml.sheet.main+xml", SkillKind.WORKBOOK),
    PDF("pdf", null, SkillKind.REPORT);

    private final String extension;
    private final String mainContentTypeSuffix;
    private final SkillKind defaultKind;

    SampleFormat(String extension, String mainContentTypeSuffix, SkillKind defaultKind) {
        this.extension = extension;
        this.mainContentTypeSuffix = mainContentTypeSuffix;
        this.defaultKind = defaultKind;
    }

    public String extension() {
        return extension;
    }

    /** Kind of Skill a sample of this format gives unless its content says otherwise. */
    public SkillKind defaultKind() {
        return defaultKind;
    }

    /** Whether an OOXML main part content type belongs to this format. */
    boolean matchesContentType(String contentType) {
        return mainContentTypeSuffix != null && contentType != null && contentType.endsWith(mainContentTypeSuffix);
    }

    /** The format named by a file's extension. */
    public static Optional<SampleFormat> ofFileName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        for (SampleFormat format : values()) {
            if (format.extension.equals(ext)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The OOXML format whose main part has this content type. */
    static Optional<SampleFormat> ofContentType(String contentType) {
        for (SampleFormat format : values()) {
            if (format.matchesContentType(contentType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
