package io.docswarm.engine.tokenizer;

/**
 * Token types as stored in {@code tokenizer.ggml.token_type} (llama.cpp's {@code llama_token_type}).
 *
 * <p>They decide how a token is treated: {@link #CONTROL} and {@link #USER_DEFINED} tokens are matched
 * verbatim in the input before the subword algorithm runs, {@link #BYTE} tokens ({@code <0xNN>}) stand for
 * one raw byte, and control tokens print nothing unless special tokens are rendered.
 */
public enum TokenType {
    UNDEFINED(0),
    NORMAL(1),
    UNKNOWN(2),
    CONTROL(3),
    USER_DEFINED(4),
    UNUSED(5),
    BYTE(6);

    private final int id;

    TokenType(int id) {
        this.id = id;
    }

    /** The number used in GGUF files. */
    public int id() {
        return id;
    }

    /** Maps a GGUF token type number; unknown numbers become {@link #UNDEFINED}, as in llama.cpp. */
    public static TokenType fromId(int id) {
        for (TokenType type : values()) {
            if (type.id == id) {
                return type;
            }
        }
        return UNDEFINED;
    }

    /** Whether the token is split out of raw text before tokenization (when parsing special tokens). */
    boolean isSpecial() {
        return this == CONTROL || this == USER_DEFINED || this == UNKNOWN;
    }
}
