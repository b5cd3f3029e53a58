package io.docswarm.engine.cuda;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Gpu} that passes everything on and keeps every launch made through it, with its grid and arguments,
 * in order: what a model's step launches can then be counted (tests on the emulator) or launched again on its
 * own and timed ({@link CudaStepProfile}).
 */
final class LaunchLog implements Gpu {
    /** One kernel launch as {@link Gpu#launch} took it. */
    record Launch(String kernel, int gridX, int gridY, int block, Object[] args) {
        /** The kernel with its grid and block: launches alike in these do the same work on other data. */
        String shape() {
            return kernel + " " + gridX + "x" + gridY + "x" + block;
        }

        void launchOn(Gpu gpu) {
            gpu.launch(kernel, gridX, gridY, block, args);
        }
    }

    private final Gpu gpu;
    private final List<Launch> launches = new ArrayList<>();

    LaunchLog(Gpu gpu) {
        this.gpu = gpu;
    }

    /** The launches since the last {@link #clear}, in order. */
    List<Launch> launches() {
        return List.copyOf(launches);
    }

    List<String> kernels() {
        return launches.stream().map(Launch::kernel).toList();
    }

    void clear() {
        launches.clear();
    }

    @Override
    public void launch(String kernel, int gridX, int gridY, int block, Object... args) {
        launches.add(new Launch(kernel, gridX, gridY, block, args.clone()));
        gpu.launch(kernel, gridX, gridY, block, args);
    }

    @Override
    public CudaDeviceInfo device() {
        return gpu.device();
    }

    @Override
    public void makeCurrent() {
        gpu.makeCurrent();
    }

    @Override
    public long freeMemory() {
        return gpu.freeMemory();
    }

    @Override
    public DeviceBuffer allocate(long bytes) {
        return gpu.allocate(bytes);
    }

    @Override
    public DeviceBuffer allocateMapped(long bytes) {
        return gpu.allocateMapped(bytes);
    }

    @Override
    public void upload(MemorySegment src, DeviceBuffer dst) {
        gpu.upload(src, dst);
    }

    @Override
    public void upload(int[] src, int n, DeviceBuffer dst) {
        gpu.upload(src, n, dst);
    }

    @Override
    public void download(DeviceBuffer src, float[] dst, int n) {
        gpu.download(src, dst, n);
    }

    @Override
    public void download(DeviceBuffer src, int[] dst, int n) {
        gpu.download(src, dst, n);
    }

    @Override
    public void copy(DeviceBuffer src, DeviceBuffer dst, long bytes) {
        gpu.copy(src, dst, bytes);
    }

    @Override
    public int maxGridY() {
        return gpu.maxGridY();
    }

    @Override
    public Object capture(Runnable launches) {
        return gpu.capture(launches);
    }

    @Override
    public void replay(Object recording) {
        gpu.replay(recording);
    }

    @Override
    public void synchronize() {
        gpu.synchronize();
    }

    @Override
    public void close() {
        gpu.close();
    }
}
