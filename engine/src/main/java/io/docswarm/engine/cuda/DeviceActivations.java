package io.docswarm.engine.cuda;

import io.docswarm.engine.gguf.GgmlType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
    /** Each type's sets of arrays, allocated on first use: up to {@link #sets} of them. */
    private final Map<GgmlType, List<Prepared>> prepared = new EnumMap<>(GgmlType.class);
    /** The set that holds the current rows' form, for each type computed (or resumed) since the last reset. */
    private final Map<GgmlType, Prepared> current = new EnumMap<>(GgmlType.class);
    /** Counts hand-outs, for choosing the least recently used set. */
    private long handOuts;
    private DeviceBuffer source;
    private int stride;
    private int rows;
    private int cols;

    DeviceActivations(Gpu cuda, long maxElements) {
        this.cuda = cuda;
        this.maxElements = maxElements;
    }

    /**
     * Points at new contents: {@code rows} rows of {@code cols} values, {@code stride} floats apart. Every form
     * prepared earlier from memory these rows overlap, of any type, holds what was there before: none of them is
     * taken for these rows again ({@link #resume}).
     */
    void reset(DeviceBuffer x, int stride, int rows, int cols) {
        pointAt(x, stride, rows, cols);
        prepared.values().forEach(sets -> sets.stream()
                .filter(p -> p.origin != null && p.origin.source().overlaps(x))
                .forEach(p -> p.origin = null));
    }

    private void pointAt(DeviceBuffer x, int stride, int rows, int cols) {
        if ((long) rows * cols > maxElements) {
            throw new IllegalArgumentException(rows + " x " + cols + " activations exceed " + maxElements + " elements");
        }
        this.source = x;
        this.stride = stride;
        this.rows = rows;
        this.cols = cols;
        current.clear();
    }

    /** Rows of activations: where they are and their shape. */
    private record Rows(DeviceBuffer source, int stride, int rows, int cols) {}

    private Rows currentRows() {
        return new Rows(source, stride, rows, cols);
    }

    /** One set of a form's arrays, the rows they were last computed from, and when they were last handed out. */
    private static final class Prepared {
        final Form form;
        Rows origin;
        long lastHandOut;

        Prepared(Form form) {
            this.form = form;
        }
    }

    /**
     * Sets of arrays per type: two for the quantized forms, so that a batch's rows stay prepared while other rows
     * (a MoE layer's hidden rows) are quantized, and are used again ({@link #resume}) without a launch (a
     * DeepSeek shared expert reads the normed rows' Q8_K form after the routed experts' down products); one for
     * the rounded float forms, which take four bytes an element.
     */
    private static int sets(GgmlType type) {
        return type == GgmlType.Q8_0 || type == GgmlType.Q8_1 || type == GgmlType.Q8_K ? 2 : 1;
    }

    /**
     * Points at rows that were the input before and have not changed since (the caller's promise), as
     * {@link #reset}, except that the forms whose arrays still hold those rows' preparation are used as they are
     * instead of being computed again. A form whose arrays were taken for other rows in between is computed again.
     */
    void resume(DeviceBuffer x, int stride, int rows, int cols) {
        pointAt(x, stride, rows, cols);
        Rows these = currentRows();
        prepared.forEach((type, sets) -> sets.stream().filter(p -> these.equals(p.origin)).findFirst()
                .ifPresent(p -> current.put(type, p)));
    }

    /** The rows prepared for weights whose activation type is {@code type} (F32, F16, BF16, Q8_0, Q8_1 or Q8_K). */
    Form get(GgmlType type) {
        if (type == GgmlType.F32 && stride == cols) {
            // F32 weights multiply the values as they are: packed rows need no copy (nor a launch).
            return new Form(null, null, null, source, null);
        }
        Prepared held = current.get(type);
        if (held != null) {
            held.lastHandOut = ++handOuts;
            return held.form;
        }
        Form form = claim(type);
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
        return form;
    }

    /**
     * The {@code type} form's arrays for a launch that computes them itself (as rms_norm_q8_k does while
     * norming the rows that {@link #reset} points at): afterwards {@link #get} returns them without launching
     * the quantization.
     */
    Form producedBy(GgmlType type) {
        return claim(type);
    }

    /**
     * A set of {@code type} arrays for the current rows, which the caller fills: a new set while the type has
     * fewer than {@link #sets}, else the one handed out longest ago. Launches run in stream order, so whatever
     * read that set's old rows was launched before they are overwritten.
     */
    private Form claim(GgmlType type) {
        List<Prepared> sets = prepared.computeIfAbsent(type, t -> new ArrayList<>(sets(t)));
        Prepared p;
        if (sets.size() < sets(type)) {
            p = new Prepared(allocate(type));
            sets.add(p);
        } else {
            p = sets.stream().min(Comparator.comparingLong(q -> q.lastHandOut)).orElseThrow();
        }
        p.origin = currentRows();
        p.lastHandOut = ++handOuts;
        current.put(type, p);
        return p.form;
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

    /**
     * Bytes all forms of these types take at most (for the memory plan): four an element for each, which holds a
     * float form's one set or a quantized form's two (a Q8_K or Q8_1 set takes 1.25 bytes an element, Q8_0 1.125).
     */
    static long bytes(long maxElements, int formCount) {
        return formCount * maxElements * 4;
    }

    private static int blocks(long threads) {
        return (int) Math.max(1, (threads + THREADS - 1) / THREADS);
    }
}
