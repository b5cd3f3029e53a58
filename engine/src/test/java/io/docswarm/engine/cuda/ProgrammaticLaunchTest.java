package io.docswarm.engine.cuda;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jcuda.CudaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What programmatic dependent launch relies on and a machine without a GPU can still check: the launch
 * structures as the FFM API lays them out against cuda.h, and every kernel ordering itself behind its
 * predecessors (a kernel that did not would race with the one before it on sm_90 devices, and only there).
 */
class ProgrammaticLaunchTest {
    @TempDir
    Path dir;

    @Test
    void everyKernelAwaitsThePreviousKernelsBeforeItTouchesMemory() throws Exception {
        Pattern kernel = Pattern.compile(
                "extern \"C\" __global__ void (\\w+)\\s*\\([^)]*\\)\\s*\\{\\s*(?://[^\\n]*\\s*)*(?:(?:prefetch_\\w+[(<]|allow_next_kernels\\(|\\w+ \\w+ = stage_\\w+\\()[^;]*;\\s*)*([^;]*;)");
        List<String> checked = new ArrayList<>();
        for (String module : CudaKernels.MODULES) {
            String source = Files.readString(CudaBlockMathTest.cudaSources().resolve(module + ".cu")).replace("\\\n", " ");
            Matcher m = kernel.matcher(source);
            while (m.find()) {
                assertEquals("await_previous_kernels();", m.group(2).trim(),
                        module + ".cu: kernel " + m.group(1) + " must start with await_previous_kernels() (after, at most,"
                                + " prefetches of its weights, prefetch_rows, prefetch_pair_rows, or loads of them into registers,"
                                + " stage_share, after allow_next_kernels)");
                checked.add(m.group(1));
            }
        }
        // Every kernel definition was seen (the macros' templates count once each, as "name").
        int defined = 0;
        for (String module : CudaKernels.MODULES) {
            String source = Files.readString(CudaBlockMathTest.cudaSources().resolve(module + ".cu"));
            defined += source.split("extern \"C\" __global__ void", -1).length - 1;
        }
        assertEquals(defined, checked.size(), "kernels found " + checked);
        assertTrue(checked.contains("attention_scores_f16") && checked.contains("name"), checked.toString());
    }

    @Test
    void launchStructuresMatchTheDriverHeader() throws Exception {
        assumeTrue(CudaBlockMathTest.nvcc() != null, "nvcc is not installed: the launch structures are not compared with cuda.h");
        Path exe = nvcc("layout.cu", """
                #include <cuda.h>
                #include <stddef.h>
                #include <stdio.h>
                int main() {
                    printf("%zu %zu %zu %zu %zu %zu %zu %d\\n", sizeof(CUlaunchConfig),
                           offsetof(CUlaunchConfig, sharedMemBytes), offsetof(CUlaunchConfig, hStream),
                           offsetof(CUlaunchConfig, attrs), offsetof(CUlaunchConfig, numAttrs),
                           sizeof(CUlaunchAttribute), offsetof(CUlaunchAttribute, value),
                           (int) CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION);
                    return 0;
                }
                """, "layout");
        Process p = new ProcessBuilder(exe.toString()).redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());

        var config = ProgrammaticLaunch.CONFIG;
        var attribute = ProgrammaticLaunch.ATTRIBUTE;
        String ours = String.join(" ", String.valueOf(config.byteSize()),
                String.valueOf(config.byteOffset(groupElement("sharedMemBytes"))),
                String.valueOf(config.byteOffset(groupElement("hStream"))),
                String.valueOf(config.byteOffset(groupElement("attrs"))),
                String.valueOf(config.byteOffset(groupElement("numAttrs"))),
                String.valueOf(attribute.byteSize()), String.valueOf(attribute.byteOffset(groupElement("value"))),
                String.valueOf(ProgrammaticLaunch.PROGRAMMATIC_STREAM_SERIALIZATION));
        assertEquals(printed, ours, "CUlaunchConfig / CUlaunchAttribute as cuda.h lays them out");
    }

    /**
     * The launch as the driver receives it: a stand-in library built from cuda.h's own declarations records
     * what its cuLaunchKernelEx was given (the configuration, the attribute, each argument read through
     * kernelParams as the driver reads it), and refuses a grid of 13 blocks the way the driver refuses a launch.
     */
    @Test
    void launchHandsTheDriverTheConfigurationAttributeAndArguments() throws Exception {
        assumeTrue(CudaBlockMathTest.nvcc() != null, "nvcc is not installed: no cuda.h to build the stand-in driver from");
        Path library = nvcc("driver.cu", """
                #include <cuda.h>
                #include <string.h>
                static long long seen[17];
                extern "C" CUresult cuLaunchKernelEx(const CUlaunchConfig* c, CUfunction f, void** params, void** extra) {
                    if (c->gridDimX == 13 || extra != 0) {
                        return CUDA_ERROR_INVALID_VALUE;
                    }
                    long long s[17] = {c->gridDimX, c->gridDimY, c->gridDimZ, c->blockDimX, c->blockDimY, c->blockDimZ,
                                       c->sharedMemBytes, (long long) c->hStream, c->numAttrs, c->attrs[0].id,
                                       c->attrs[0].value.programmaticStreamSerializationAllowed, (long long) f,
                                       *(long long*) params[0], *(int*) params[1], 0, *(long long*) params[3],
                                       *(long long*) params[1]};
                    float x = *(float*) params[2];
                    memcpy(&s[14], &x, 4);
                    memcpy(seen, s, sizeof s);
                    return CUDA_SUCCESS;
                }
                extern "C" void last_launch(long long* out) { memcpy(out, seen, sizeof seen); }
                """, "libdriver.so", "-shared", "-Xcompiler", "-fPIC");

        ProgrammaticLaunch launch = ProgrammaticLaunch.find(library.toString()).orElseThrow();
        // An earlier launch leaves a long in the second argument's slot; an int there later must not keep its
        // high half (a kernel reads 4 bytes of an int, but the whole slot is the value for a long long).
        launch.launch("k", 1L, 1L, 1, 1, 32, new ProgrammaticLaunch.DeviceAddress(0), 0x7fff_ffff_0000_0000L, 0f, 0L);
        launch.launch("k", 0x7f00_1234_5678L, 0x55aa_0000_1000L, 6, 4, 128,
                new ProgrammaticLaunch.DeviceAddress(0x7000_dead_beefL), -3, 2.5f, 1L << 40);
        try (Arena arena = Arena.ofConfined()) {
            var lastLaunch = Linker.nativeLinker().downcallHandle(
                    SymbolLookup.libraryLookup(library, arena).find("last_launch").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
            MemorySegment seen = arena.allocate(ValueLayout.JAVA_LONG, 17);
            lastLaunch.invokeExact(seen);
            long[] s = seen.toArray(ValueLayout.JAVA_LONG);
            assertArrayEquals(new long[] {6, 4, 1, 128, 1, 1, 0, 0x55aa_0000_1000L, 1,
                ProgrammaticLaunch.PROGRAMMATIC_STREAM_SERIALIZATION, 1, 0x7f00_1234_5678L, 0x7000_dead_beefL, -3,
                Float.floatToIntBits(2.5f), 1L << 40, -3}, s);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        assertTrue(ProgrammaticLaunch.find(dir.resolve("no-such-driver.so").toString()).isEmpty());
        CudaException refused = assertThrows(CudaException.class, () -> launch.launch("attention_stats", 1L, 1L, 13, 1, 32));
        assertTrue(refused.getMessage().contains("attention_stats") && refused.getMessage().contains("CUDA_ERROR_INVALID_VALUE"),
                refused.getMessage());
    }

    /** The raw value behind a JCuda handle, as the launch passes it to the driver. */
    @Test
    void jcudaHandlesAreReadAsTheirRawAddresses() {
        class Handle extends jcuda.Pointer {
            Handle(long address) {
                super(address);
            }
        }
        assertEquals(0x7f12_3456_7000L, CudaContext.address(new Handle(0x7f12_3456_7000L)));
        assertEquals(0, CudaContext.address(new jcuda.driver.CUdeviceptr()));
    }

    /** Compiles {@code source} (written to {@code name} in the temporary directory) with nvcc into {@code output}. */
    private Path nvcc(String name, String source, String output, String... options) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, source);
        Path out = dir.resolve(output);
        List<String> command = new ArrayList<>(List.of(CudaBlockMathTest.nvcc()));
        command.addAll(List.of(options));
        command.addAll(List.of(file.toString(), "-o", out.toString()));
        CudaBlockMathTest.run(command, 120);
        return out;
    }
}
