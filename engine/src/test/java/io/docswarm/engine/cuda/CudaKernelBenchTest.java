package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The kernel benchmark's cases run on the host emulation at tiny shapes: every launch it makes passes the
 * emulator's argument checks, so a GPU session does not spend device time on a broken benchmark.
 */
class CudaKernelBenchTest {
    @Test
    void everyCaseLaunchesOnTheEmulator() throws Exception {
        String cxx = EmulatedGpu.cxx();
        assumeTrue(cxx != null, "no C++ compiler: the CUDA kernels are not emulated on the host");
        Path dir = Files.createTempDirectory("cuda-emulator");
        Path library = EmulatedGpu.build(cxx, dir);
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (EmulatedGpu gpu = new EmulatedGpu(library, 1L << 32)) {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            new CudaKernelBench(gpu, 1, new CudaKernelBench.Shapes(512, 256, 8, 2, 300, 4, 2, 2, 64, new int[] {40}))
                    .run();
        } finally {
            System.setOut(stdout);
            Files.deleteIfExists(library);
            Files.deleteIfExists(dir);
        }
        String out = printed.toString(StandardCharsets.UTF_8);
        // 3 types x (3 products and SwiGLU's gate+up), the attention's 3 products, 2 routers, the arg-max, 2
        // attention layouts x 1 length.
        assertTrue(out.lines().filter(l -> l.endsWith("GB/s")).count() == 20, out);
    }
}
