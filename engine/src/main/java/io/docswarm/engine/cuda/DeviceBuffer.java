package io.docswarm.engine.cuda;

/**
 * Memory the kernels address, as a {@link Gpu} hands it out: device memory, or pinned host memory mapped
 * into the device's address space (weights that did not fit on the device; kernels read them over PCIe).
 * A buffer may be a view {@link #offset} bytes into its allocation ({@link #at}).
 *
 * @param handle the allocation as its {@link Gpu} knows it (JCuda: a {@code CUdeviceptr})
 * @param host the host side of a mapped allocation, null for device memory
 */
record DeviceBuffer(Object handle, long offset, long bytes, Object host) {
    boolean mapped() {
        return host != null;
    }

    /** Whether the two views share a byte of the same allocation. */
    boolean overlaps(DeviceBuffer other) {
        return handle.equals(other.handle) && offset < other.offset + other.bytes && other.offset < offset + bytes;
    }

    /** The view that starts {@code delta} bytes into this one. */
    DeviceBuffer at(long delta) {
        if (delta < 0 || delta > bytes) {
            throw new IndexOutOfBoundsException("offset " + delta + " outside a buffer of " + bytes + " bytes");
        }
        return new DeviceBuffer(handle, offset + delta, bytes - delta, host);
    }
}
