package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import java.nio.file.Path;

/**
 * Writes a random-weight model for benchmarks:
 * {@code RandomModelMain OUT.gguf ARCH TYPE vocab embd layers heads kvHeads headDim ff experts used}
 * (TYPE: a {@link GgmlType} name, or Q4_K_M for Q4_K with output, attn_v and ffn_down in Q6_K), or for
 * deepseek2 {@code RandomModelMain OUT.gguf deepseek2 TYPE vocab embd layers heads qLoraRank kvLoraRank ff
 * experts used shared denseFf}: DeepSeek-V3's per-head dimensions (nope 128, rope 64, value 128), one
 * leading dense block of {@code denseFf} (0: none), V3 routing, no YaRN. E.g. DeepSeek-V2-Lite's shape:
 * {@code 102400 2048 27 16 0 512 1408 64 6 2 10944}. With {@code --same-experts} (last) every expert of a
 * stack repeats the first one's weights: the same file size and speed, written in a fraction of the time.
 */
public final class RandomModelMain {
    private RandomModelMain() {}


    public static void main(String[] args) throws Exception {
        boolean sameExperts = args.length > 0 && args[args.length - 1].equals("--same-experts");
        String[] a = sameExperts ? java.util.Arrays.copyOf(args, args.length - 1) : args;
        if (a.length == 14 && a[1].equals("deepseek2")) {
            writeDeepSeek2(a, sameExperts);
            return;
        }
        if (a.length != 12) {
            System.err.println("usage: RandomModelMain OUT.gguf qwen3moe|llama|olmoe TYPE vocab embd layers heads "
                    + "kvHeads headDim ff experts used\n"
                    + "       RandomModelMain OUT.gguf deepseek2 TYPE vocab embd layers heads qLoraRank kvLoraRank ff "
                    + "experts used shared denseFf\n"
                    + "  (--same-experts last: every expert repeats the first one's weights, for speed benchmarks)");
            System.exit(2);
        }
        int[] n = new int[9];
        for (int i = 0; i < 9; i++) {
            n[i] = Integer.parseInt(a[3 + i]);
        }
        ModelShape shape = new ModelShape(Architecture.valueOf(a[1].toUpperCase()), n[0], n[1], n[2], n[3], n[4], n[5],
                n[6], n[7], n[8], 4096);
        // "Q4_K_M": Q4_K, with output, attn_v and ffn_down in Q6_K (llama.cpp keeps those at more bits).
        boolean m = a[2].equals("Q4_K_M");
        GgmlType type = m ? GgmlType.Q4_K : GgmlType.valueOf(a[2]);
        RandomModelWriter writer = new RandomModelWriter(shape, type, m ? GgmlType.Q6_K : type, 1);
        (sameExperts ? writer.repeatingExperts() : writer).write(Path.of(a[0]));
        System.out.printf("wrote %s: %.1fM parameters, %.1fM active%n", a[0], shape.parameterCount() / 1e6,
                shape.activeParameterCount() / 1e6);
    }

    private static void writeDeepSeek2(String[] a, boolean sameExperts) throws Exception {
        int[] n = new int[11];
        for (int i = 0; i < 11; i++) {
            n[i] = Integer.parseInt(a[3 + i]);
        }
        int vocab = n[0];
        int embd = n[1];
        int layers = n[2];
        int heads = n[3];
        int ff = n[6];
        int denseFf = n[10];
        ModelShape shape = new ModelShape(Architecture.DEEPSEEK2, vocab, embd, layers, heads, 1, 192, ff, n[7], n[8],
                4096);
        MlaShape mla = new MlaShape(n[4], n[5], 128, 64, 128, denseFf > 0 ? 1 : 0, denseFf, n[9], 0, 0, 0f, 4096, 0f,
                2.5f, false);
        GgmlType type = a[2].equals("Q4_K_M") ? GgmlType.Q4_K : GgmlType.valueOf(a[2]);
        RandomModelWriter writer = new RandomModelWriter(shape, mla, type, 1);
        (sameExperts ? writer.repeatingExperts() : writer).write(Path.of(a[0]));
        System.out.printf("wrote %s: deepseek2, %d layers, %d of %d experts per token%n", a[0], layers, n[8], n[7]);
    }
}
