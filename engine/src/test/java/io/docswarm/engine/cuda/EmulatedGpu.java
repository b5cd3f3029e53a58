package io.docswarm.engine.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Gpu} that runs the real kernel sources on the host: engine/src/main/cuda/*.cu compiled as C++
 * with src/test/cuda/emulator.cpp (cooperative fibers per block, see there) into a shared library, called
 * through the FFM API. Buffers are host memory; "mapped" buffers are too. With it, {@link CudaModel}'s
 * whole forward pass (the launch sequence, arguments, strides and offsets, and the kernels' arithmetic and
 * thread layout) runs on machines without a GPU.
 */
final class EmulatedGpu implements Gpu {
    private static final CudaDeviceInfo DEVICE = new CudaDeviceInfo(0, "host emulation", 1L << 32, 9, 0, 1, 8);

    private final Arena arena = Arena.ofShared();
    private final MethodHandle launch;
    private final long free;
    private long allocated;
    /** The launches being recorded by {@link #capture}, or null. */
    private List<Object[]> recording;
    private int replays;
    private int maxGridY = 65535;
    /** emulator.cpp's MAX_COOPERATIVE_THREADS. */
    private static final int COOPERATIVE_THREADS = 4096;
    /** Whether the blocks of a launch run from the first (else from the last; see emulator.cpp's emu_launch). */
    private boolean firstBlockFirst;

    /** Builds the emulator library into {@code dir} with the C++ compiler {@code cxx}. */
    static Path build(String cxx, Path dir) throws Exception {
        Path lib = dir.resolve("libcudaemu.so");
        List<String> command = List.of(cxx, "-O2", "-std=c++17", "-fPIC", "-shared", "-U_FORTIFY_SOURCE",
                // (fortified longjmp refuses to jump between the fibers' stacks)
                "-I", Path.of("src/main/cuda").toAbsolutePath().toString(),
                "-I", Path.of("src/test/cuda").toAbsolutePath().toString(),
                "-o", lib.toString(), Path.of("src/test/cuda/emulator.cpp").toAbsolutePath().toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("building the kernel emulator failed:\n" + new String(out));
        }
        return lib;
    }

    /** A C++ compiler on the PATH, or null. */
    static String cxx() {
        for (String name : List.of("g++", "c++", "clang++")) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(p, name))) {
                    return Path.of(p, name).toString();
                }
            }
        }
        return null;
    }

    /** @param free the device memory it claims to have (to exercise weight placement) */
    EmulatedGpu(Path library, long free) {
        this.free = free;
        Linker linker = Linker.nativeLinker();
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, arena);
        launch = linker.downcallHandle(lookup.find("emu_launch").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT));
    }

    /**
     * Runs each launch's blocks from the first on ({@code true}) or from the last back (the default): a device
     * promises no order, so every kernel must give the same results in both.
     */
    void firstBlockFirst(boolean first) {
        firstBlockFirst = first;
    }

    @Override
    public CudaDeviceInfo device() {
        return DEVICE;
    }

    @Override
    public void makeCurrent() {
    }

    @Override
    public long freeMemory() {
        return free - allocated;
    }

    /**
     * Device memory as {@code cuMemAlloc} gives it: with no promised contents. Filled with 0xFF bytes (NaN floats,
     * -1 ints) rather than the zeros an arena hands out, so that code which reads memory it never wrote, or
     * counts on a zero it never stored, fails here instead of working by luck on a fresh device.
     */
    @Override
    public DeviceBuffer allocate(long bytes) {
        allocated += bytes;
        MemorySegment s = arena.allocate(Math.max(bytes, 4), 256);
        s.fill((byte) 0xFF);
        return new DeviceBuffer(s, 0, bytes, null);
    }

    @Override
    public DeviceBuffer allocateMapped(long bytes) {
        MemorySegment s = arena.allocate(Math.max(bytes, 4), 256);
        return new DeviceBuffer(s, 0, bytes, s);
    }

    private static MemorySegment segment(DeviceBuffer b) {
        return ((MemorySegment) b.handle()).asSlice(b.offset(), b.bytes());
    }

    @Override
    public void upload(MemorySegment src, DeviceBuffer dst) {
        notRecording("a copy");
        MemorySegment.copy(src, 0, segment(dst), 0, src.byteSize());
    }

    @Override
    public void upload(int[] src, int n, DeviceBuffer dst) {
        notRecording("a copy");
        MemorySegment.copy(src, 0, segment(dst), ValueLayout.JAVA_INT, 0, n);
    }

    @Override
    public void upload(float[] src, int n, DeviceBuffer dst) {
        notRecording("a copy");
        MemorySegment.copy(src, 0, segment(dst), ValueLayout.JAVA_FLOAT, 0, n);
    }

    @Override
    public void download(DeviceBuffer src, float[] dst, int n) {
        notRecording("a copy");
        MemorySegment.copy(segment(src), ValueLayout.JAVA_FLOAT, 0, dst, 0, n);
    }

    @Override
    public void download(DeviceBuffer src, int[] dst, int n) {
        notRecording("a copy");
        MemorySegment.copy(segment(src), ValueLayout.JAVA_INT, 0, dst, 0, n);
    }

    @Override
    public void copy(DeviceBuffer src, DeviceBuffer dst, long bytes) {
        notRecording("a copy");
        MemorySegment.copy(segment(src), 0, segment(dst), 0, bytes);
    }

    /** How many recorded sequences ran. */
    int replays() {
        return replays;
    }

    @Override
    public Object capture(Runnable launches) {
        if (recording != null) {
            throw new IllegalStateException("already recording");
        }
        List<Object[]> launched = new java.util.ArrayList<>();
        recording = launched;
        try {
            launches.run();
        } finally {
            recording = null;
        }
        return launched;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void replay(Object recorded) {
        for (Object[] l : (List<Object[]>) recorded) {
            run((String) l[0], (Integer) l[1], (Integer) l[2], (Integer) l[3], false, (Object[]) l[4]);
        }
        replays++;
    }

    /** Copies are not recorded by a CUDA graph capture here: refuse them, as a capture would go wrong. */
    private void notRecording(String what) {
        if (recording != null) {
            throw new IllegalStateException(what + " while recording launches");
        }
    }

    @Override
    public void launch(String kernel, int gridX, int gridY, int block, Object... args) {
        if (recording != null) {
            recording.add(new Object[] {kernel, gridX, gridY, block, args.clone()});
            return;
        }
        run(kernel, gridX, gridY, block, false, args);
    }

    @Override
    public void launchCooperative(String kernel, int gridX, int block, Object... args) {
        notRecording("a cooperative launch");
        if (gridX > cooperativeBlocks(kernel, block)) {
            throw new IllegalArgumentException(kernel + ": a cooperative grid of " + gridX + " blocks exceeds "
                    + cooperativeBlocks(kernel, block));
        }
        run(kernel, gridX, 1, block, true, args);
    }

    /** Four blocks, or fewer of large blocks: the emulator gives every thread of a cooperative launch a fiber. */
    @Override
    public int cooperativeBlocks(String kernel, int block) {
        return Math.min(4, COOPERATIVE_THREADS / block);
    }

    /** One: the blocks the emulator holds at once are one multiprocessor's. */
    @Override
    public int multiprocessors() {
        return 1;
    }

    /** Makes grids taller than {@code rows} blocks fail, as a device fails grids over its limit. */
    EmulatedGpu withMaxGridY(int rows) {
        this.maxGridY = rows;
        return this;
    }

    @Override
    public int maxGridY() {
        return maxGridY;
    }

    private void run(String kernel, int gridX, int gridY, int block, boolean cooperative, Object... args) {
        checkArguments(kernel, args);
        if (gridY > maxGridY) {
            throw new IllegalArgumentException(kernel + ": grid of " + gridY + " rows exceeds the device's " + maxGridY);
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment params = call.allocate(ValueLayout.ADDRESS, args.length);
            for (int i = 0; i < args.length; i++) {
                MemorySegment value = call.allocate(8, 8);
                switch (args[i]) {
                    case null -> value.set(ValueLayout.ADDRESS, 0, MemorySegment.NULL);
                    case DeviceBuffer b -> value.set(ValueLayout.ADDRESS, 0, segment(b));
                    case Integer v -> value.set(ValueLayout.JAVA_INT, 0, v);
                    case Long v -> value.set(ValueLayout.JAVA_LONG, 0, v);
                    case Float v -> value.set(ValueLayout.JAVA_FLOAT, 0, v);
                    default -> throw new IllegalArgumentException("kernel argument of type " + args[i].getClass());
                }
                params.setAtIndex(ValueLayout.ADDRESS, i, value);
            }
            int rc = (int) launch.invokeExact(call.allocateFrom(kernel), gridX, gridY, block, params,
                    firstBlockFirst ? 1 : 0, cooperative ? 1 : 0);
            if (rc != 0) {
                throw new IllegalStateException("emulator: launching " + kernel + " failed (" + rc + ")");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void synchronize() {
    }

    @Override
    public void close() {
        arena.close();
    }

    /**
     * Each kernel's parameter kinds ('p' pointer, 'i' int, 'l' long long, 'f' float), read from the kernel
     * sources: a launch is checked against them, as a device would misread an argument packed as the wrong kind
     * (this emulator's 8-byte slots would not show it).
     */
    private static java.util.Map<String, String> signatures;

    private static synchronized java.util.Map<String, String> signatures() {
        if (signatures == null) {
            java.util.Map<String, String> found = new java.util.HashMap<>();
            try (var files = Files.list(CudaBlockMathTest.cudaSources())) {
                for (Path f : files.filter(p -> p.toString().endsWith(".cu")).toList()) {
                    found.putAll(KernelSignatures.of(f));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            signatures = found;
        }
        return signatures;
    }

    private static void checkArguments(String kernel, Object[] args) {
        String expected = signatures().get(kernel);
        if (expected == null) {
            throw new IllegalArgumentException("no kernel " + kernel + " in src/main/cuda");
        }
        StringBuilder given = new StringBuilder();
        for (Object a : args) {
            given.append(switch (a) {
                case null -> 'p';
                case DeviceBuffer b -> 'p';
                case Integer v -> 'i';
                case Long v -> 'l';
                case Float v -> 'f';
                default -> '?';
            });
        }
        if (!given.toString().equals(expected)) {
            throw new IllegalArgumentException(kernel + ": arguments of kinds " + given + " for parameters " + expected
                    + " (p pointer, i int, l long long, f float)");
        }
    }
}
