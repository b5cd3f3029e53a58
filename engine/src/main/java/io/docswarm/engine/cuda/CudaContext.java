package io.docswarm.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemFreeHost;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemHostAlloc;
import static jcuda.driver.JCudaDriver.cuMemHostGetDevicePointer;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadFatBinary;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUctx_flags;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * One CUDA context on one device, through JCuda's driver API only: the packaged fatbins loaded with
 * {@code cuModuleLoadFatBinary}, kernels launched with {@code cuLaunchKernel} on the default stream (so a
 * device-to-host copy waits for the kernels before it), and the buffers it allocated, freed on close.
 */
final class CudaContext implements AutoCloseable {
    /** Copies from the mapped file go in slices of this size (ByteBuffers hold at most 2 GiB). */
    private static final long COPY_CHUNK = 1L << 28;

    private final CudaDeviceInfo device;
    private final CUcontext context = new CUcontext();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private final CUdeviceptr nullPointer = new CUdeviceptr();
    private boolean closed;

    CudaContext(CudaDeviceInfo device) {
        this.device = device;
        JCudaDriver.setExceptionsEnabled(true);
        CUdevice d = new CUdevice();
        cuDeviceGet(d, device.ordinal());
        cuCtxCreate(context, CUctx_flags.CU_CTX_MAP_HOST, d);
        try {
            for (String name : CudaKernels.MODULES) {
                CUmodule module = new CUmodule();
                cuModuleLoadFatBinary(module, CudaKernels.load(name));
                for (String kernel : kernelNames(name)) {
                    CUfunction f = new CUfunction();
                    cuModuleGetFunction(f, module, kernel);
                    functions.put(kernel, f);
                }
            }
        } catch (RuntimeException e) {
            cuCtxDestroy(context);
            throw e;
        }
    }

    private static List<String> kernelNames(String module) {
        return switch (module) {
            case "matvec" -> List.of("matvec_f32", "matvec_f16", "matvec_bf16", "matvec_q8_0", "matvec_q4_0",
                    "matvec_q4_k", "matvec_q5_k", "matvec_q6_k", "quantize_q8_0", "quantize_q8_k",
                    "round_activations", "get_rows");
            case "ops" -> List.of("rms_norm", "rope_angles", "rope", "attention", "silu_mul", "add_residual",
                    "moe_route", "moe_combine", "argmax");
            default -> throw new IllegalArgumentException(module);
        };
    }

    CudaDeviceInfo device() {
        return device;
    }

    /** Makes this context current on the calling thread (the engine may be called from several threads). */
    void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    /** Free and total device memory now. */
    long[] memoryInfo() {
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        return new long[] {free[0], total[0]};
    }

    DeviceBuffer allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(bytes, 4));
        DeviceBuffer b = new DeviceBuffer(p, bytes, null);
        buffers.add(b);
        return b;
    }

    /** Pinned host memory the device reads through its own address space (zero-copy). */
    DeviceBuffer allocateMapped(long bytes) {
        Pointer host = new Pointer();
        cuMemHostAlloc(host, Math.max(bytes, 4), JCudaDriver.CU_MEMHOSTALLOC_DEVICEMAP | JCudaDriver.CU_MEMHOSTALLOC_PORTABLE);
        CUdeviceptr p = new CUdeviceptr();
        cuMemHostGetDevicePointer(p, host, 0);
        DeviceBuffer b = new DeviceBuffer(p, bytes, host);
        buffers.add(b);
        return b;
    }

    /** Copies a (memory-mapped) segment to {@code dst} at {@code offset}. */
    void upload(MemorySegment src, DeviceBuffer dst, long offset) {
        long size = src.byteSize();
        for (long done = 0; done < size; done += COPY_CHUNK) {
            long n = Math.min(COPY_CHUNK, size - done);
            if (dst.mapped()) {
                dst.host().withByteOffset(offset + done).getByteBuffer(0, n).put(src.asSlice(done, n).asByteBuffer());
            } else {
                cuMemcpyHtoD(dst.at(offset + done), Pointer.to(src.asSlice(done, n).asByteBuffer()), n);
            }
        }
    }

    void upload(float[] src, DeviceBuffer dst) {
        cuMemcpyHtoD(dst.pointer(), Pointer.to(src), 4L * src.length);
    }

    void upload(int[] src, int n, DeviceBuffer dst) {
        cuMemcpyHtoD(dst.pointer(), Pointer.to(src), 4L * n);
    }

    void download(DeviceBuffer src, long offset, float[] dst, int n) {
        cuMemcpyDtoH(Pointer.to(dst), src.at(offset), 4L * n);
    }

    void download(DeviceBuffer src, int[] dst, int n) {
        cuMemcpyDtoH(Pointer.to(dst), src.pointer(), 4L * n);
    }

    void copy(DeviceBuffer src, long srcOffset, DeviceBuffer dst, long dstOffset, long bytes) {
        cuMemcpyDtoD(dst.at(dstOffset), src.at(srcOffset), bytes);
    }

    /**
     * Launches {@code kernel} on a grid of {@code gridX x gridY} blocks of {@code block} threads. Arguments:
     * {@link DeviceBuffer} or {@link CUdeviceptr} (a pointer), null (a null pointer), Integer, Long, Float.
     */
    void launch(String kernel, int gridX, int gridY, int block, Object... args) {
        CUfunction f = functions.get(kernel);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + kernel);
        }
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = switch (args[i]) {
                case null -> Pointer.to(nullPointer);
                case DeviceBuffer b -> Pointer.to(b.pointer());
                case CUdeviceptr p -> Pointer.to(p);
                case Integer v -> Pointer.to(new int[] {v});
                case Long v -> Pointer.to(new long[] {v});
                case Float v -> Pointer.to(new float[] {v});
                default -> throw new IllegalArgumentException("kernel argument of type " + args[i].getClass());
            };
        }
        cuLaunchKernel(f, gridX, gridY, 1, block, 1, 1, 0, null, Pointer.to(params), null);
    }

    void synchronize() {
        cuCtxSynchronize();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        makeCurrent();
        for (DeviceBuffer b : buffers) {
            if (b.mapped()) {
                cuMemFreeHost(b.host());
            } else {
                cuMemFree(b.pointer());
            }
        }
        buffers.clear();
        cuCtxDestroy(context);
    }
}
