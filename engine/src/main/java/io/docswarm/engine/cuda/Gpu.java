package io.docswarm.engine.cuda;

import java.lang.foreign.MemorySegment;

/**
 * What {@link CudaModel} needs of a GPU: memory, copies in and out, and kernel launches by name. The
 * real one is {@link CudaContext} (JCuda's driver API); tests also run the model on a host emulation
 * of the same kernels, which is how the forward pass is checked on machines without a GPU.
 */
interface Gpu extends AutoCloseable {
    CudaDeviceInfo device();

    /** Makes this GPU's context current on the calling thread. */
    void makeCurrent();

    /** Free device memory now, in bytes. */
    long freeMemory();

    DeviceBuffer allocate(long bytes);

    /** Pinned host memory the device reads through its own address space (zero-copy). */
    DeviceBuffer allocateMapped(long bytes);

    /** Copies a (memory-mapped) segment to the start of {@code dst}. */
    void upload(MemorySegment src, DeviceBuffer dst);

    void upload(int[] src, int n, DeviceBuffer dst);

    void upload(float[] src, int n, DeviceBuffer dst);

    void download(DeviceBuffer src, float[] dst, int n);

    void download(DeviceBuffer src, int[] dst, int n);

    void copy(DeviceBuffer src, DeviceBuffer dst, long bytes);

    /** The most blocks a grid may have in y: 65535 on every CUDA device (compute capability 2.0 and later). */
    default int maxGridY() {
        return 65535;
    }

    /**
     * Launches {@code kernel} on a grid of {@code gridX x gridY} blocks of {@code block} threads, in order
     * after everything launched before. Arguments: {@link DeviceBuffer} (a pointer), null (a null pointer),
     * Integer, Long (a {@code long long}), Float.
     */
    void launch(String kernel, int gridX, int gridY, int block, Object... args);

    /**
     * Launches a kernel with grid barriers (grid_barrier.cuh) on {@code gridX} blocks of {@code block} threads
     * as {@code cuLaunchCooperativeKernel} does: every block resident at once, so the barriers cannot wait for
     * a block that never starts. {@code gridX} may be at most {@link #cooperativeBlocks}. Not while recording.
     */
    void launchCooperative(String kernel, int gridX, int block, Object... args);

    /**
     * The most blocks of {@code block} threads of {@code kernel} the device holds at once (a cooperative grid's
     * limit).
     */
    int cooperativeBlocks(String kernel, int block);

    /** The device's multiprocessors, each of which holds {@link #cooperativeBlocks} over their number. */
    int multiprocessors();

    /**
     * Records the launches {@code launches} makes, without running them, as a sequence {@link #replay} runs
     * again (a CUDA graph): the kernel arguments are fixed at recording, so what changes between replays must
     * be read by the kernels from device memory. Only launches may happen while recording.
     */
    Object capture(Runnable launches);

    /** Runs a recorded sequence, in order after everything launched before. */
    void replay(Object recording);

    /** Waits for everything launched so far. */
    void synchronize();

    @Override
    void close();
}
