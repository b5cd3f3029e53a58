package io.docswarm.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns generated tokens into text as they arrive. Byte-level vocabularies split multi-byte characters
 * (emoji, CJK) across tokens, so the bytes of an incomplete UTF-8 sequence at the end are held back until
 * the tokens that complete it arrive. Not thread-safe: one per generation.
 */
public final class StreamingDecoder {
    private final Tokenizer tokenizer;
    private final boolean renderSpecial;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private byte[] pending = new byte[0];

    StreamingDecoder(Tokenizer tokenizer, boolean renderSpecial) {
        this.tokenizer = tokenizer;
        this.renderSpecial = renderSpecial;
    }

    /** Adds a token; returns the text it completes (possibly empty). */
    public String accept(int token) {
        buffer.reset();
        buffer.write(pending, 0, pending.length);
        tokenizer.appendTokenBytes(token, renderSpecial, buffer);
        byte[] bytes = buffer.toByteArray();
        int complete = completePrefixLength(bytes);
        pending = Arrays.copyOfRange(bytes, complete, bytes.length);
        return new String(bytes, 0, complete, StandardCharsets.UTF_8);
    }

    /** Whether bytes of an unfinished character are held back. */
    public boolean hasPending() {
        return pending.length > 0;
    }

    /** Ends the stream: held-back bytes of an unfinished character come out as U+FFFD. */
    public String finish() {
        String rest = new String(pending, StandardCharsets.UTF_8);
        pending = new byte[0];
        return rest;
    }

    /**
     * The length of the longest prefix that does not end inside a UTF-8 sequence which later bytes could
     * still complete. Malformed bytes count as complete (they decode to U+FFFD rather than wait forever).
     */
    static int completePrefixLength(byte[] bytes) {
        int n = bytes.length;
        // A sequence is at most 4 bytes, so only the last 3 can start an unfinished one.
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for the lead byte
            }
            int needed = b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 && b < 0xF0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 1;
            return needed > back ? n - back : n;
        }
        return n;
    }
}
