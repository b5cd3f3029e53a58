package io.docswarm.engine.cuda;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Gpu} that passes everything on and keeps every launch made through it, with its grid and arguments,
 * in order: what a model's step launches can then be counted (tests on the emulator) or launched again on its
 * own and timed ({@link CudaStepProfile}).
 */
final class LaunchLog extends ForwardingGpu {
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

    private final List<Launch> launches = new ArrayList<>();

    LaunchLog(Gpu gpu) {
        super(gpu);
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
}
