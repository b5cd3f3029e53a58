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
 * <p>Matrices are stored in the requested type (or llama.cpp's fallback for it where their rows do not hold
 * whole blocks: {@link #storedType}); norms stay F32 as llama.cpp's quantizer leaves them. Each
 * tensor is generated and encoded only while the file is being written, so models larger than the heap
 * can be produced.
 */
public final class RandomModelWriter {
    private final ModelShape shape;
    private final GgmlType weightType;
    private final GgmlType moreBitsType;
    private final long seed;
    private final MlaShape mla;
    /** Whether every expert of a stack gets the first expert's weights (see {@link #repeatingExperts}). */
    private boolean repeatExperts;
    private boolean ropeFrequencyFactors;
    private boolean perExpertTensors;
    private float yarnFactor;
    private int yarnOriginalContext;

    public RandomModelWriter(ModelShape shape, GgmlType weightType, long seed) {
        this(shape, weightType, weightType, seed);
    }

    /** A {@code deepseek2} model: {@code shape}'s architecture must be DEEPSEEK2. */
    public RandomModelWriter(ModelShape shape, MlaShape mla, GgmlType weightType, long seed) {
        if (shape.architecture() != Architecture.DEEPSEEK2) {
            throw new IllegalArgumentException("MLA dimensions are for deepseek2 models, not " + shape.architecture());
        }
        this.shape = shape;
        this.mla = mla;
        this.weightType = weightType;
        this.moreBitsType = weightType;
        this.seed = seed;
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
        this.mla = null;
        if (shape.architecture() == Architecture.DEEPSEEK2) {
            throw new IllegalArgumentException("deepseek2 models need their MLA dimensions (MlaShape)");
        }
    }

    /**
     * Gives every expert of a stack the first expert's random weights: a file of the same size and layout
     * written in a fraction of the time (the quantization of random values is what takes long), for speed
     * benchmarks, whose timings do not depend on the values. Not for numeric comparisons.
     */
    public RandomModelWriter repeatingExperts() {
        repeatExperts = true;
        return this;
    }

    /**
     * Also writes a {@code rope_freqs.weight} tensor (one frequency factor per rotated pair, as Llama 3.1's
     * files carry for its long-context RoPE scaling), with random factors in about 0.4 .. 5.6; llama models only.
     */
    public RandomModelWriter withRopeFrequencyFactors() {
        if (shape.architecture() != Architecture.LLAMA) {
            throw new IllegalArgumentException("rope_freqs is read for llama models, not " + shape.architecture());
        }
        ropeFrequencyFactors = true;
        return this;
    }

    /**
     * Declares YaRN RoPE scaling by {@code factor} from an original context of {@code originalContext} (as
     * extended-context Qwen3 files do); not for deepseek2 models, whose YaRN is part of {@link MlaShape}.
     */
    public RandomModelWriter withYarn(float factor, int originalContext) {
        if (mla != null) {
            throw new IllegalArgumentException("deepseek2 models declare YaRN in their MlaShape");
        }
        yarnFactor = factor;
        yarnOriginalContext = originalContext;
        return this;
    }

    /**
     * Writes each expert stack as one 2-D tensor per expert ({@code blk.N.ffn_gate.E.weight}), as files converted
     * before llama.cpp stacked them did (early Mixtral GGUFs), with the values the stack would hold; llama models
     * with experts only, Mixtral's architecture, the one such files exist for.
     */
    public RandomModelWriter withPerExpertTensors() {
        if (shape.architecture() != Architecture.LLAMA || shape.expertCount() == 0) {
            throw new IllegalArgumentException("per-expert tensors are read for llama models with experts");
        }
        perExpertTensors = true;
        return this;
    }

    public void write(Path path) throws IOException {
        if (mla != null) {
            writeDeepSeek2(path);
            return;
        }
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
        if (yarnFactor != 0f) {
            w.putString(arch + ".rope.scaling.type", "yarn");
            w.putFloat32(arch + ".rope.scaling.factor", yarnFactor);
            w.putUint32(arch + ".rope.scaling.original_context_length", yarnOriginalContext);
        }
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
        if (ropeFrequencyFactors) {
            tensor(w, "rope_freqs.weight", ++n, GgmlType.F32, 1.5f, 3f, new long[] {s.headDim() / 2});
        }
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
                case LLAMA, DEEPSEEK2 -> { }
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
                experts(w, b + "ffn_gate_exps.weight", ++n, weightType, 1f / (float) Math.sqrt(e), new long[] {e, ff, x});
                experts(w, b + "ffn_up_exps.weight", ++n, weightType, 1f / (float) Math.sqrt(e), new long[] {e, ff, x});
                experts(w, b + "ffn_down_exps.weight", ++n, moreBitsType, 1f / (float) Math.sqrt(ff), new long[] {ff, e, x});
            }
        }
        w.write(path);
    }

    /**
     * A deepseek2 (DeepSeek-V3 / Kimi-K2 layout) model with multi-head latent attention, as llama.cpp's
     * current converter writes it: split per-head {@code attn_k_b}/{@code attn_v_b}, sigmoid routing with
     * a selection bias, shared experts and optional expert groups, leading dense blocks and YaRN.
     */
    private void writeDeepSeek2(Path path) throws IOException {
        ModelShape s = shape;
        MlaShape m = mla;
        String p = "deepseek2.";
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", "deepseek2");
        w.putString("general.name", "docswarm random deepseek2");
        w.putUint32(p + "context_length", s.contextLength());
        w.putUint32(p + "embedding_length", s.embeddingLength());
        w.putUint32(p + "block_count", s.blockCount());
        w.putUint32(p + "feed_forward_length", m.leadingDenseBlocks() > 0 ? m.denseFeedForwardLength() : s.feedForwardLength());
        w.putUint32(p + "attention.head_count", s.headCount());
        w.putUint32(p + "attention.head_count_kv", 1); // MLA is stored as one shared "head" of latent + rope key
        w.putUint32(p + "attention.key_length", m.kvLoraRank() + m.ropeDim());
        w.putUint32(p + "attention.value_length", m.kvLoraRank());
        w.putUint32(p + "attention.key_length_mla", m.nopeDim() + m.ropeDim());
        w.putUint32(p + "attention.value_length_mla", m.valueDim());
        w.putUint32(p + "attention.q_lora_rank", m.qLoraRank());
        w.putUint32(p + "attention.kv_lora_rank", m.kvLoraRank());
        w.putUint32(p + "rope.dimension_count", m.ropeDim());
        w.putFloat32(p + "rope.freq_base", 10000f);
        w.putFloat32(p + "attention.layer_norm_rms_epsilon", 1e-6f);
        w.putUint32(p + "leading_dense_block_count", m.leadingDenseBlocks());
        w.putUint32(p + "expert_count", s.expertCount());
        w.putUint32(p + "expert_used_count", s.expertUsedCount());
        w.putUint32(p + "expert_feed_forward_length", s.feedForwardLength());
        w.putUint32(p + "expert_shared_count", m.sharedExperts());
        w.putFloat32(p + "expert_weights_scale", m.expertWeightsScale());
        w.putBool(p + "expert_weights_norm", !m.v2Routing());
        w.putUint32(p + "expert_gating_func", m.v2Routing() ? 1 : 2); // softmax : sigmoid
        if (m.expertGroups() > 1) {
            w.putUint32(p + "expert_group_count", m.expertGroups());
            w.putUint32(p + "expert_group_used_count", m.expertGroupsUsed());
        }
        if (m.yarnFactor() > 0f) {
            w.putString(p + "rope.scaling.type", "yarn");
            w.putFloat32(p + "rope.scaling.factor", m.yarnFactor());
            w.putUint32(p + "rope.scaling.original_context_length", m.yarnOriginalContext());
            w.putFloat32(p + "rope.scaling.yarn_log_multiplier", m.yarnLogMultiplier());
        }
        putVocabulary(w, s.vocabSize());

        int e = s.embeddingLength();
        int heads = s.headCount();
        int keyDim = m.nopeDim() + m.ropeDim();
        int ff = s.feedForwardLength();
        int x = s.expertCount();
        int n = 0;
        matrix(w, "token_embd.weight", ++n, 1.0f, e, s.vocabSize());
        norm(w, "output_norm.weight", ++n, e);
        weights(w, "output.weight", ++n, e, s.vocabSize());
        for (int layer = 0; layer < s.blockCount(); layer++) {
            String b = "blk." + layer + ".";
            norm(w, b + "attn_norm.weight", ++n, e);
            if (m.qLoraRank() > 0) {
                weights(w, b + "attn_q_a.weight", ++n, e, m.qLoraRank());
                norm(w, b + "attn_q_a_norm.weight", ++n, m.qLoraRank());
                weights(w, b + "attn_q_b.weight", ++n, m.qLoraRank(), heads * keyDim);
            } else {
                weights(w, b + "attn_q.weight", ++n, e, heads * keyDim);
            }
            weights(w, b + "attn_kv_a_mqa.weight", ++n, e, m.kvLoraRank() + m.ropeDim());
            norm(w, b + "attn_kv_a_norm.weight", ++n, m.kvLoraRank());
            weights(w, b + "attn_k_b.weight", ++n, m.nopeDim(), m.kvLoraRank(), heads);
            weights(w, b + "attn_v_b.weight", ++n, m.kvLoraRank(), m.valueDim(), heads);
            weights(w, b + "attn_output.weight", ++n, heads * m.valueDim(), e);
            norm(w, b + "ffn_norm.weight", ++n, e);
            if (layer < m.leadingDenseBlocks()) {
                int dff = m.denseFeedForwardLength();
                weights(w, b + "ffn_gate.weight", ++n, e, dff);
                weights(w, b + "ffn_up.weight", ++n, e, dff);
                weights(w, b + "ffn_down.weight", ++n, dff, e);
            } else {
                tensor(w, b + "ffn_gate_inp.weight", ++n, GgmlType.F32, 2f / (float) Math.sqrt(e), 0f, new long[] {e, x});
                if (!m.v2Routing()) {
                    // A small per-expert selection bias, as DeepSeek-V3's load balancing leaves it.
                    tensor(w, b + "exp_probs_b.bias", ++n, GgmlType.F32, 0.05f, 0f, new long[] {x});
                }
                weights(w, b + "ffn_gate_exps.weight", ++n, e, ff, x);
                weights(w, b + "ffn_up_exps.weight", ++n, e, ff, x);
                weights(w, b + "ffn_down_exps.weight", ++n, ff, e, x);
                if (m.sharedExperts() > 0) {
                    int sff = ff * m.sharedExperts();
                    weights(w, b + "ffn_gate_shexp.weight", ++n, e, sff);
                    weights(w, b + "ffn_up_shexp.weight", ++n, e, sff);
                    weights(w, b + "ffn_down_shexp.weight", ++n, sff, e);
                }
            }
        }
        w.write(path);
    }

    /** A weight matrix (or stack of them) of scale {@code 1/sqrt(cols)} in the requested type. */
    private void weights(GgufWriter w, String name, int index, long... dims) {
        tensor(w, name, index, weightType, 1f / (float) Math.sqrt(dims[0]), 0f, dims);
    }

    /**
     * The type a tensor asked for as {@code type} is stored in when its rows of {@code cols} elements do not
     * hold whole blocks of it, as llama.cpp's quantizer falls back ({@code tensor_type_fallback}): Q4_K to
     * Q5_0, Q5_K to Q5_1, Q6_K to Q8_0, and F16 where even that (or a 32-element type) does not fit. This is
     * how real Q4_K_M / Q5_K_M files come to hold Q5_0 / Q5_1 tensors.
     */
    public static GgmlType storedType(GgmlType type, long cols) {
        if (cols % type.blockSize() == 0) {
            return type;
        }
        GgmlType fallback = switch (type) {
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> type;
        };
        return cols % fallback.blockSize() == 0 ? fallback : GgmlType.F16;
    }

    private void matrix(GgufWriter w, String name, int index, float scale, int cols, int rows) {
        tensor(w, name, index, weightType, scale, 0f, new long[] {cols, rows});
    }

    private void norm(GgufWriter w, String name, int index, int length) {
        tensor(w, name, index, GgmlType.F32, 0.2f, 1f, new long[] {length});
    }

    /**
     * An expert stack {@code [cols, rows, experts]}: one 3-D tensor, or with {@link #withPerExpertTensors} one
     * 2-D tensor per expert holding the same values (so both files compute the same numbers).
     */
    private void experts(GgufWriter w, String name, int index, GgmlType requested, float scale, long[] dims) {
        if (!perExpertTensors) {
            tensor(w, name, index, requested, scale, 0f, dims);
            return;
        }
        GgmlType type = storedType(requested, dims[0]);
        int perExpert = Math.toIntExact(dims[0] * dims[1]);
        // The stack's values are drawn once, when the first expert is written, and sliced for each.
        float[][] stack = new float[1][];
        for (int x = 0; x < dims[2]; x++) {
            int expert = x;
            w.addTensor(ExpertTensors.perExpertName(name, x), type, new long[] {dims[0], dims[1]}, () -> {
                if (stack[0] == null) {
                    stack[0] = values(index, scale, 0f, (long) perExpert * dims[2]);
                }
                float[] one = java.util.Arrays.copyOfRange(stack[0], expert * perExpert, (expert + 1) * perExpert);
                return ByteBuffer.wrap(TensorEncoder.encode(type, one, (int) dims[0]));
            });
        }
    }

    /** Tensor {@code index}'s random values: uniform in {@code center ± scale·√3} (standard deviation {@code scale}). */
    private float[] values(int index, float scale, float center, long count) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
        float[] values = new float[Math.toIntExact(count)];
        float half = scale * (float) Math.sqrt(3);
        for (int i = 0; i < values.length; i++) {
            values[i] = center + (float) (rnd.nextDouble() * 2 - 1) * half;
        }
        return values;
    }

    /** Adds a tensor of uniform random values in {@code center ± scale·√3} (standard deviation {@code scale}). */
    private void tensor(GgufWriter w, String name, int index, GgmlType requested, float scale, float center,
                        long[] dims) {
        GgmlType type = storedType(requested, dims[0]);
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        long elements = count;
        // A stack of experts repeated from its first: dims {cols, rows, experts}.
        int copies = repeatExperts && dims.length == 3 ? Math.toIntExact(dims[2]) : 1;
        w.addTensor(name, type, dims, () -> {
            float[] values = values(index, scale, center, elements / copies);
            byte[] one = TensorEncoder.encode(type, values, (int) dims[0]);
            if (copies == 1) {
                return ByteBuffer.wrap(one);
            }
            ByteBuffer all = ByteBuffer.allocate(Math.multiplyExact(one.length, copies));
            for (int c = 0; c < copies; c++) {
                all.put(one);
            }
            return all.flip();
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
