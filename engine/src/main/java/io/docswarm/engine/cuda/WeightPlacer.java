package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufTensor;
import java.util.Arrays;

/**
 * Uploads tensors in the order asked: to device memory while the budget lasts, else to mapped host
 * memory (read by the same kernels over PCIe). Shapes and types are checked as the CPU's Linear checks
 * them. Callers ask for non-expert tensors first and expert stacks last, so what is left in host memory is
 * experts, which a token reads only a few of.
 */
final class WeightPlacer {
    private final Gpu cuda;
    private final GgufFile file;
    private final long budget;
    private long deviceBytes;
    private long hostBytes;

    WeightPlacer(Gpu cuda, GgufFile file, long budget) {
        this.cuda = cuda;
        this.file = file;
        this.budget = budget;
    }

    long deviceBytes() {
        return deviceBytes;
    }

    long hostBytes() {
        return hostBytes;
    }

    boolean has(String name) {
        return file.findTensor(name).isPresent();
    }

    /** A matrix of {@code rows} rows of {@code cols} elements ({@code [cols, rows]} in the file). */
    DeviceMatrix matrix(String name, int cols, int rows) {
        GgufTensor t = file.tensor(name);
        checkType(t);
        if (t.rank() != 2 || t.dim(0) != cols || t.dim(1) != rows) {
            throw shape(t, "[" + cols + ", " + rows + "]");
        }
        return new DeviceMatrix(name, place(t), t.type(), rows, cols, 0);
    }

    /** A stack of {@code experts} such matrices ({@code [cols, rows, experts]}), read by expert id. */
    DeviceMatrix experts(String name, int cols, int rows, int experts) {
        GgufTensor t = file.tensor(name);
        checkType(t);
        if (t.rank() != 3 || t.dim(0) != cols || t.dim(1) != rows || t.dim(2) != experts) {
            throw shape(t, "[" + cols + ", " + rows + ", " + experts + "]");
        }
        return new DeviceMatrix(name, place(t), t.type(), rows, cols, t.type().bytesFor((long) cols) * rows);
    }

    /** An F32 vector of {@code length} (norm weights, biases). */
    DeviceBuffer vector(String name, int length) {
        GgufTensor t = file.tensor(name);
        if (t.type() != GgmlType.F32 || t.rank() != 1 || t.dim(0) != length) {
            throw new GgufFormatException(file.source() + ": tensor '" + name + "' should be F32 [" + length
                    + "], is " + t.type() + " " + Arrays.toString(t.dims()));
        }
        return place(t);
    }

    private DeviceBuffer place(GgufTensor t) {
        long bytes = t.data().byteSize();
        DeviceBuffer b;
        if (deviceBytes + bytes <= budget) {
            b = cuda.allocate(bytes);
            deviceBytes += bytes;
        } else {
            b = cuda.allocateMapped(bytes);
            hostBytes += bytes;
        }
        cuda.upload(t.data(), b);
        return b;
    }

    private void checkType(GgufTensor t) {
        switch (t.type()) {
            case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> { }
            default -> throw new GgufFormatException(file.source() + ": tensor '" + t.name() + "' has type "
                    + t.type() + ", which the CUDA backend does not compute with (supported: F32, F16, BF16, "
                    + "Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
        }
    }

    private GgufFormatException shape(GgufTensor t, String expected) {
        return new GgufFormatException(file.source() + ": tensor '" + t.name() + "' has shape "
                + Arrays.toString(t.dims()) + ", expected " + expected);
    }
}
