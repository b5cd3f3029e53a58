package io.docswarm.engine.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * Memory the kernels address: device memory, or pinned host memory mapped into the device's address space
 * (weights that did not fit on the device; kernels read them over PCIe).
 *
 * @param host the host allocation for mapped memory, null for device memory
 */
record DeviceBuffer(CUdeviceptr pointer, long bytes, Pointer host) {
    boolean mapped() {
        return host != null;
    }

    /** The address {@code offset} bytes in. */
    CUdeviceptr at(long offset) {
        if (offset < 0 || offset > bytes) {
            throw new IndexOutOfBoundsException("offset " + offset + " outside a buffer of " + bytes + " bytes");
        }
        return pointer.withByteOffset(offset);
    }
}
