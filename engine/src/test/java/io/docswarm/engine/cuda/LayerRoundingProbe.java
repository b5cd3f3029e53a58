package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.DecoderModel;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelLoader;
import io.docswarm.engine.model.ModelOptions;
import io.docswarm.engine.model.ThreadTeam;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What {@link LayerAgreement}'s tolerances rest on, measured on the CPU backend alone: how far an ulp of jitter
 * moves each block's update and the output's logits when every block is forced to the plain run's input, and how
 * far wrong quants in a named tensor move them: {@code TENSOR:N} XORs with 0x5a the quants of the tensor's first N
 * super-blocks (default 1: 256 weights of its first row), in a copy of the file.
 *
 * <p>Usage: {@code LayerRoundingProbe MODEL.gguf [PROMPT (32)] [GENERATED (16)] [F16|F32 (F16)] [TENSOR[:N] ...]}
 * (bench/layer-rounding.sh); prints a line per block and run: median and largest of the rows, and the rows beyond
 * the tolerance.
 */
public final class LayerRoundingProbe {
    private LayerRoundingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int promptTokens = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int generated = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        GgmlType cache = args.length > 3 ? GgmlType.valueOf(args[3]) : GgmlType.F16;
        try (GgufFile file = GgufFile.open(model); ThreadTeam team = new ThreadTeam(
                Runtime.getRuntime().availableProcessors())) {
            ModelConfig config = ModelLoader.config(file);
            int blocks = config.blockCount();
            int positions = promptTokens + generated;
            int[] prompt = new SplittableRandom(7).ints(promptTokens, 3, config.vocabSize()).toArray();
            LayerAgreement.Recording truth = new LayerAgreement.Recording(blocks, positions);
            ModelOptions plainOptions = new ModelOptions(team, promptTokens, positions + 8, 0f, cache);
            float[][] plain;
            try (DecoderModel m = ModelLoader.load(file, plainOptions)) {
                m.probeLayers(truth);
                plain = CudaCpuAgreement.logitsAlong(m, prompt, null, generated);
            }
            int[] path = CudaCpuAgreement.greedyPath(prompt, plain, generated);
            for (float jitter : new float[] {CudaCpuAgreement.JITTER, -CudaCpuAgreement.JITTER}) {
                print(String.format(Locale.ROOT, "jitter %+.1g", jitter), forced(file, new ModelOptions(team,
                        promptTokens, positions + 8, jitter, cache), truth, plain, prompt, path, generated));
            }
            for (int i = 4; i < args.length; i++) {
                Path faulty = Files.createTempFile("faulty", ".gguf");
                try {
                    String[] named = args[i].split(":");
                    GgufTensor t = file.tensor(named[0]);
                    int superBlocks = named.length > 1 ? Integer.parseInt(named[1]) : 1;
                    Files.copy(model, faulty, StandardCopyOption.REPLACE_EXISTING);
                    xorQuants(faulty, t, superBlocks);
                    try (GgufFile f = GgufFile.open(faulty)) {
                        print("fault in " + superBlocks + " super-blocks of " + named[0] + " (" + t.type() + ")",
                                forced(f, plainOptions, truth, plain, prompt, path, generated));
                    }
                } finally {
                    Files.deleteIfExists(faulty);
                }
            }
        }
    }

    private static float[][] forced(GgufFile file, ModelOptions options, LayerAgreement.Recording truth,
                                    float[][] plain, int[] prompt, int[] path, int generated) {
        ModelConfig config = ModelLoader.config(file);
        LayerAgreement.Forcing forcing = new LayerAgreement.Forcing(truth, config.blockCount(), path.length);
        try (DecoderModel m = ModelLoader.load(file, options)) {
            m.probeLayers(forcing);
            return LayerAgreement.errors(forcing, plain, CudaCpuAgreement.logitsAlong(m, prompt, path, generated));
        }
    }

    /** The quants of the tensor's first {@code superBlocks} super-blocks (Q4_K: past 16 bytes of scales; Q6_K: low bits). */
    private static void xorQuants(Path file, GgufTensor t, int superBlocks) throws Exception {
        int size = t.type().bytesPerBlock();
        int first = switch (t.type()) {
            case Q4_K -> 16;
            case Q6_K -> 0;
            default -> throw new IllegalArgumentException("faults go into Q4_K or Q6_K tensors, not " + t.type());
        };
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = ByteBuffer.allocate(size * superBlocks);
            channel.read(bytes, t.offset());
            for (int i = 0; i < bytes.limit(); i++) {
                if (i % size >= first && i % size < first + 128) {
                    bytes.put(i, (byte) (bytes.get(i) ^ 0x5a));
                }
            }
            channel.write(bytes.flip(), t.offset());
        }
    }

    /** A line per block and the output: the rows' spread as {@link LayerAgreement} judges it. */
    private static void print(String run, float[][] errors) {
        System.out.println(run);
        for (LayerAgreement.Layer l : LayerAgreement.report(errors, List.of()).layers()) {
            LayerAgreement.Spread s = l.gpu();
            System.out.printf(Locale.ROOT, "  %-8s median %.2e  largest %.2e  %d of %d beyond %.0e%n",
                    l.layer() == errors.length - 1 ? "output" : "block " + l.layer(), s.median(), s.largest(),
                    s.farRows(), s.rows(), l.tolerance());
        }
    }
}
