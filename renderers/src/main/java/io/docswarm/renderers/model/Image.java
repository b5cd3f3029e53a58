package io.docswarm.renderers.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A picture. Renderers scale it to the text width (never beyond the page) keeping its aspect ratio.
 *
 * @param data     the encoded picture, PNG or JPEG
 * @param format   which of the two it is (detected from the bytes)
 * @param widthPx  pixel width (read from the bytes)
 * @param heightPx pixel height (read from the bytes)
 * @param altText  what the picture shows, for readers who cannot see it (required)
 * @param caption  a caption shown under the picture; may be empty
 */
public record Image(byte[] data, Format format, int widthPx, int heightPx, String altText, String caption)
        implements Block {

    /** Encodings every renderer can embed as they are. */
    public enum Format {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpeg");

        private final String mediaType;
        private final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        public String mediaType() {
            return mediaType;
        }

        public String extension() {
            return extension;
        }
    }

    public Image {
        data = data == null ? new byte[0] : data.clone();
        altText = altText == null ? "" : altText.strip();
        caption = caption == null ? "" : caption.strip();
        if (altText.isEmpty()) {
            throw new IllegalArgumentException("image '" + caption + "' needs alt text");
        }
        if (widthPx <= 0 || heightPx <= 0) {
            throw new IllegalArgumentException("image '" + altText + "' has no size (" + widthPx + "x" + heightPx + ")");
        }
    }

    /**
     * Reads the format and size from {@code data}.
     *
     * @throws IllegalArgumentException when the bytes are not a readable PNG or JPEG
     */
    public static Image of(byte[] data, String altText, String caption) {
        Format format = detect(data, altText);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IllegalArgumentException("image '" + altText + "': no reader for its " + format + " data");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new Image(data, format, reader.getWidth(0), reader.getHeight(0), altText, caption);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("image '" + altText + "' is not a readable " + format + ": "
                    + e.getMessage(), e);
        }
    }

    private static Format detect(byte[] data, String altText) {
        if (data != null && data.length > 8 && (data[0] & 0xFF) == 0x89 && data[1] == 'P' && data[2] == 'N'
                && data[3] == 'G') {
            return Format.PNG;
        }
        if (data != null && data.length > 3 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xFF) == 0xD8) {
            return Format.JPEG;
        }
        throw new IllegalArgumentException("image '" + altText + "' is neither PNG nor JPEG");
    }

    /** The bytes (a copy: the record stays immutable). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Height over width. */
    public double aspectRatio() {
        return (double) heightPx / widthPx;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Image image && Arrays.equals(data, image.data) && altText.equals(image.altText)
                && caption.equals(image.caption);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + altText.hashCode();
    }

    @Override
    public String toString() {
        return "Image[" + format + " " + widthPx + "x" + heightPx + ", alt=" + altText + "]";
    }
}
