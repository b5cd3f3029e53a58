package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufArray;
import io.docswarm.engine.gguf.GgufWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a GGUF model of a given {@link ModelShape} with random weights and a minimal SentencePiece-style
 * vocabulary (control tokens, 256 byte tokens, made-up word pieces): enough for llama.cpp and this engine
 * to load and run the same file. Used for the llama.cpp comparison tests and for benchmarks, where speed
 * does not depend on the weights' values.
 *
 * <p>Matrices are stored in the requested type; norms stay F32 as llama.cpp's quantizer leaves them. Each
 * tensor is generated and encoded only while the file is being written, so models larger than the heap
 * can be produced.
 */
public final class RandomModelWriter {
    private final ModelShape shape;
    private final GgmlType weightType;
    private final GgmlType moreBitsType;
    private final long seed;

    public RandomModelWriter(ModelShape shape, GgmlType weightType, long seed) {
        this(shape, weightType, weightType, seed);
    }

    /**
     * @param moreBitsType type for the tensors llama.cpp's _M recipes keep at more bits (output, attn_v,
     *     ffn_down): Q6_K with Q4_K weights gives a Q4_K_M-like file
     */
    public RandomModelWriter(ModelShape shape, GgmlType weightType, GgmlType moreBitsType, long seed) {
        this.shape = shape;
        this.weightType = weightType;
        this.moreBitsType = moreBitsType;
        this.seed = seed;
    }

    public void write(Path path) throws IOException {
        ModelShape s = shape;
        String arch = s.architecture().ggufName();
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", arch);
        w.putString("general.name", "docswarm random " + arch);
        w.putUint32(arch + ".context_length", s.contextLength());
        w.putUint32(arch + ".embedding_length", s.embeddingLength());
        w.putUint32(arch + ".block_count", s.blockCount());
        w.putUint32(arch + ".feed_forward_length", s.feedForwardLength());
        w.putUint32(arch + ".attention.head_count", s.headCount());
        w.putUint32(arch + ".attention.head_count_kv", s.headCountKv());
        w.putUint32(arch + ".attention.key_length", s.headDim());
        w.putUint32(arch + ".attention.value_length", s.headDim());
        w.putUint32(arch + ".rope.dimension_count", s.headDim());
        w.putFloat32(arch + ".rope.freq_base", 10000f);
        w.putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-6f);
        if (s.expertCount() > 0) {
            w.putUint32(arch + ".expert_count", s.expertCount());
            w.putUint32(arch + ".expert_used_count", s.expertUsedCount());
            if (s.architecture() == Architecture.QWEN3MOE) {
                w.putUint32(arch + ".expert_feed_forward_length", s.feedForwardLength());
            }
        }
        putVocabulary(w, s.vocabSize());

        int e = s.embeddingLength();
        int q = s.headCount() * s.headDim();
        int kv = s.headCountKv() * s.headDim();
        int ff = s.feedForwardLength();
        int n = 0;
        // Scales keep activations and logits O(1) through the layers.
        matrix(w, "token_embd.weight", ++n, 1.0f, e, s.vocabSize());
        norm(w, "output_norm.weight", ++n, e);
        tensor(w, "output.weight", ++n, moreBitsType, 1f / (float) Math.sqrt(e), 0f, new long[] {e, s.vocabSize()});
        for (int layer = 0; layer < s.blockCount(); layer++) {
            String b = "blk." + layer + ".";
            norm(w, b + "attn_norm.weight", ++n, e);
            matrix(w, b + "attn_q.weight", ++n, 1f / (float) Math.sqrt(e), e, q);
            matrix(w, b + "attn_k.weight", ++n, 1f / (float) Math.sqrt(e), e, kv);
            tensor(w, b + "attn_v.weight", ++n, moreBitsType, 1f / (float) Math.sqrt(e), 0f, new long[] {e, kv});
            matrix(w, b + "attn_output.weight", ++n, 1f / (float) Math.sqrt(q), q, e);
            switch (s.architecture()) {
                case QWEN3MOE -> {
                    norm(w, b + "attn_q_norm.weight", ++n, s.headDim());
                    norm(w, b + "attn_k_norm.weight", ++n, s.headDim());
                }
                case OLMOE -> {
                    norm(w, b + "attn_q_norm.weight", ++n, q);
                    norm(w, b + "attn_k_norm.weight", ++n, kv);
                }
                case LLAMA -> { }
            }
            norm(w, b + "ffn_norm.weight", ++n, e);
            if (s.expertCount() == 0) {
                matrix(w, b + "ffn_gate.weight", ++n, 1f / (float) Math.sqrt(e), e, ff);
                matrix(w, b + "ffn_up.weight", ++n, 1f / (float) Math.sqrt(e), e, ff);
                tensor(w, b + "ffn_down.weight", ++n, moreBitsType, 1f / (float) Math.sqrt(ff), 0f, new long[] {ff, e});
            } else {
                // The router stays F32, as llama.cpp's quantizer leaves ffn_gate_inp.
                tensor(w, b + "ffn_gate_inp.weight", ++n, GgmlType.F32, 2f / (float) Math.sqrt(e), 0f,
                        new long[] {e, s.expertCount()});
                int x = s.expertCount();
                tensor(w, b + "ffn_gate_exps.weight", ++n, weightType, 1f / (float) Math.sqrt(e), 0f, new long[] {e, ff, x});
                tensor(w, b + "ffn_up_exps.weight", ++n, weightType, 1f / (float) Math.sqrt(e), 0f, new long[] {e, ff, x});
                tensor(w, b + "ffn_down_exps.weight", ++n, moreBitsType, 1f / (float) Math.sqrt(ff), 0f, new long[] {ff, e, x});
            }
        }
        w.write(path);
    }

    private void matrix(GgufWriter w, String name, int index, float scale, int cols, int rows) {
        tensor(w, name, index, weightType, scale, 0f, new long[] {cols, rows});
    }

    private void norm(GgufWriter w, String name, int index, int length) {
        tensor(w, name, index, GgmlType.F32, 0.2f, 1f, new long[] {length});
    }

    /** Adds a tensor of uniform random values in {@code center ± scale·√3} (standard deviation {@code scale}). */
    private void tensor(GgufWriter w, String name, int index, GgmlType type, float scale, float center, long[] dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        long elements = count;
        long tensorSeed = seed * 1_000_003L + index;
        w.addTensor(name, type, dims, () -> {
            SplittableRandom rnd = new SplittableRandom(tensorSeed);
            float[] values = new float[Math.toIntExact(elements)];
            float half = scale * (float) Math.sqrt(3);
            for (int i = 0; i < values.length; i++) {
                values[i] = center + (float) (rnd.nextDouble() * 2 - 1) * half;
            }
            return ByteBuffer.wrap(TensorEncoder.encode(type, values, (int) dims[0]));
        });
    }

    /** A minimal SentencePiece ("llama") vocabulary: unk, bos, eos, 256 byte tokens, then word pieces. */
    static void putVocabulary(GgufWriter w, int size) {
        List<String> tokens = new ArrayList<>(size);
        float[] scores = new float[size];
        int[] types = new int[size];
        tokens.add("<unk>");
        types[0] = 2; // unknown
        tokens.add("<s>");
        types[1] = 3; // control
        tokens.add("</s>");
        types[2] = 3;
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types[tokens.size() - 1] = 6; // byte
        }
        String letters = "etaoinshrdlucmfwypvbgkqjxz";
        for (int i = 0; tokens.size() < size; i++) {
            StringBuilder piece = new StringBuilder(i % 3 == 0 ? "▁" : "");
            int v = i;
            do {
                piece.append(letters.charAt(v % letters.length()));
                v /= letters.length();
            } while (v > 0);
            int id = tokens.size();
            tokens.add(piece.toString());
            scores[id] = -1f - i * 0.01f;
            types[id] = 1; // normal
        }
        w.putString("tokenizer.ggml.model", "llama");
        w.putArray("tokenizer.ggml.tokens", GgufArray.ofStrings(tokens.toArray(String[]::new)));
        w.putArray("tokenizer.ggml.scores", GgufArray.ofFloats(scores));
        w.putArray("tokenizer.ggml.token_type", GgufArray.ofInts(types));
        w.putUint32("tokenizer.ggml.unknown_token_id", 0);
        w.putUint32("tokenizer.ggml.bos_token_id", 1);
        w.putUint32("tokenizer.ggml.eos_token_id", 2);
        w.putBool("tokenizer.ggml.add_bos_token", true);
        w.putBool("tokenizer.ggml.add_eos_token", false);
    }
}
