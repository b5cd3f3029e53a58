package io.docswarm.engine.cuda;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import jcuda.CudaException;
import jcuda.driver.CUresult;

/**
 * Kernel launches through the driver's {@code cuLaunchKernelEx} with
 * {@code CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION}, called with the FFM API because JCuda 12.6 has
 * no binding for it. The attribute lets the next kernel's blocks be scheduled while the previous kernel runs;
 * the kernels restore the order themselves (launch_order.cuh), so this only hides launch latency. It shares
 * the driver library, context and stream with JCuda: the handles are JCuda's, read as raw addresses.
 */
final class ProgrammaticLaunch {
    /** {@code CUlaunchConfig} of cuda.h (CUDA 12 and 13); ProgrammaticLaunchTest compares it with the header. */
    static final StructLayout CONFIG = MemoryLayout.structLayout(
            JAVA_INT.withName("gridDimX"), JAVA_INT.withName("gridDimY"), JAVA_INT.withName("gridDimZ"),
            JAVA_INT.withName("blockDimX"), JAVA_INT.withName("blockDimY"), JAVA_INT.withName("blockDimZ"),
            JAVA_INT.withName("sharedMemBytes"), MemoryLayout.paddingLayout(4), ADDRESS.withName("hStream"),
            ADDRESS.withName("attrs"), JAVA_INT.withName("numAttrs"), MemoryLayout.paddingLayout(4));
    /** {@code CUlaunchAttribute}: the id, padding to 8 bytes, then a 64-byte value union (an int for this attribute). */
    static final StructLayout ATTRIBUTE = MemoryLayout.structLayout(
            JAVA_INT.withName("id"), MemoryLayout.paddingLayout(4), JAVA_INT.withName("value"),
            MemoryLayout.paddingLayout(60));
    /** {@code CU_LAUNCH_ATTRIBUTE_PROGRAMMATIC_STREAM_SERIALIZATION}. */
    static final int PROGRAMMATIC_STREAM_SERIALIZATION = 6;

    private static final VarHandle GRID_X = field("gridDimX");
    private static final VarHandle GRID_Y = field("gridDimY");
    private static final VarHandle GRID_Z = field("gridDimZ");
    private static final VarHandle BLOCK_X = field("blockDimX");
    private static final VarHandle BLOCK_Y = field("blockDimY");
    private static final VarHandle BLOCK_Z = field("blockDimZ");
    private static final VarHandle STREAM = field("hStream");
    private static final VarHandle ATTRS = field("attrs");
    private static final VarHandle NUM_ATTRS = field("numAttrs");

    /** The most arguments a kernel takes here (the products take 18). */
    static final int MAX_ARGS = 32;

    private final MethodHandle launchKernelEx;
    private final MemorySegment config;
    private final MemorySegment params;
    private final MemorySegment slots;

    private ProgrammaticLaunch(MethodHandle launchKernelEx) {
        this.launchKernelEx = launchKernelEx;
        // Freed with this object (the segments below share the arena's scope, so the attribute lives as long
        // as the configuration that points to it); the driver copies what it needs during each call.
        Arena arena = Arena.ofAuto();
        // C aligns the attribute to 8 (its value union holds pointers); the layout's ints ask only for 4.
        MemorySegment attribute = arena.allocate(ATTRIBUTE.byteSize(), 8);
        attribute.set(JAVA_INT, ATTRIBUTE.byteOffset(MemoryLayout.PathElement.groupElement("id")),
                PROGRAMMATIC_STREAM_SERIALIZATION);
        attribute.set(JAVA_INT, ATTRIBUTE.byteOffset(MemoryLayout.PathElement.groupElement("value")), 1);
        config = arena.allocate(CONFIG);
        GRID_Z.set(config, 0L, 1);
        BLOCK_Y.set(config, 0L, 1);
        BLOCK_Z.set(config, 0L, 1);
        ATTRS.set(config, 0L, attribute);
        NUM_ATTRS.set(config, 0L, 1);
        slots = arena.allocate(8L * MAX_ARGS, 8);
        params = arena.allocate(ADDRESS, MAX_ARGS);
        for (int i = 0; i < MAX_ARGS; i++) {
            params.setAtIndex(ADDRESS, i, slots.asSlice(8L * i, 8));
        }
    }

    /** The driver's cuLaunchKernelEx, or empty where the driver library lacks it (before CUDA 11.8) or cannot be opened. */
    static Optional<ProgrammaticLaunch> find() {
        // The library JCuda already loaded: dlopen hands back the same one, with the same context state.
        return find("libcuda.so.1");
    }

    /** cuLaunchKernelEx from the library {@code driverLibrary} (a name for dlopen, or a path). */
    static Optional<ProgrammaticLaunch> find(String driverLibrary) {
        SymbolLookup driver;
        try {
            driver = SymbolLookup.libraryLookup(driverLibrary, Arena.global());
        } catch (IllegalArgumentException notLoadable) {
            return Optional.empty(); // plain launches then
        }
        return driver.find("cuLaunchKernelEx").map(symbol -> new ProgrammaticLaunch(Linker.nativeLinker().downcallHandle(
                symbol, FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS))));
    }

    /**
     * Launches {@code function} on {@code stream} (raw driver handles) over gridX x gridY blocks of {@code block}
     * threads. Arguments: a {@link DeviceAddress} for pointers, Integer, Long or Float for values. The native
     * structures are written into one buffer made once (the prompt path launches thousands of kernels, and
     * allocating per launch showed in its speed); launches are serialized on it.
     */
    synchronized void launch(String name, long function, long stream, int gridX, int gridY, int block, Object... args) {
        if (args.length > MAX_ARGS) {
            throw new IllegalArgumentException(name + ": " + args.length + " kernel arguments, at most " + MAX_ARGS);
        }
        GRID_X.set(config, 0L, gridX);
        GRID_Y.set(config, 0L, gridY);
        BLOCK_X.set(config, 0L, block);
        STREAM.set(config, 0L, MemorySegment.ofAddress(stream));
        // kernelParams: one pointer per argument, each to its own 8-byte slot holding the argument's value.
        for (int i = 0; i < args.length; i++) {
            long at = 8L * i;
            switch (args[i]) {
                case DeviceAddress a -> slots.set(JAVA_LONG, at, a.address());
                case Integer v -> slots.set(JAVA_LONG, at, v); // sign-extended: no stale high half in the slot
                case Long v -> slots.set(JAVA_LONG, at, v);
                case Float v -> slots.set(JAVA_FLOAT, at, v);
                default -> throw new IllegalArgumentException("kernel argument of type " + args[i].getClass());
            }
        }
        int result;
        try {
            result = (int) launchKernelEx.invokeExact(config, MemorySegment.ofAddress(function), params, MemorySegment.NULL);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException("cuLaunchKernelEx(" + name + "): " + CUresult.stringFor(result));
        }
    }

    /** A device address passed by value as a kernel's pointer argument. */
    record DeviceAddress(long address) {}

    private static VarHandle field(String name) {
        return CONFIG.varHandle(MemoryLayout.PathElement.groupElement(name));
    }
}
