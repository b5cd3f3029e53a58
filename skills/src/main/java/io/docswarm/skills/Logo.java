package io.docswarm.skills;

import java.io.Serializable;

/**
 * A logo or other brand image of the sample, kept as a file inside the Skill package.
 *
 * @param file        file name inside the package, e.g. {@code logo-1.png}
 * @param contentType MIME type, e.g. {@code image/png}
 * @param placement   where the sample shows it: {@code header}, {@code footer}, {@code master}, {@code layout},
 *                    {@code sheet} or {@code page}
 * @param widthPt     displayed width, 0 when unknown
 * @param heightPt    displayed height, 0 when unknown
 */
public record Logo(String file, String contentType, String placement, double widthPt, double heightPt)
        implements Serializable {

    public Logo {
        if (file == null || !file.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") || file.contains("..")) {
            throw new IllegalArgumentException("logo file must be a plain file name, was " + file);
        }
        contentType = contentType == null ? "application/octet-stream" : contentType;
        placement = placement == null ? "page" : placement;
    }
}
