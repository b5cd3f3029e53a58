package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The device counterpart of the CPU's PreparedBatch: rows of activations and their forms for each weight
 * type (Q8_0, Q8_1 or Q8_K quants with scales and sums, or values rounded to F16/BF16), each computed on the
 * device once per batch when first asked for. Layout of a form, rows of {@code cols} elements each:
 * {@code q} int8 [rows][cols], {@code d} float [rows][cols/32], {@code s} int16 [rows][cols/16] (Q8_K),
 * {@code f} float [rows][cols], {@code m} float [rows][cols/32] (Q8_1's per-block s; see ggml_blocks.cuh's
 * ActRow).
 */
final class DeviceActivations {
    /** One prepared form; unused parts are null. */
    record Form(DeviceBuffer q, DeviceBuffer d, DeviceBuffer s, DeviceBuffer f, DeviceBuffer m) {
        /** The same form from row {@code row} on, for rows of {@code cols} elements. */
        Form fromRow(long row, int cols) {
            return new Form(q == null ? null : q.at(row * cols), d == null ? null : d.at(4 * row * (cols / 32)),
                    s == null ? null : s.at(2 * row * (cols / 16)), f == null ? null : f.at(4 * row * cols),
                    m == null ? null : m.at(4 * row * (cols / 32)));
        }
    }

    private static final int THREADS = 128;

    private final Gpu cuda;
    /** Capacity in elements (rows x cols): batches of many short rows and of few long ones share it. */
    private final long maxElements;
    private final Map<GgmlType, Form> forms = new EnumMap<>(GgmlType.class);
    private final Set<GgmlType> fresh = EnumSet.noneOf(GgmlType.class);
    /** The rows each form's arrays were last computed from. */
    private final Map<GgmlType, Rows> origins = new EnumMap<>(GgmlType.class);
    private DeviceBuffer source;
    private int stride;
    private int rows;
    private int cols;

    DeviceActivations(Gpu cuda, long maxElements) {
        this.cuda = cuda;
        this.maxElements = maxElements;
    }

    /** Points at new contents: {@code rows} rows of {@code cols} values, {@code stride} floats apart. */
    void reset(DeviceBuffer x, int stride, int rows, int cols) {
        if ((long) rows * cols > maxElements) {
            throw new IllegalArgumentException(rows + " x " + cols + " activations exceed " + maxElements + " elements");
        }
        this.source = x;
        this.stride = stride;
        this.rows = rows;
        this.cols = cols;
        fresh.clear();
    }

    /** Rows of activations: where they are and their shape. */
    private record Rows(DeviceBuffer source, int stride, int rows, int cols) {}

    private Rows current() {
        return new Rows(source, stride, rows, cols);
    }

    /**
     * Points at rows that were the input before and have not changed since (the caller's promise), as
     * {@link #reset}, except that the forms whose arrays still hold those rows' preparation are used as they are
     * instead of being computed again. A form computed from other rows in between is computed again.
     */
    void resume(DeviceBuffer x, int stride, int rows, int cols) {
        reset(x, stride, rows, cols);
        Rows these = current();
        origins.forEach((type, origin) -> {
            if (origin.equals(these)) {
                fresh.add(type);
            }
        });
    }

    /** The rows prepared for weights whose activation type is {@code type} (F32, F16, BF16, Q8_0, Q8_1 or Q8_K). */
    Form get(GgmlType type) {
        if (type == GgmlType.F32 && stride == cols) {
            // F32 weights multiply the values as they are: packed rows need no copy (nor a launch).
            return new Form(null, null, null, source, null);
        }
        Form form = forms.computeIfAbsent(type, this::allocate);
        if (fresh.add(type)) {
            origins.put(type, current());
            switch (type) {
                case Q8_0 -> cuda.launch("quantize_q8_0", blocks((long) rows * (cols / 32)), 1, THREADS,
                        source, stride, rows, cols, form.q(), form.d());
                case Q8_1 -> cuda.launch("quantize_q8_1", blocks((long) rows * (cols / 32)), 1, THREADS,
                        source, stride, rows, cols, form.q(), form.d(), form.m());
                // One warp per block of 256.
                case Q8_K -> cuda.launch("quantize_q8_k", blocks((long) rows * (cols / 256) * 32), 1, THREADS,
                        source, stride, rows, cols, form.q(), form.d(), form.s());
                case F32, F16, BF16 -> cuda.launch("round_activations", blocks((long) rows * cols), 1, THREADS,
                        source, stride, rows, cols, type == GgmlType.F16 ? 1 : type == GgmlType.BF16 ? 2 : 0, form.f());
                default -> throw new IllegalArgumentException(type + " is not an activation type");
            }
        }
        return form;
    }

    /**
     * The {@code type} form's arrays for a launch that computes them itself (as rms_norm_q8_k does while
     * norming the rows that {@link #reset} points at): afterwards {@link #get} returns them without launching
     * the quantization.
     */
    Form producedBy(GgmlType type) {
        fresh.add(type);
        origins.put(type, current());
        return forms.computeIfAbsent(type, this::allocate);
    }

    private Form allocate(GgmlType type) {
        long elements = maxElements;
        return switch (type) {
            case Q8_0 -> new Form(cuda.allocate(elements), cuda.allocate(4 * (elements / 32 + 1)), null, null, null);
            case Q8_1 -> new Form(cuda.allocate(elements), cuda.allocate(4 * (elements / 32 + 1)), null, null,
                    cuda.allocate(4 * (elements / 32 + 1)));
            case Q8_K -> new Form(cuda.allocate(elements), cuda.allocate(4 * (elements / 32 + 1)),
                    cuda.allocate(2 * (elements / 16 + 1)), null, null);
            default -> new Form(null, null, null, cuda.allocate(4 * elements), null);
        };
    }

    /** Bytes all forms of these types take (for the memory plan). */
    static long bytes(long maxElements, int formCount) {
        return formCount * maxElements * 4;
    }

    private static int blocks(long threads) {
        return (int) Math.max(1, (threads + THREADS - 1) / THREADS);
    }
}
