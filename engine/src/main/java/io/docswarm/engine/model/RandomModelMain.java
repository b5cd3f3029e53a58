package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import java.nio.file.Path;

/**
 * Writes a random-weight model for benchmarks:
 * {@code RandomModelMain OUT.gguf ARCH TYPE vocab embd layers heads kvHeads headDim ff experts used}
 * (TYPE: a {@link GgmlType} name, or Q4_K_M for Q4_K with output, attn_v and ffn_down in Q6_K).
 */
public final class RandomModelMain {
    private RandomModelMain() {}


    public static void main(String[] a) throws Exception {
        if (a.length != 12) {
            System.err.println("usage: RandomModelMain OUT.gguf qwen3moe|llama|olmoe TYPE vocab embd layers heads "
                    + "kvHeads headDim ff experts used");
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
        new RandomModelWriter(shape, type, m ? GgmlType.Q6_K : type, 1).write(Path.of(a[0]));
        System.out.printf("wrote %s: %.1fM parameters, %.1fM active%n", a[0], shape.parameterCount() / 1e6,
                shape.activeParameterCount() / 1e6);
    }
}
