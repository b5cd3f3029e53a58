package io.docswarm.engine.cuda;

/**
 * A CUDA device as the driver describes it.
 *
 * @param memoryClockKhz {@code CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE}
 * @param memoryBusBits {@code CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH}
 */
public record CudaDeviceInfo(int ordinal, String name, long totalMemory, int computeMajor, int computeMinor,
                             int memoryClockKhz, int memoryBusBits) {
    /**
     * Peak memory bandwidth in bytes per second: clock x 2 (double data rate) x bus width in bytes. This is
     * the usual formula for GDDR and HBM as the driver reports them (H100 SXM: 2619 MHz, 5120 bits, about
     * 3.35 TB/s).
     */
    public double peakBandwidth() {
        return memoryClockKhz * 1e3 * 2 * (memoryBusBits / 8.0);
    }

    /** {@code cuda:N (name, X GiB, sm_XY)}. */
    public String describe() {
        return "cuda:" + ordinal + " (" + name + ", " + (totalMemory >> 30) + " GiB, sm_" + computeMajor + computeMinor + ")";
    }
}
