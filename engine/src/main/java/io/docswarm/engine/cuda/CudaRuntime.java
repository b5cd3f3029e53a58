package io.docswarm.engine.cuda;

import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDeviceTotalMem;
import static jcuda.driver.JCudaDriver.cuDriverGetVersion;
import static jcuda.driver.JCudaDriver.cuInit;

import java.util.ArrayList;
import java.util.List;
import jcuda.CudaException;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Whether the CUDA backend can run here, asked once per JVM: the kernels must be packaged (the build had
 * nvcc), JCuda's driver bindings must load ({@code libcuda.so.1}, i.e. an NVIDIA driver), and the driver
 * must report a device of compute capability 8.0 or newer (the fatbins hold sm_80 and sm_90 code and
 * compute_90 PTX). Every failure becomes a reason string; nothing here throws.
 */
public final class CudaRuntime {
    /** The oldest compute capability the packaged kernels run on. */
    static final int MIN_COMPUTE_MAJOR = 8;

    /** The result of {@link #probe()}: the usable devices, or why there are none. */
    public record Availability(List<CudaDeviceInfo> devices, String problem) {
        public Availability {
            devices = List.copyOf(devices);
        }

        public boolean available() {
            return problem == null && !devices.isEmpty();
        }

        /**
         * The usable device with CUDA ordinal {@code ordinal} (as the driver numbers them, after
         * CUDA_VISIBLE_DEVICES), if there is one: devices too old to use keep their numbers.
         */
        public java.util.Optional<CudaDeviceInfo> device(int ordinal) {
            return devices.stream().filter(d -> d.ordinal() == ordinal).findFirst();
        }

        static Availability none(String problem) {
            return new Availability(List.of(), problem);
        }
    }

    private static Availability cached;

    private CudaRuntime() {
    }

    public static synchronized Availability probe() {
        if (cached == null) {
            cached = detect();
        }
        return cached;
    }

    private static Availability detect() {
        if (!CudaKernels.packaged()) {
            return Availability.none("the CUDA backend is not packaged (the engine was built without nvcc)");
        }
        try {
            JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] driver = new int[1];
            cuDriverGetVersion(driver);
            String tooOldDriver = driverProblem(driver[0], CudaKernels.builtWith());
            if (tooOldDriver != null) {
                return Availability.none(tooOldDriver);
            }
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (count[0] == 0) {
                return Availability.none("the CUDA driver reports no device");
            }
            List<CudaDeviceInfo> devices = new ArrayList<>();
            List<String> tooOld = new ArrayList<>();
            for (int i = 0; i < count[0]; i++) {
                CudaDeviceInfo info = describe(i);
                if (info.computeMajor() >= MIN_COMPUTE_MAJOR) {
                    devices.add(info);
                } else {
                    tooOld.add(info.describe());
                }
            }
            if (devices.isEmpty()) {
                return Availability.none("no CUDA device of compute capability 8.0 or newer (found " + tooOld + ")");
            }
            return new Availability(devices, null);
        } catch (LinkageError e) {
            // UnsatisfiedLinkError (no libcuda.so.1), NoClassDefFoundError or ExceptionInInitializerError after it.
            return Availability.none(noDriver(e));
        } catch (CudaException e) {
            return Availability.none("the CUDA driver failed to start: " + e.getMessage());
        }
    }

    /**
     * Why a driver of {@code driverVersion} (CUDA's encoding: 1000 x major + 10 x minor) cannot load kernels
     * built with CUDA {@code builtWith} ("13.0"), or null when it can: the driver must support that major
     * release (within it, minor-version compatibility lets an older driver run the compiled sm_80/sm_90 code;
     * a newer GPU that must JIT the compute_90 PTX needs a driver of the toolkit's minor release, which a
     * failed module load then reports).
     */
    static String driverProblem(int driverVersion, String builtWith) {
        if (builtWith == null) {
            return null;
        }
        int major = Integer.parseInt(builtWith.substring(0, builtWith.indexOf('.')));
        if (driverVersion / 1000 >= major) {
            return null;
        }
        return "the CUDA driver supports CUDA " + driverVersion / 1000 + "." + driverVersion % 1000 / 10
                + ", but the kernels were built with CUDA " + builtWith + " (update the driver, or build with an older nvcc)";
    }

    /** One line for a failed load of JCuda's native library (its message holds whole stack traces). */
    static String noDriver(LinkageError e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("libcuda.so")) {
            return "no CUDA driver (libcuda.so.1 cannot be loaded)";
        }
        int end = message.indexOf('\n');
        return "no CUDA driver (" + e.getClass().getSimpleName() + ": " + (end < 0 ? message : message.substring(0, end))
                + ")";
    }

    static CudaDeviceInfo describe(int ordinal) {
        CUdevice device = new CUdevice();
        cuDeviceGet(device, ordinal);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        long[] memory = new long[1];
        cuDeviceTotalMem(memory, device);
        return new CudaDeviceInfo(ordinal, new String(name, 0, end, java.nio.charset.StandardCharsets.UTF_8), memory[0],
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE),
                attribute(device, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH));
    }

    private static int attribute(CUdevice device, int attribute) {
        int[] value = new int[1];
        cuDeviceGetAttribute(value, attribute, device);
        return value[0];
    }

    /**
     * For the command-line tools (benchmarks, profiles): the first usable device, or, with none, the probe's
     * reason on standard error and exit status 1.
     */
    static CudaDeviceInfo firstDeviceOrExit() {
        Availability cuda = probe();
        if (!cuda.available()) {
            System.err.println("no usable CUDA device: " + cuda.problem());
            System.exit(1);
        }
        return cuda.devices().get(0);
    }
}
