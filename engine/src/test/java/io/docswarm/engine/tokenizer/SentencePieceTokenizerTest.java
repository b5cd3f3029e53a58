package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgufArray;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufWriter;
import io.docswarm.engine.reference.LlamaCppReference;
import io.docswarm.engine.reference.MiniJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SentencePiece-style ({@code llama}) tokenization: by hand on a tiny vocabulary, and against llama.cpp. */
class SentencePieceTokenizerTest {

    /** &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt;, 256 byte tokens, then the given pieces with the given scores. */
    static Vocabulary vocabulary(List<String> pieces, float[] pieceScores, List<String> userDefined) {
        List<String> texts = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<TokenType> types = new ArrayList<>(List.of(TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL));
        for (int b = 0; b < 256; b++) {
            texts.add(String.format("<0x%02X>", b));
            types.add(TokenType.BYTE);
        }
        float[] scores = new float[texts.size() + pieces.size() + userDefined.size()];
        for (int i = 0; i < pieces.size(); i++) {
            scores[texts.size()] = pieceScores[i];
            texts.add(pieces.get(i));
            types.add(TokenType.NORMAL);
        }
        for (String text : userDefined) {
            texts.add(text);
            types.add(TokenType.USER_DEFINED);
        }
        return new Vocabulary(texts, scores, types.toArray(TokenType[]::new));
    }

    private static final int BYTES = 3; // id of <0x00>

    @Test
    void highestScoringMergeWinsAndUnknownCharactersFallBackToBytes() {
        // "▁hello": ▁h (-5) and he/el/ll/lo compete; "ll" scores best, then "llo", then "▁he"...
        List<String> pieces = List.of("▁", "h", "e", "l", "o", "▁h", "ll", "llo", "he", "▁he", "▁hello", "el");
        float[] scores = {-1, -1, -1, -1, -1, -5, -2, -3, -4, -4.5f, -6, -1.5f};
        Tokenizer tokenizer = Tokenizer.create(TokenizerSpec.of("llama", null, vocabulary(pieces, scores, List.of()), null));
        int base = BYTES + 256;
        // "el" (-1.5) merges first: ▁ h el l o; then "ll" is no longer adjacent as a pair of single letters;
        // el+l = "ell" is not a token, so the best remaining is ▁h (-5): ▁h el l o -> no more merges.
        assertArrayEquals(new int[] {base + 5, base + 11, base + 3, base + 4},
                tokenizer.encode("hello", false, false));
        // 'é' is not in the vocabulary: its two UTF-8 bytes become byte tokens
        assertArrayEquals(new int[] {base, BYTES + 0xC3, BYTES + 0xA9}, tokenizer.encode("é", false, false));
    }

    @Test
    void spacePrefixBosAndSpecialTokens() {
        List<String> pieces = List.of("▁", "a", "b", "▁a", "▁b");
        Tokenizer tokenizer = Tokenizer.create(TokenizerSpec.of("llama", null,
                vocabulary(pieces, new float[] {-1, -1, -1, -1, -1}, List.of("<x>")), null));
        int base = BYTES + 256;
        int userToken = base + pieces.size();
        // defaults for "llama": BOS = 1 added, space prefix on, also after a special token
        assertArrayEquals(new int[] {1, base + 3, userToken, base + 4}, tokenizer.encode("a<x>b"));
        // parse-special off: the control token </s> is text, the user-defined <x> is still matched
        int[] asText = tokenizer.encode("</s><x>", false, false);
        assertTrue(Arrays.stream(asText).noneMatch(id -> id == 2) && asText[asText.length - 1] == userToken);
        assertArrayEquals(new int[] {base + 3, 2}, tokenizer.encode("a</s>", false, true));
        // decoding removes the prefixed space of the first token; llama_detokenize keeps it after a BOS
        assertEquals("a b", tokenizer.decode(tokenizer.encode("a b", false, false)));
        assertEquals(" a b", tokenizer.decode(tokenizer.encode("a b"), true, false));
        assertEquals("<s> a b", tokenizer.decode(tokenizer.encode("a b"), false, true));
        Tokenizer noPrefix = Tokenizer.create(TokenizerSpec.of("llama", null,
                vocabulary(pieces, new float[] {-1, -1, -1, -1, -1}, List.of()), null).withAddSpacePrefix(false));
        assertArrayEquals(new int[] {1, base + 1}, noPrefix.encode("a"));
    }

    @Test
    void missingByteTokenIsAClearError() {
        Vocabulary vocab = new Vocabulary(List.of("<unk>", "<s>", "</s>", "a"), null, null);
        Tokenizer tokenizer = Tokenizer.create(TokenizerSpec.of("llama", null, vocab, null).withAddSpacePrefix(false));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> tokenizer.encode("ab", false, false));
        assertTrue(e.getMessage().contains("<0x62>"), e.getMessage());
    }

    @Test
    void matchesLlamaCppOnARandomlyScoredVocabulary(@TempDir Path dir) throws Exception {
        LlamaCppReference.assumeInstalled();
        // Every 1-3 character substring of a small corpus, with random scores: many competing merges.
        String source = "the quick brown fox jumps over the lazy dog. hello world! 你好世界 naïve café";
        LinkedHashSet<String> pieceSet = new LinkedHashSet<>();
        String escaped = (" " + source).replace(' ', '▁');
        for (int len = 1; len <= 4; len++) {
            for (int i = 0; i + len <= escaped.length(); i++) {
                pieceSet.add(escaped.substring(i, i + len));
            }
        }
        List<String> pieces = new ArrayList<>(pieceSet);
        float[] scores = new float[pieces.size()];
        Random random = new Random(42);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -random.nextInt(20) - random.nextFloat(); // repeated integer parts: ties in rank order
        }
        Vocabulary vocab = vocabulary(pieces, scores, List.of("<tool>"));
        Path file = dir.resolve("spm.gguf");
        writeGguf(vocab, file);
        Tokenizer tokenizer;
        try (GgufFile gguf = GgufFile.open(file)) {
            tokenizer = Tokenizer.fromGguf(gguf);
        }
        List<String> corpus = List.of("the quick brown fox", "  two leading spaces", "hello world!\nnew line",
                "你好 world, 世界你好", "naïve café émoji 😀", "unknown: zyx QWERTY", "a<tool>b</s>c<s>d", "", " ",
                "jumps over\tthe lazy dog.");
        for (boolean parseSpecial : new boolean[] {false, true}) {
            List<int[]> expected = llamaCppIds(file, corpus, parseSpecial);
            for (int i = 0; i < corpus.size(); i++) {
                assertArrayEquals(expected.get(i), tokenizer.encode(corpus.get(i), false, parseSpecial),
                        "text " + Vocabulary.quote(corpus.get(i)) + ", parse special " + parseSpecial);
            }
        }
        for (String text : corpus) {
            if (!text.contains("<s>") && !text.contains("</s>") && !text.startsWith(" ")) {
                assertEquals(text, tokenizer.decode(tokenizer.encode(text, false, false)));
            }
        }
    }

    private static void writeGguf(Vocabulary vocab, Path file) throws Exception {
        int n = vocab.size();
        String[] texts = new String[n];
        float[] scores = new float[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            texts[i] = vocab.text(i);
            scores[i] = vocab.score(i);
            types[i] = vocab.type(i).id();
        }
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", "llama");
        w.putUint32("llama.context_length", 4096);
        w.putUint32("llama.embedding_length", 64);
        w.putUint32("llama.feed_forward_length", 128);
        w.putUint32("llama.block_count", 1);
        w.putUint32("llama.attention.head_count", 2);
        w.putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        w.putString("tokenizer.ggml.model", "llama");
        w.putArray("tokenizer.ggml.tokens", GgufArray.ofStrings(texts));
        w.putArray("tokenizer.ggml.scores", GgufArray.ofFloats(scores));
        w.putArray("tokenizer.ggml.token_type", GgufArray.ofInts(types));
        w.write(file);
    }

    @SuppressWarnings("unchecked")
    private static List<int[]> llamaCppIds(Path gguf, List<String> texts, boolean parseSpecial) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", "tokenizer-data/tokenize-vocab.mjs", gguf.toString()));
        if (parseSpecial) {
            cmd.add("--parse-special");
        }
        Map<String, Object> out = (Map<String, Object>) MiniJson.parse(
                LlamaCppReference.run(cmd, JsonStrings.array(texts)).trim());
        List<int[]> result = new ArrayList<>();
        for (Object row : (List<?>) out.get("ids")) {
            result.add(((List<?>) row).stream().mapToInt(o -> ((Double) o).intValue()).toArray());
        }
        return result;
    }
}
