package io.docswarm.engine.cuda;

import java.lang.foreign.MemorySegment;

/**
 * A {@link Gpu} that passes every call on to another: the base of wrappers that watch or change a few of them
 * ({@link LaunchLog} keeps the launches; tests make captures fail).
 */
abstract class ForwardingGpu implements Gpu {
    /** The GPU every call goes to. */
    protected final Gpu gpu;

    ForwardingGpu(Gpu gpu) {
        this.gpu = gpu;
    }

    @Override
    public void launch(String kernel, int gridX, int gridY, int block, Object... args) {
        gpu.launch(kernel, gridX, gridY, block, args);
    }

    @Override
    public void launchCooperative(String kernel, int gridX, int block, Object... args) {
        gpu.launchCooperative(kernel, gridX, block, args);
    }

    @Override
    public int cooperativeBlocks(String kernel, int block) {
        return gpu.cooperativeBlocks(kernel, block);
    }

    @Override
    public int multiprocessors() {
        return gpu.multiprocessors();
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
    public void upload(float[] src, int n, DeviceBuffer dst) {
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
