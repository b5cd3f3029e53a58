package io.docswarm.engine.cuda;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                "extern \"C\" __global__ void (\\w+)\\s*\\([^)]*\\)\\s*\\{\\s*(?:prefetch_rows<[^;]*;\\s*)*([^;]*;)");
        List<String> checked = new ArrayList<>();
        for (String module : CudaKernels.MODULES) {
            String source = Files.readString(CudaBlockMathTest.cudaSources().resolve(module + ".cu")).replace("\\\n", " ");
            Matcher m = kernel.matcher(source);
            while (m.find()) {
                assertEquals("await_previous_kernels();", m.group(2).trim(),
                        module + ".cu: kernel " + m.group(1) + " must start with await_previous_kernels() (after, at most,"
                                + " prefetch_rows of its weights)");
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
        String nvcc = CudaBlockMathTest.nvcc();
        assumeTrue(nvcc != null, "nvcc is not installed: the launch structures are not compared with cuda.h");
        Path source = dir.resolve("layout.cu");
        Files.writeString(source, """
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
                """);
        Path exe = dir.resolve("layout");
        CudaBlockMathTest.run(List.of(nvcc, source.toString(), "-o", exe.toString()), 120);
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
}
