package io.docswarm.engine.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The build compiled every kernel source into a packaged fatbin (where nvcc is installed). */
class CudaPackagingTest {
    @Test
    void everyKernelSourceIsPackagedAsAFatbin() throws Exception {
        assumeTrue(CudaBlockMathTest.nvcc() != null, "nvcc is not installed: the build did not package the CUDA kernels");
        List<String> sources;
        try (Stream<Path> files = Files.list(CudaBlockMathTest.cudaSources())) {
            sources = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
        assertEquals(sources, CudaKernels.MODULES.stream().sorted().toList(),
                "CudaKernels.MODULES must name every .cu file in src/main/cuda");
        for (String module : sources) {
            assertNotNull(CudaKernels.class.getResource(CudaKernels.resource(module)), module + ".fatbin is not packaged");
            byte[] fatbin = CudaKernels.load(module);
            // A fatbin starts with the fatbin wrapper magic 0xBA55ED50, little-endian.
            assertTrue(fatbin.length > 16 && (fatbin[0] & 0xff) == 0x50 && (fatbin[1] & 0xff) == 0xED
                    && (fatbin[2] & 0xff) == 0x55 && (fatbin[3] & 0xff) == 0xBA, module + ".fatbin is not a fatbin");
        }
        assertTrue(CudaKernels.packaged());
    }

    /**
     * Every kernel a source defines is looked up by the real context (a kernel missing from
     * {@link CudaContext#kernelNames} would fail only on a GPU, at its first launch) and registered in the host
     * emulator (or the emulated tests could not run it).
     */
    @Test
    void everyKernelIsLoadedByTheContextAndTheEmulator() throws Exception {
        Path sources = CudaBlockMathTest.cudaSources();
        String emulator = Files.readString(sources.resolve("../../test/cuda/emulator.cpp").normalize());
        for (String module : CudaKernels.MODULES) {
            java.util.Set<String> defined = new java.util.TreeSet<>(
                    KernelSignatures.of(sources.resolve(module + ".cu")).keySet());
            assertFalse(defined.isEmpty(), module + ": kernels not found in the source");
            assertEquals(defined, new java.util.TreeSet<>(CudaContext.kernelNames(module)),
                    module + ": CudaContext.kernelNames must list every kernel of " + module + ".cu");
            for (String name : defined) {
                assertTrue(emulator.contains("{\"" + name + "\", kernel(" + name + ","),
                        name + " is not registered in src/test/cuda/emulator.cpp");
            }
        }
    }
}
