package io.docswarm.renderers.model;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

/**
 * A stretch of text with one set of inline properties.
 *
 * @param text     the characters
 * @param bold     strong emphasis
 * @param italic   emphasis
 * @param code     inline code, set in a monospaced font
 * @param link     an absolute {@code http}, {@code https} or {@code mailto} address the text links to; empty for none
 * @param citation where the text comes from (a source file and location), rendered as a footnote or numbered
 *                 reference; empty for none
 */
public record Run(String text, boolean bold, boolean italic, boolean code, String link, String citation)
        implements Serializable {

    private static final Set<String> LINK_SCHEMES = Set.of("http", "https", "mailto");

    public Run {
        text = text == null ? "" : text;
        citation = citation == null ? "" : citation;
        link = link == null ? "" : link.trim();
        if (!link.isEmpty()) {
            checkLink(link, text);
        }
    }

    /** A run with no code or link, as most drafted text is. */
    public Run(String text, boolean bold, boolean italic, String citation) {
        this(text, bold, italic, false, "", citation);
    }

    public static Run plain(String text) {
        return new Run(text, false, false, "");
    }

    public static Run bold(String text) {
        return new Run(text, true, false, "");
    }

    public static Run italic(String text) {
        return new Run(text, false, true, "");
    }

    public static Run code(String text) {
        return new Run(text, false, false, true, "", "");
    }

    public static Run link(String text, String address) {
        return new Run(text, false, false, false, address, "");
    }

    public static Run cited(String text, String citation) {
        return new Run(text, false, false, citation);
    }

    public boolean hasLink() {
        return !link.isEmpty();
    }

    public boolean hasCitation() {
        return !citation.isBlank();
    }

    /** Links end up in files people click: only absolute web and mail addresses are accepted. */
    private static void checkLink(String link, String text) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!LINK_SCHEMES.contains(scheme)) {
                throw new IllegalArgumentException("link of '" + text + "' must be an http, https or mailto address, was '"
                        + link + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("link of '" + text + "' is not a valid address: " + e.getMessage(), e);
        }
    }
}
