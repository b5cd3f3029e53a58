package io.docswarm.agents.inputs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/** Bounded reads of input files, and library errors put in plain words without absolute paths. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * Reads at most {@code limit} bytes; a bigger file is refused with its size (counted without keeping it).
     *
     * @param what what the file is, for the message: {@code a source}, {@code a data file}
     */
    static byte[] readAtMost(String location, String origin, InputOpener opener, int limit, String what)
            throws IOException {
        try (InputStream in = opener.open(location)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length <= limit) {
                return bytes;
            }
            long size = bytes.length + in.transferTo(OutputStream.nullOutputStream());
            throw new InputException(origin + " is " + megabytes(size) + ", more than the " + megabytes(limit)
                    + " " + what + " may have", "path", what + " of at most " + megabytes(limit), null);
        }
    }

    /**
     * {@code in}, which fails with {@code tooBig} as soon as more than {@code limit} bytes have been read from it:
     * a file is refused while it is read, without reading it to its end or holding it.
     */
    static InputStream atMost(InputStream in, long limit, java.util.function.Supplier<InputException> tooBig) {
        return new java.io.FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                count(skipped);
                return skipped;
            }

            private void count(long n) {
                read += n;
                if (read > limit) {
                    throw tooBig.get();
                }
            }
        };
    }

    /** {@code 2.4 MB}, {@code 1 MB}: decimal megabytes, one decimal when not whole. */
    static String megabytes(long bytes) {
        double mb = bytes / 1_000_000.0;
        return (mb == Math.rint(mb) ? String.format(Locale.ROOT, "%.0f", mb) : String.format(Locale.ROOT, "%.1f", mb))
                + " MB";
    }

    /** What went wrong, in a short phrase that never shows the absolute {@code location}. */
    static String detail(Throwable e, String location, String origin) {
        if (e instanceof NoSuchFileException) {
            return "the file no longer exists";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        message = message.replace(location, origin).strip();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline).strip();
        }
        return message.length() > 200 ? message.substring(0, 197) + "..." : message;
    }
}
