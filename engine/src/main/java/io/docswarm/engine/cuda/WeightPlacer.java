package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.gguf.GgufFile;
import io.docswarm.engine.gguf.GgufFormatException;
import io.docswarm.engine.gguf.GgufTensor;
import io.docswarm.engine.model.ExpertTensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    /**
     * Matrices that multiply the same input, consecutive ones of one weight type stacked row after row into
     * one matrix (one product launch instead of several; rows are independent, so the results are the same):
     * for {@code names[i]} of {@code rows[i]} rows of {@code cols}, in order, the matrices whose row ranges
     * follow each other: [q | k | v] for a uniform file, [q+k, v] for a Q4_K_M one (attn_v in Q6_K).
     */
    List<DeviceMatrix> stackedRows(String[] names, int cols, int[] rows) {
        List<DeviceMatrix> out = new ArrayList<>();
        int i = 0;
        while (i < names.length) {
            GgufTensor first = file.tensor(names[i]);
            int j = i + 1;
            while (j < names.length && file.tensor(names[j]).type() == first.type()) {
                j++;
            }
            if (j == i + 1) {
                out.add(matrix(names[i], cols, rows[i]));
            } else {
                long bytes = 0;
                int total = 0;
                GgufTensor[] parts = new GgufTensor[j - i];
                for (int m = i; m < j; m++) {
                    GgufTensor t = file.tensor(names[m]);
                    checkType(t);
                    if (t.rank() != 2 || t.dim(0) != cols || t.dim(1) != rows[m]) {
                        throw shape(t, "[" + cols + ", " + rows[m] + "]");
                    }
                    parts[m - i] = t;
                    bytes += t.data().byteSize();
                    total += rows[m];
                }
                DeviceBuffer b = reserve(bytes);
                long at = 0;
                for (GgufTensor t : parts) {
                    cuda.upload(t.data(), b.at(at));
                    at += t.data().byteSize();
                }
                out.add(new DeviceMatrix(String.join("+", Arrays.copyOfRange(names, i, j)), b, first.type(),
                        total, cols, 0));
            }
            i = j;
        }
        return out;
    }

    /**
     * A stack of {@code experts} such matrices ({@code [cols, rows, experts]}), read by expert id; from a file
     * with one tensor per expert ({@link ExpertTensors}) the experts are uploaded one after another into one
     * stack, which the kernels read the same way.
     */
    DeviceMatrix experts(String name, int cols, int rows, int experts) {
        Optional<List<GgufTensor>> perExpert = ExpertTensors.perExpert(file, name, experts);
        if (perExpert.isPresent()) {
            return stack(name, perExpert.get(), cols, rows);
        }
        GgufTensor t = file.tensor(name);
        checkType(t);
        if (t.rank() != 3 || t.dim(0) != cols || t.dim(1) != rows || t.dim(2) != experts) {
            throw shape(t, "[" + cols + ", " + rows + ", " + experts + "]");
        }
        return new DeviceMatrix(name, place(t), t.type(), rows, cols, t.type().bytesFor((long) cols) * rows);
    }

    private DeviceMatrix stack(String name, List<GgufTensor> perExpert, int cols, int rows) {
        GgufTensor first = perExpert.get(0);
        for (GgufTensor t : perExpert) {
            checkType(t);
            if (t.rank() != 2 || t.dim(0) != cols || t.dim(1) != rows) {
                throw shape(t, "[" + cols + ", " + rows + "]");
            }
            if (t.type() != first.type()) {
                throw new GgufFormatException(file.source() + ": tensor '" + t.name() + "' has type " + t.type()
                        + ", but '" + first.name() + "' has " + first.type()
                        + ": the CUDA backend stacks one layer's experts in one type");
            }
        }
        long expertBytes = first.type().bytesFor((long) cols) * rows;
        DeviceBuffer b = reserve(expertBytes * perExpert.size());
        for (int x = 0; x < perExpert.size(); x++) {
            cuda.upload(perExpert.get(x).data(), b.at(x * expertBytes));
        }
        return new DeviceMatrix(name, b, first.type(), rows, cols, expertBytes);
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
        DeviceBuffer b = reserve(t.data().byteSize());
        cuda.upload(t.data(), b);
        return b;
    }

    /** Device memory while the budget lasts, then mapped host memory. */
    private DeviceBuffer reserve(long bytes) {
        if (deviceBytes + bytes <= budget) {
            deviceBytes += bytes;
            return cuda.allocate(bytes);
        }
        hostBytes += bytes;
        return cuda.allocateMapped(bytes);
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
