package io.docswarm.engine.tokenizer;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's tokenizer: text to token ids and back, with llama.cpp's semantics.
 *
 * <p>Two families are supported: SentencePiece-style ({@code tokenizer.ggml.model = "llama"}, e.g. Mixtral)
 * and byte-level BPE ({@code "gpt2"}) with the pre-tokenizers of Qwen2/Qwen3 ({@code qwen2}), Llama-3
 * ({@code llama-bpe}), DeepSeek-V3 ({@code deepseek-v3}) and GPT-2/OLMoE ({@code gpt-2}, {@code olmo}).
 * Instances are immutable and safe to share between threads.
 */
public final class Tokenizer {
    /** Token texts llama.cpp treats as end-of-generation (and as control tokens) whatever the file says. */
    private static final List<String> END_OF_GENERATION_TEXTS = List.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>", "<|flush|>", "<|calls|>",
            "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>", "_<EOT>", "[EOT]", "[EOS]",
            "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>", "<|tool_response>",
            "<\uff5cend\u2581of\u2581sentence\uff5c>", "[e~[");
    /** Candidates for the end-of-turn token when the file names none, in preference order. */
    private static final List<String> END_OF_TURN_TEXTS = List.of(
            "<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<|end_of_text|>", "<EOT>",
            "_<EOT>", "[EOT]", "<\uff5cend\u2581of\u2581sentence\uff5c>", "<end_of_utterance>");
    /** Fill-in-the-middle tokens: llama.cpp makes them control tokens; pad, repo and file-separator also end generation. */
    private static final List<String> FIM_TEXTS = List.of(
            "<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>", "<\uff5cfim\u2581begin\uff5c>", "<PRE>", "\u2581<PRE>",
            "<|code_prefix|>", "<|prefix|>",
            "<|fim_suffix|>", "<fim-suffix>", "<fim_suffix>", "<\uff5cfim\u2581hole\uff5c>", "<SUF>", "\u2581<SUF>",
            "<|code_suffix|>", "<|suffix|>",
            "<|fim_middle|>", "<fim-middle>", "<fim_middle>", "<\uff5cfim\u2581end\uff5c>", "<MID>", "\u2581<MID>",
            "<|code_middle|>", "<|middle|>");
    private static final List<String> FIM_END_OF_GENERATION_TEXTS = List.of(
            "<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]",
            "<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>",
            "<|file_sep|>");
    private static final Set<String> NO_CLEAN_SPACES_PRE = Set.of("qwen2", "deepseek-r1-qwen", "deepseek-v3", "kimi-k2");
    private static final Set<String> LLAMA3_PRE = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "pixtral");

    private final String model;
    private final Vocabulary vocab;
    private final SpecialTokens special;
    private final boolean addSpacePrefix;
    private final boolean cleanSpaces;
    private final TextEncoder encoder;
    private final SpecialTokenSplitter splitter;
    /** The bytes of every token as printed with special tokens rendered. */
    private final byte[][] pieces;

    private Tokenizer(String model, Vocabulary vocab, SpecialTokens special, boolean addSpacePrefix,
                      boolean cleanSpaces, TextEncoder encoder) {
        this.model = model;
        this.vocab = vocab;
        this.special = special;
        this.addSpacePrefix = addSpacePrefix;
        this.cleanSpaces = cleanSpaces;
        this.encoder = encoder;
        this.splitter = new SpecialTokenSplitter(vocab);
        this.pieces = new byte[vocab.size()][];
        for (int id = 0; id < pieces.length; id++) {
            pieces[id] = renderPiece(id);
        }
    }

    /**
     * Builds a tokenizer from the tokenizer metadata of a model, applying llama.cpp's defaults for absent keys.
     *
     * @throws IllegalArgumentException for an unknown tokenizer model or pre-tokenizer, or inconsistent data
     */
    public static Tokenizer create(TokenizerSpec spec) {
        String pre = spec.pre() == null ? "" : spec.pre();
        Vocabulary vocab = promoteControlLookingTokens(spec.vocabulary());
        boolean spm;
        int bos;
        int eos;
        int unk;
        boolean addBos;
        boolean addSpacePrefix;
        boolean cleanSpaces;
        switch (spec.model()) {
            case "llama" -> {
                spm = true;
                bos = 1;
                eos = 2;
                unk = 0;
                addBos = true;
                addSpacePrefix = true;
                cleanSpaces = false;
            }
            case "gpt2" -> {
                spm = false;
                bos = 11;
                eos = 11;
                unk = -1;
                addBos = LLAMA3_PRE.contains(pre);
                addSpacePrefix = false;
                cleanSpaces = !NO_CLEAN_SPACES_PRE.contains(pre);
            }
            default -> throw new IllegalArgumentException("unsupported tokenizer model (tokenizer.ggml.model): '"
                    + spec.model() + "'; supported: llama (SentencePiece), gpt2 (byte-level BPE)");
        }
        int n = vocab.size();
        bos = resolve(spec.bosId(), bos, n, "bos_token_id");
        eos = resolve(spec.eosId(), eos, n, "eos_token_id");
        unk = resolve(spec.unkId(), unk, n, "unknown_token_id");
        int pad = resolve(spec.padId(), -1, n, "padding_token_id");
        int eom = resolve(spec.eomId(), -1, n, "eom_token_id");
        int eot = resolve(spec.eotId(), -1, n, "eot_token_id");
        if (eot < 0) {
            eot = END_OF_TURN_TEXTS.stream().mapToInt(vocab::id).filter(id -> id >= 0).findFirst().orElse(-1);
        }
        if (spec.addBos() != null) {
            addBos = spec.addBos();
        }
        boolean addEos = spec.addEos() != null && spec.addEos();
        if (spec.addSpacePrefix() != null) {
            addSpacePrefix = spec.addSpacePrefix();
        }
        if (addBos && bos < 0) {
            throw new IllegalArgumentException("tokenizer adds a BOS token but has no valid bos_token_id");
        }
        if (addEos && eos < 0) {
            throw new IllegalArgumentException("tokenizer adds an EOS token but has no valid eos_token_id");
        }

        Set<Integer> endOfGeneration = new LinkedHashSet<>();
        for (int id : new int[] {eos, eot, eom}) {
            if (id >= 0) {
                endOfGeneration.add(id);
            }
        }
        for (String text : END_OF_GENERATION_TEXTS) {
            addIfPresent(vocab, text, endOfGeneration);
        }
        for (String text : FIM_END_OF_GENERATION_TEXTS) {
            addIfPresent(vocab, text, endOfGeneration);
        }

        TextEncoder encoder;
        if (spm) {
            encoder = new SpmEncoder(vocab, addSpacePrefix);
        } else {
            if (spec.merges().isEmpty()) {
                throw new IllegalArgumentException("byte-level BPE tokenizer has no merges (tokenizer.ggml.merges)");
            }
            encoder = new BpeEncoder(vocab, PreTokenizer.forName(pre), spec.merges(), LLAMA3_PRE.contains(pre));
        }
        SpecialTokens special = new SpecialTokens(bos, eos, eot, eom, unk, pad, addBos, addEos, endOfGeneration);
        return new Tokenizer(spec.model(), vocab, special, addSpacePrefix, cleanSpaces, encoder);
    }

    /**
     * The tokenizer stored in a GGUF file's metadata ({@code tokenizer.ggml.*}).
     *
     * @throws io.docswarm.engine.gguf.GgufFormatException if the metadata has no or an inconsistent tokenizer
     * @throws IllegalArgumentException for a tokenizer model or pre-tokenizer this engine does not implement
     */
    public static Tokenizer fromGguf(GgufFile file) {
        return fromGguf(file.metadata());
    }

    public static Tokenizer fromGguf(GgufMetadata metadata) {
        return create(GgufTokenizerSpec.read(metadata));
    }

    private static void addIfPresent(Vocabulary vocab, String text, Set<Integer> ids) {
        int id = vocab.id(text);
        if (id >= 0) {
            ids.add(id);
        }
    }

    /** A key's id if present and in range (llama.cpp ignores an out-of-range one), else the default if in range. */
    private static int resolve(Integer fromFile, int fallback, int vocabSize, String key) {
        if (fromFile != null && fromFile >= 0 && fromFile < vocabSize) {
            return fromFile;
        }
        return fallback >= 0 && fallback < vocabSize ? fallback : -1;
    }

    /**
     * llama.cpp recognises end-of-turn and fill-in-the-middle tokens by their text and makes them control
     * tokens even when the file calls them normal or user-defined (a common conversion slip); this decides
     * whether they are matched without parse-special and whether they print, so it is reproduced here.
     */
    private static Vocabulary promoteControlLookingTokens(Vocabulary vocab) {
        Map<Integer, TokenType> changes = new HashMap<>();
        for (List<String> texts : List.of(END_OF_GENERATION_TEXTS, FIM_TEXTS, FIM_END_OF_GENERATION_TEXTS)) {
            for (String text : texts) {
                int id = vocab.id(text);
                if (id >= 0 && vocab.type(id) != TokenType.CONTROL) {
                    changes.put(id, TokenType.CONTROL);
                }
            }
        }
        return vocab.withTypes(changes);
    }

    /** "llama" or "gpt2". */
    public String model() {
        return model;
    }

    public Vocabulary vocabulary() {
        return vocab;
    }

    public SpecialTokens specialTokens() {
        return special;
    }

    /**
     * Tokenizes {@code text} the way a prompt is: BOS/EOS added as the model's metadata asks, and special
     * token texts such as {@code <|im_start|>} recognised (llama.cpp's {@code add_special = parse_special = true}).
     */
    public int[] encode(String text) {
        return encode(text, true, true);
    }

    /**
     * Tokenizes {@code text} (llama.cpp's {@code llama_tokenize}).
     *
     * @param addSpecial   add BOS/EOS if the model's metadata asks for them
     * @param parseSpecial recognise control tokens written out in the text; user-defined tokens are always recognised
     */
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        TokenIds out = new TokenIds();
        if (addSpecial && special.addBos()) {
            out.add(special.bos());
        }
        boolean afterSpecial = true; // SentencePiece: the first text fragment gets the space prefix too
        for (SpecialTokenSplitter.Fragment fragment : splitter.split(text, parseSpecial)) {
            if (fragment.isText()) {
                encoder.encode(fragment.text(), afterSpecial, out);
                afterSpecial = false;
            } else {
                out.add(fragment.token());
                afterSpecial = true;
            }
        }
        if (addSpecial && special.addEos()) {
            out.add(special.eos());
        }
        return out.toArray();
    }

    /**
     * The bytes a token prints as (llama.cpp's {@code token_to_piece}). Bytes, not text: a token can hold part
     * of a UTF-8 sequence; use {@link #newStreamingDecoder} to turn a token stream into text.
     *
     * @param renderSpecial whether control tokens print their text (otherwise they print nothing)
     */
    public byte[] tokenBytes(int id, boolean renderSpecial) {
        TokenType type = vocab.type(id);
        if (!renderSpecial && (type == TokenType.CONTROL || type == TokenType.UNKNOWN)) {
            return new byte[0];
        }
        return pieces[id].clone();
    }

    /** Appends a token's bytes without copying them. */
    void appendTokenBytes(int id, boolean renderSpecial, ByteArrayOutputStream out) {
        TokenType type = vocab.type(id);
        if (!renderSpecial && (type == TokenType.CONTROL || type == TokenType.UNKNOWN)) {
            return;
        }
        out.write(pieces[id], 0, pieces[id].length);
    }

    private byte[] renderPiece(int id) {
        String text = vocab.text(id);
        return switch (vocab.type(id)) {
            case CONTROL, UNKNOWN, USER_DEFINED -> text.getBytes(StandardCharsets.UTF_8);
            case NORMAL -> encoder.normalTokenBytes(text);
            case BYTE -> byteTokenValue(text);
            // llama.cpp prints unused and undefined tokens as nothing
            case UNUSED, UNDEFINED -> new byte[0];
        };
    }

    private byte[] byteTokenValue(String text) {
        if (text.length() == 6 && text.startsWith("<0x") && text.endsWith(">")) {
            try {
                return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
            } catch (NumberFormatException e) {
                // fall through: not a hex byte token after all
            }
        }
        return encoder.normalTokenBytes(text);
    }

    /** Detokenizes with special tokens neither removed nor rendered (llama.cpp's {@code llama_detokenize(.., false, false)}). */
    public String decode(int[] ids) {
        return decode(ids, false, false);
    }

    /**
     * Turns a whole token sequence into text (llama.cpp's {@code llama_detokenize}): the space SentencePiece
     * prefixes to the first word is removed, and for tokenizers that ask for it spaces before punctuation
     * and contractions are cleaned up (" ," becomes ",").
     *
     * @param removeSpecial drop a leading BOS and trailing EOS that the tokenizer would have added
     * @param renderSpecial print control tokens as their text
     */
    public String decode(int[] ids, boolean removeSpecial, boolean renderSpecial) {
        int from = 0;
        int to = ids.length;
        boolean removeSpace = addSpacePrefix;
        if (removeSpecial && special.addBos() && to > from && ids[from] == special.bos()) {
            removeSpace = false;
            from++;
        }
        if (removeSpecial && special.addEos() && to > from && ids[to - 1] == special.eos()) {
            to--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = from; i < to; i++) {
            int before = out.size();
            appendTokenBytes(ids[i], renderSpecial, out);
            if (removeSpace && out.size() > before) {
                out = stripOneLeadingSpace(out, before);
            }
            removeSpace = false;
        }
        byte[] bytes = out.toByteArray();
        if (cleanSpaces) {
            bytes = SpaceCleaner.clean(bytes);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteArrayOutputStream stripOneLeadingSpace(ByteArrayOutputStream out, int pieceStart) {
        byte[] bytes = out.toByteArray();
        if (bytes[pieceStart] != ' ') {
            return out;
        }
        ByteArrayOutputStream stripped = new ByteArrayOutputStream(bytes.length);
        stripped.write(bytes, 0, pieceStart);
        stripped.write(bytes, pieceStart + 1, bytes.length - pieceStart - 1);
        return stripped;
    }

    /** A decoder that turns generated tokens into text one at a time, holding back incomplete UTF-8. */
    public StreamingDecoder newStreamingDecoder(boolean renderSpecial) {
        return new StreamingDecoder(this, renderSpecial);
    }
}
