package io.docswarm.engine.cuda;

import static jcuda.driver.JCudaDriver.cuCtxCreate;
import static jcuda.driver.JCudaDriver.cuCtxDestroy;
import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetAttribute;
import static jcuda.driver.JCudaDriver.cuFuncGetAttribute;
import static jcuda.driver.JCudaDriver.cuGraphDestroy;
import static jcuda.driver.JCudaDriver.cuGraphExecDestroy;
import static jcuda.driver.JCudaDriver.cuGraphInstantiate;
import static jcuda.driver.JCudaDriver.cuGraphLaunch;
import static jcuda.driver.JCudaDriver.cuStreamBeginCapture;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamEndCapture;
import static jcuda.driver.JCudaDriver.cuLaunchCooperativeKernel;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemGetInfo;
import static jcuda.driver.JCudaDriver.cuMemHostGetDevicePointer;
import static jcuda.driver.JCudaDriver.cuMemHostRegister;
import static jcuda.driver.JCudaDriver.cuMemHostUnregister;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleGetGlobal;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUctx_flags;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUgraph;
import jcuda.driver.CUgraphExec;
import jcuda.driver.CUstream;
import jcuda.driver.CUstreamCaptureMode;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CUDA context on one device, through JCuda's driver API only: the packaged fatbins loaded with
 * {@code cuModuleLoadData}, kernels launched with {@code cuLaunchKernel} (or, for recorded sequences on sm_90
 * and newer, {@code cuLaunchKernelEx} through {@link ProgrammaticLaunch}) on one blocking stream (the
 * synchronous copies on the legacy default stream are ordered with it both ways, so a device-to-host copy
 * waits for the kernels before it), recorded sequences as CUDA graphs (stream capture), and the buffers and
 * graphs it made, freed on close.
 */
final class CudaContext implements Gpu {
    private static final Logger LOG = LoggerFactory.getLogger(CudaContext.class);
    /** {@code NativePointerObject.getNativePointer}, which JCuda keeps protected. */
    private static final MethodHandle NATIVE_POINTER = nativePointerGetter();
    /**
     * Where kernels launch with programmatic stream serialization on devices that have it: "graphs" (the
     * default) only in recorded sequences (the decode step), "true" everywhere, "false" nowhere. Measured on an
     * H200 (docs/benchmarks.md, session 8): the decode step gains 5%, prompts lose 2.5% when it is used there too.
     */
    static final String PROGRAMMATIC_LAUNCH_PROPERTY = "docswarm.cuda.programmaticLaunch";
    /** "false" stops the products of fixed weights prefetching their rows (matvec.cu, prefetch_rows); or "true". */
    static final String PREFETCH_ROWS_PROPERTY = "docswarm.cuda.prefetchRows";
    /** Alignment and size unit of registered host memory. */
    private static final long REGISTER_UNIT = 64 << 10;
    /** Copies from the mapped file go in slices of this size (ByteBuffers hold at most 2 GiB). */
    private static final long COPY_CHUNK = 1L << 28;

    private final CudaDeviceInfo device;
    private final CUcontext context = new CUcontext();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private final CUdeviceptr nullPointer = new CUdeviceptr();
    private final CUstream stream = new CUstream();
    private final List<CUgraphExec> graphs = new ArrayList<>();
    /** Launches with programmatic stream serialization (compute capability 9.0 and newer), or null. */
    private final ProgrammaticLaunch programmatic;
    /** Whether {@link #programmatic} is used only while a sequence is being recorded. */
    private final boolean programmaticOnlyInGraphs;
    private boolean capturing;
    private boolean closed;

    CudaContext(CudaDeviceInfo device) {
        this.device = device;
        JCudaDriver.setExceptionsEnabled(true);
        CUdevice d = new CUdevice();
        cuDeviceGet(d, device.ordinal());
        cuCtxCreate(context, CUctx_flags.CU_CTX_MAP_HOST, d);
        try {
            cuStreamCreate(stream, 0); // CU_STREAM_DEFAULT: blocking, i.e. ordered with the legacy stream
            for (String name : CudaKernels.MODULES) {
                CUmodule module = new CUmodule();
                // cuModuleLoadData takes fatbins too; JCuda's cuModuleLoadFatBinary left the module handle invalid on
                // a real device (CUDA_ERROR_INVALID_HANDLE at the first cuModuleGetFunction, H200, driver 580).
                cuModuleLoadData(module, CudaKernels.load(name));
                for (String kernel : kernelNames(name)) {
                    CUfunction f = new CUfunction();
                    cuModuleGetFunction(f, module, kernel);
                    functions.put(kernel, f);
                }
                if (name.equals("matvec") && choice(PREFETCH_ROWS_PROPERTY, "true", "false").equals("false")) {
                    CUdeviceptr flag = new CUdeviceptr();
                    cuModuleGetGlobal(flag, new long[1], module, "prefetchRows");
                    cuMemcpyHtoD(flag, Pointer.to(new int[] {0}), 4);
                }
            }
            String mode = choice(PROGRAMMATIC_LAUNCH_PROPERTY, "graphs", "true", "false");
            programmatic = mode.equals("false") ? null : programmaticLaunch(device, functions);
            programmaticOnlyInGraphs = mode.equals("graphs");
        } catch (RuntimeException e) {
            try {
                cuCtxDestroy(context);
            } catch (RuntimeException destroying) {
                e.addSuppressed(destroying);
            }
            throw e;
        }
    }

    /**
     * Programmatic dependent launch where the device has it (sm_90 and newer: griddepcontrol) and the property
     * does not turn it off; every kernel waits for its predecessors itself (launch_order.cuh), but only where
     * it was compiled for compute_90 or newer: kernels built for an older target (CUDA_ARCHS="80" in build.sh,
     * or older PTX JIT-compiled for a newer device) have no wait, and launching them early would race.
     */
    private static ProgrammaticLaunch programmaticLaunch(CudaDeviceInfo device, Map<String, CUfunction> functions) {
        if (device.computeMajor() < 9) {
            return null;
        }
        for (Map.Entry<String, CUfunction> f : functions.entrySet()) {
            int[] ptx = new int[1];
            cuFuncGetAttribute(ptx, CUfunction_attribute.CU_FUNC_ATTRIBUTE_PTX_VERSION, f.getValue());
            if (ptx[0] < 90) {
                LOG.info("CUDA: kernel {} was compiled for compute_{}, which has no griddepcontrol; kernels launch one "
                        + "after another", f.getKey(), ptx[0]);
                return null;
            }
        }
        ProgrammaticLaunch launch = ProgrammaticLaunch.find().orElse(null);
        LOG.info("CUDA: {}", launch == null ? "the driver has no cuLaunchKernelEx; kernels launch one after another"
                : "kernels launch with programmatic stream serialization (each starts while the previous one ends)");
        return launch;
    }

    /** A system property that is {@code fallback} when unset or one of {@code others}; anything else is refused by name. */
    static String choice(String property, String fallback, String... others) {
        String value = System.getProperty(property, fallback);
        if (!value.equals(fallback) && !List.of(others).contains(value)) {
            throw new IllegalArgumentException(property + "=" + value + ": one of " + fallback + ", "
                    + String.join(", ", others));
        }
        return value;
    }

    /** The kernels of each module, looked up when the context is made (CudaPackagingTest checks them against the sources). */
    static List<String> kernelNames(String module) {
        return switch (module) {
            case "matvec" -> List.of("matvec_f32", "matvec_f16", "matvec_bf16", "matvec_q8_0", "matvec_q4_0",
                    "matvec_q4_1", "matvec_q5_0", "matvec_q5_1", "matvec_q4_k", "matvec_q5_k", "matvec_q6_k",
                    "matvec_wide_f32", "matvec_wide_f16", "matvec_wide_bf16", "swiglu_f32", "swiglu_f16",
                    "swiglu_bf16", "swiglu_q8_0", "swiglu_q4_0", "swiglu_q4_1", "swiglu_q5_0", "swiglu_q5_1",
                    "swiglu_q4_k", "swiglu_q5_k", "swiglu_q6_k", "matvec_pair_q4_k_q6_k", "matvec_pair_q5_k_q6_k",
                    "matvec_pair_q6_k_q4_k", "matvec_pair_q6_k_q5_k", "matvec_pair_q4_k_q5_k", "matvec_pair_q5_k_q4_k",
                    "quantize_q8_0", "quantize_q8_1", "quantize_q8_k", "round_activations", "get_rows");
            case "ops" -> List.of("rms_norm", "rms_norm_q8_k", "qk_norm_rope_store", "qk_norm_rope_store_f16",
                    "rope_angles_table", "rope", "rope_copy",
                    "latent_norm_rope_store", "store_kv", "store_kv_f16", "attention_scores", "attention_scores_f16",
                    "attention_stats", "attention_values", "attention_values_f16", "attention_combine",
                    "attention_combine_q8_k", "silu_mul", "add_residual", "moe_route", "moe_group", "moe_combine",
                    "argmax_blocks", "argmax_pick", "top_k", "gather_logits");
            case "ceiling" -> List.of("ceiling_phase", "ceiling_phase_staged", "ceiling_persistent");
            default -> throw new IllegalArgumentException(module);
        };
    }

    @Override
    public CudaDeviceInfo device() {
        return device;
    }

    /** Makes this context current on the calling thread (the engine may be called from several threads). */
    @Override
    public void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    @Override
    public long freeMemory() {
        long[] free = new long[1];
        long[] total = new long[1];
        cuMemGetInfo(free, total);
        return free[0];
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        CUdeviceptr p = new CUdeviceptr();
        cuMemAlloc(p, Math.max(bytes, 4));
        DeviceBuffer b = new DeviceBuffer(p, 0, bytes, null);
        buffers.add(b);
        return b;
    }

    /**
     * Host memory from the FFM API, page-locked and mapped into the device with {@code cuMemHostRegister}
     * (JCuda's {@code cuMemHostAlloc} wraps its memory in a ByteBuffer, which cannot exceed 2 GiB: too small
     * for the expert stacks of the models that need host memory).
     */
    @Override
    public DeviceBuffer allocateMapped(long bytes) {
        Arena arena = Arena.ofShared();
        try {
            // Registration pins whole pages: whole 64 KiB units (the largest common page), so that two buffers
            // never share a page, which a second registration would refuse.
            long size = (Math.max(bytes, 4) + REGISTER_UNIT - 1) / REGISTER_UNIT * REGISTER_UNIT;
            MemorySegment segment = arena.allocate(size, REGISTER_UNIT);
            Pointer host = new AddressPointer(segment.address());
            cuMemHostRegister(host, segment.byteSize(), JCudaDriver.CU_MEMHOSTREGISTER_DEVICEMAP
                    | JCudaDriver.CU_MEMHOSTREGISTER_PORTABLE);
            MappedHost mapped = new MappedHost(segment, host, arena);
            try {
                CUdeviceptr p = new CUdeviceptr();
                cuMemHostGetDevicePointer(p, host, 0);
                DeviceBuffer b = new DeviceBuffer(p, 0, bytes, mapped);
                buffers.add(b);
                return b;
            } catch (RuntimeException e) {
                cuMemHostUnregister(host);
                throw e;
            }
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    /** Registered host memory: the segment the host writes, the pointer CUDA knows, the arena that frees it. */
    private record MappedHost(MemorySegment segment, Pointer pointer, Arena arena) {}

    /** A JCuda pointer to a native address (memory the FFM API allocated). */
    private static final class AddressPointer extends Pointer {
        AddressPointer(long address) {
            super(address);
        }
    }

    /** The device address of a buffer (view). */
    private static CUdeviceptr pointer(DeviceBuffer b) {
        CUdeviceptr base = (CUdeviceptr) b.handle();
        return b.offset() == 0 ? base : base.withByteOffset(b.offset());
    }

    @Override
    public void upload(MemorySegment src, DeviceBuffer dst) {
        long size = src.byteSize();
        if (size > dst.bytes()) {
            throw new IllegalArgumentException(size + " bytes do not fit in a buffer of " + dst.bytes());
        }
        for (long done = 0; done < size; done += COPY_CHUNK) {
            long n = Math.min(COPY_CHUNK, size - done);
            if (dst.mapped()) {
                MemorySegment.copy(src, done, ((MappedHost) dst.host()).segment(), dst.offset() + done, n);
            } else {
                cuMemcpyHtoD(pointer(dst.at(done)), Pointer.to(src.asSlice(done, n).asByteBuffer()), n);
            }
        }
    }

    @Override
    public void upload(int[] src, int n, DeviceBuffer dst) {
        cuMemcpyHtoD(pointer(dst), Pointer.to(src), 4L * n);
    }

    @Override
    public void upload(float[] src, int n, DeviceBuffer dst) {
        cuMemcpyHtoD(pointer(dst), Pointer.to(src), 4L * n);
    }

    @Override
    public void download(DeviceBuffer src, float[] dst, int n) {
        cuMemcpyDtoH(Pointer.to(dst), pointer(src), 4L * n);
    }

    @Override
    public void download(DeviceBuffer src, int[] dst, int n) {
        cuMemcpyDtoH(Pointer.to(dst), pointer(src), 4L * n);
    }

    @Override
    public void copy(DeviceBuffer src, DeviceBuffer dst, long bytes) {
        cuMemcpyDtoD(pointer(dst), pointer(src), bytes);
    }

    @Override
    public void launch(String kernel, int gridX, int gridY, int block, Object... args) {
        CUfunction f = function(kernel);
        if (programmatic != null && (capturing || !programmaticOnlyInGraphs)) {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = switch (args[i]) {
                    case null -> new ProgrammaticLaunch.DeviceAddress(0);
                    case DeviceBuffer b -> new ProgrammaticLaunch.DeviceAddress(address((CUdeviceptr) b.handle()) + b.offset());
                    default -> args[i];
                };
            }
            programmatic.launch(kernel, address(f), address(stream), gridX, gridY, block, values);
            return;
        }
        cuLaunchKernel(f, gridX, gridY, 1, block, 1, 1, 0, stream, kernelParams(args), null);
    }

    @Override
    public void launchCooperative(String kernel, int gridX, int block, Object... args) {
        if (capturing) {
            throw new IllegalStateException("a cooperative launch while recording: " + kernel);
        }
        cuLaunchCooperativeKernel(function(kernel), gridX, 1, 1, block, 1, 1, 0, stream, kernelParams(args));
    }

    @Override
    public int cooperativeBlocks(String kernel, int block) {
        int[] perMultiprocessor = new int[1];
        cuOccupancyMaxActiveBlocksPerMultiprocessor(perMultiprocessor, function(kernel), block, 0);
        return perMultiprocessor[0] * multiprocessors();
    }

    @Override
    public int multiprocessors() {
        int[] multiprocessors = new int[1];
        CUdevice d = new CUdevice();
        cuDeviceGet(d, device.ordinal());
        cuDeviceGetAttribute(multiprocessors, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, d);
        return multiprocessors[0];
    }

    private CUfunction function(String kernel) {
        CUfunction f = functions.get(kernel);
        if (f == null) {
            throw new IllegalArgumentException("no kernel " + kernel);
        }
        return f;
    }

    /** cuLaunchKernel's kernelParams: a pointer to each argument's value. */
    private Pointer kernelParams(Object... args) {
        Pointer[] params = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            params[i] = switch (args[i]) {
                case null -> Pointer.to(nullPointer);
                case DeviceBuffer b -> Pointer.to(pointer(b));
                case Integer v -> Pointer.to(new int[] {v});
                case Long v -> Pointer.to(new long[] {v});
                case Float v -> Pointer.to(new float[] {v});
                default -> throw new IllegalArgumentException("kernel argument of type " + args[i].getClass());
            };
        }
        return Pointer.to(params);
    }

    /** JCuda's handle as the driver's raw value (JCuda keeps it in a field only its subclasses may read). */
    static long address(NativePointerObject handle) {
        try {
            return (long) NATIVE_POINTER.invokeExact(handle);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static MethodHandle nativePointerGetter() {
        try {
            return MethodHandles.privateLookupIn(NativePointerObject.class, MethodHandles.lookup())
                    .findVirtual(NativePointerObject.class, "getNativePointer", MethodType.methodType(long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Object capture(Runnable launches) {
        // Relaxed: the lazily allocated activation forms may call cuMemAlloc while recording.
        cuStreamBeginCapture(stream, CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_RELAXED);
        CUgraph graph = new CUgraph();
        Throwable failure = null;
        capturing = true;
        try {
            launches.run();
        } catch (Throwable e) {
            failure = e;
        } finally {
            capturing = false;
            // Always end the capture: a stream left capturing would refuse everything after.
            try {
                cuStreamEndCapture(stream, graph);
            } catch (RuntimeException e) {
                // The first failure is the cause (a failed launch invalidates the capture, so this one follows).
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            destroyQuietly(graph);
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }
        CUgraphExec exec = new CUgraphExec();
        try {
            cuGraphInstantiate(exec, graph, 0);
        } finally {
            cuGraphDestroy(graph);
        }
        graphs.add(exec);
        return exec;
    }

    private static void destroyQuietly(CUgraph graph) {
        try {
            cuGraphDestroy(graph);
        } catch (RuntimeException ignored) {
            // no graph was made, or the context is already failing: nothing more to free
        }
    }

    @Override
    public void replay(Object recording) {
        cuGraphLaunch((CUgraphExec) recording, stream);
    }

    @Override
    public void synchronize() {
        cuCtxSynchronize();
    }

    /**
     * Frees the graphs, buffers and registered host memory, then the context. After a sticky device error
     * every driver call fails: each free is tried on its own and the context is destroyed regardless (which
     * releases what it owns); the first failure is rethrown at the end.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
            makeCurrent();
            // Nothing may still run on memory about to be freed.
            failure = attempt(JCudaDriver::cuCtxSynchronize, failure);
            for (CUgraphExec g : graphs) {
                failure = attempt(() -> cuGraphExecDestroy(g), failure);
            }
            for (DeviceBuffer b : buffers) {
                if (b.host() instanceof MappedHost m) {
                    failure = attempt(() -> cuMemHostUnregister(m.pointer()), failure);
                } else {
                    failure = attempt(() -> cuMemFree((CUdeviceptr) b.handle()), failure);
                }
            }
        } finally {
            graphs.clear();
            failure = attempt(() -> cuCtxDestroy(context), failure);
            // Host memory goes back only now: the device may not read it after the context is gone.
            for (DeviceBuffer b : buffers) {
                if (b.host() instanceof MappedHost m) {
                    m.arena().close();
                }
            }
            buffers.clear();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException attempt(Runnable call, RuntimeException earlier) {
        try {
            call.run();
            return earlier;
        } catch (RuntimeException e) {
            if (earlier == null) {
                return e;
            }
            earlier.addSuppressed(e);
            return earlier;
        }
    }
}
