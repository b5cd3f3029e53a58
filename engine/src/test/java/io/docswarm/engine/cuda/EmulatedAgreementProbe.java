package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.model.ThreadTeam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@link CudaCpuAgreement} with the kernels on the host emulation instead of a GPU, for models larger than the
 * tests' (the emulation is slow: an 8-block model 2048 wide takes minutes). Usage: {@code EmulatedAgreementProbe
 * MODEL.gguf [PROMPT (16)] [GENERATED (4)]}, run from engine/ (the emulator is built from src/test/cuda), with the
 * engine's test classes on the class path; prints what {@code CudaCpuAgreement} prints, less the per-row lines.
 */
public final class EmulatedAgreementProbe {
    private EmulatedAgreementProbe() {
    }

    public static void main(String[] args) throws Exception {
        String cxx = EmulatedGpu.cxx();
        if (cxx == null) {
            System.err.println("no C++ compiler: the kernels cannot be emulated");
            System.exit(2);
        }
        Path library = EmulatedGpu.build(cxx, Files.createTempDirectory("emulator"));
        int promptTokens = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int generated = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        try (GgufFile file = GgufFile.open(Path.of(args[0]));
             ThreadTeam team = new ThreadTeam(Runtime.getRuntime().availableProcessors())) {
            CudaCpuAgreement.Result result = CudaCpuAgreement.measure(file, team, (f, config, context, batch) ->
                    CudaModel.load(new EmulatedGpu(library, 1L << 33), f, config, context, batch, GgmlType.F16),
                    promptTokens, generated, System.out::println);
            result.layers().lines().forEach(System.out::println);
            System.out.println("emulated whole sequence " + result.logits().json());
            System.out.println("emulated block by block " + result.layers().json());
            System.out.println("verdict: " + result.verdict().name().toLowerCase(Locale.ROOT));
        }
    }
}
