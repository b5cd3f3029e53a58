package io.docswarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.docswarm.engine.cuda.CudaDeviceInfo;
import io.docswarm.engine.cuda.CudaModel;
import io.docswarm.engine.cuda.CudaRuntime;
import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.model.Architecture;
import io.docswarm.engine.model.ModelConfig;
import io.docswarm.engine.model.ModelShape;
import io.docswarm.engine.model.RandomModelWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --device auto|cpu|cuda[:N]}: parsing, the backend decision, and what a machine without a GPU does. */
class DeviceSelectionTest {
    private static final CudaDeviceInfo GPU = new CudaDeviceInfo(0, "Test GPU", 80L << 30, 9, 0, 2_619_000, 5120);

    @TempDir
    Path dir;

    @Test
    void parsesDevices() {
        assertSame(Device.AUTO, Device.parse("auto"));
        assertSame(Device.CPU, Device.parse(" CPU "));
        assertEquals(Device.cuda(0), Device.parse("cuda"));
        assertEquals(Device.cuda(3), Device.parse("cuda:3"));
        assertEquals("cuda:3", Device.parse("cuda:3").toString());
        assertEquals(Device.AUTO, EngineOptions.defaults().device());
    }

    @Test
    void rejectsBadDevices() {
        for (String bad : List.of("", "gpu", "cuda:", "cuda:-1", "cuda:x", "cuda:1:2", "cuda0", "cpu:0")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Device.parse(bad), bad);
            assertTrue(e.getMessage().contains("expected"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Device.parse(null));
    }

    @Test
    void autoFallsBackToTheCpuWithAReason() {
        BackendChoice choice = BackendChoice.decide(Device.AUTO,
                new CudaRuntime.Availability(List.of(), "no CUDA driver (UnsatisfiedLinkError: libcuda.so.1)"), Optional.empty());
        assertNull(choice.cuda());
        assertEquals("device auto: running on the CPU: no CUDA driver (UnsatisfiedLinkError: libcuda.so.1)", choice.note());

        // What the CUDA backend cannot run: more experts per token than its router keeps in registers.
        ModelConfig wide = new ModelConfig(Architecture.QWEN3MOE, 320, 64, 1, 4, 2, 16, 64, 64, 128, 80, 64, 1e-6f,
                10000f, 1f, 1f);
        Optional<String> reason = CudaModel.unsupported(wide);
        assertTrue(reason.isPresent() && reason.get().contains("80 experts per token"), reason.toString());
        BackendChoice unsupported = BackendChoice.decide(Device.AUTO, new CudaRuntime.Availability(List.of(GPU), null),
                reason);
        assertNull(unsupported.cuda());
        assertTrue(unsupported.note().contains("80 experts per token"), unsupported.note());
        // deepseek2 (multi-head latent attention) has a CUDA forward pass.
        ModelConfig deepseek = new ModelConfig(Architecture.DEEPSEEK2, 320, 64, 1, 4, 4, 48, 32, 64, 8, 2, 64, 1e-6f,
                10000f, 1f, 1f);
        assertEquals(Optional.empty(), CudaModel.unsupported(deepseek));
    }

    @Test
    void autoAndCudaTakeTheGpuWhenThereIsOne() {
        CudaRuntime.Availability one = new CudaRuntime.Availability(List.of(GPU), null);
        assertSame(GPU, BackendChoice.decide(Device.AUTO, one, Optional.empty()).cuda());
        assertSame(GPU, BackendChoice.decide(Device.cuda(0), one, Optional.empty()).cuda());
        assertNull(BackendChoice.decide(Device.CPU, one, Optional.empty()).cuda());
    }

    /** cuda:N is the driver's device N: a device too old to use keeps its number, and auto takes the first usable one. */
    @Test
    void cudaNIsTheDriversOrdinal() {
        CudaDeviceInfo second = new CudaDeviceInfo(1, "NVIDIA H100 80GB HBM3", 80L << 30, 9, 0, 2619000, 5120);
        CudaRuntime.Availability onlySecondUsable = new CudaRuntime.Availability(List.of(second), null);
        assertSame(second, BackendChoice.decide(Device.cuda(1), onlySecondUsable, Optional.empty()).cuda());
        assertSame(second, BackendChoice.decide(Device.AUTO, onlySecondUsable, Optional.empty()).cuda());
        IllegalStateException zero = assertThrows(IllegalStateException.class,
                () -> BackendChoice.decide(Device.cuda(0), onlySecondUsable, Optional.empty()));
        assertTrue(zero.getMessage().contains("there is no CUDA device 0"), zero.getMessage());
    }

    @Test
    void explicitCudaFailsClearly() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> BackendChoice.decide(Device.cuda(0),
                new CudaRuntime.Availability(List.of(), "the CUDA driver reports no device"), Optional.empty()));
        assertEquals("device cuda:0 was requested, but the CUDA driver reports no device", none.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> BackendChoice.decide(
                Device.cuda(1), new CudaRuntime.Availability(List.of(GPU), null), Optional.empty()));
        assertTrue(missing.getMessage().contains("there is no CUDA device 1"), missing.getMessage());
        assertThrows(IllegalStateException.class, () -> BackendChoice.decide(Device.cuda(0),
                new CudaRuntime.Availability(List.of(GPU), null), Optional.of("80 experts per token exceed the CUDA router's 64")));
    }

    @Test
    void peakBandwidthFromClockAndBusWidth() {
        // H100 SXM as the driver reports it: 2619 MHz, 5120-bit bus: 3.35 TB/s.
        assertEquals(3.352e12, GPU.peakBandwidth(), 1e9);
    }

    /** The real probe on a machine without a GPU (skipped where there is one). */
    @Test
    void withoutAGpuAutoRunsOnTheCpuAndSaysSoWhileCudaFails() throws Exception {
        CudaRuntime.Availability here = CudaRuntime.probe();
        assumeFalse(here.available(), "a CUDA device is present: the fallback is not exercised here");
        Path model = dir.resolve("tiny.gguf");
        new RandomModelWriter(new ModelShape(Architecture.LLAMA, 300, 64, 1, 4, 2, 16, 64, 0, 0, 64), GgmlType.F32, 7)
                .write(model);

        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        EngineInfo info;
        try (Engine engine = Engine.load(model, EngineOptions.defaults().withThreads(1).withContextLength(64))) {
            info = engine.info();
            assertTrue(engine.generate(GenerationRequest.raw("ab", 3)).tokens().length >= 1);
        } finally {
            System.setErr(err);
        }
        assertEquals("cpu", info.device());
        assertTrue(info.describe().contains("device:        cpu"), info.describe());
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("device auto: running on the CPU: " + here.problem()), "log was: " + log);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Engine.load(model,
                EngineOptions.defaults().withThreads(1).withContextLength(64).withDevice(Device.cuda(0))));
        assertEquals("device cuda:0 was requested, but " + here.problem(), e.getMessage());

        try (Engine engine = Engine.load(model, EngineOptions.defaults().withThreads(1).withContextLength(64)
                .withDevice(Device.CPU))) {
            assertEquals("cpu", engine.info().device());
        }
    }
}
