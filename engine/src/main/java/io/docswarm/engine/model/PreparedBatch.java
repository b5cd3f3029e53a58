package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.QuantizedRow;
import java.util.EnumMap;
import java.util.Map;

/**
 * A batch of activation rows (one per token) and their prepared forms: each weight type wants its input
 * quantized or rounded in its own way (Q8_0, Q8_K, F16, ...), and several matrices usually read the same
 * input (q, k and v read the same normed hidden state), so each form is computed once per batch and
 * reused. Buffers are allocated on first use of a form and reused afterwards: the token loop allocates
 * nothing.
 */
final class PreparedBatch {
    private final int maxRows;
    private final int width;
    private final float jitter;
    private final Map<GgmlType, QuantizedRow[]> forms = new EnumMap<>(GgmlType.class);
    private final Map<GgmlType, Boolean> fresh = new EnumMap<>(GgmlType.class);
    private float[][] source;
    private int rows;
    private int cols;

    PreparedBatch(int maxRows, int width, float jitter) {
        this.maxRows = maxRows;
        this.width = width;
        this.jitter = jitter;
    }

    /**
     * Prepares {@code x[0 .. n)} into {@code row}. With a non-zero {@code jitter} (conditioning checks only,
     * see {@link ModelOptions#activationJitter()}) each value is first scaled by a deterministic factor
     * within {@code 1 ± 6·jitter}.
     */
    static void prepare(QuantizedRow row, GgmlType type, float[] x, int n, float jitter) {
        if (jitter == 0f) {
            row.quantize(type, x, 0, n);
            return;
        }
        float[] y = new float[n];
        for (int j = 0; j < n; j++) {
            y[j] = x[j] * jitterFactor(jitter, j);
        }
        row.quantize(type, y, 0, n);
    }

    /**
     * The conditioning checks' deterministic factor for element {@code j}: {@code 1 + jitter * k} with
     * {@code k} in {@code -6 .. 6}. The jitter's magnitude picks the pattern too (its lowest bits set the
     * stride), so callers can try several patterns of one size.
     */
    static float jitterFactor(float jitter, int j) {
        int prime = 7919 + 2 * (Float.floatToRawIntBits(Math.abs(jitter)) & 0xff);
        return 1f + jitter * ((j * prime) % 13 - 6);
    }

    /** Points the batch at new contents: rows {@code [0, n)} of {@code x}, each {@code cols} wide. */
    void reset(float[][] x, int n, int cols) {
        this.source = x;
        this.rows = n;
        this.cols = cols;
        fresh.clear();
    }

    /** The rows prepared for {@code consumer}'s activation type: lean ones where it allows (see {@link Linear}). */
    QuantizedRow[] get(ThreadTeam team, Linear consumer) {
        GgmlType type = consumer.activationType();
        QuantizedRow[] rowsOfType = form(type, consumer.leanActivations());
        if (fresh.get(type) == null) {
            pendingRows = rowsOfType;
            pendingType = type;
            try {
                team.parallelFor(rows, Math.max(1, 4096 / cols), prepareTask);
            } finally {
                pendingRows = null;
            }
            fresh.put(type, Boolean.TRUE);
        }
        return rowsOfType;
    }

    // The form being prepared by get(), read by prepareTask on the team's threads: a task made once instead of
    // a capturing lambda per call, so the token loop allocates nothing.
    private QuantizedRow[] pendingRows;
    private GgmlType pendingType;
    private final ThreadTeam.RangeTask prepareTask = this::preparePending;

    private void preparePending(int start, int end) {
        for (int i = start; i < end; i++) {
            prepare(pendingRows[i], pendingType, source[i], cols, jitter);
        }
    }

    /**
     * The buffers of a form, made on its first use (a plain lookup afterwards: no capturing lambda per call);
     * lean rows where asked, replaced by full ones if a caller later needs them.
     */
    private QuantizedRow[] form(GgmlType type, boolean lean) {
        QuantizedRow[] r = forms.get(type);
        if (r == null || (!lean && r[0].lean())) {
            r = new QuantizedRow[maxRows];
            for (int k = 0; k < maxRows; k++) {
                r[k] = new QuantizedRow(width, lean);
            }
            forms.put(type, r);
            fresh.remove(type);
        }
        return r;
    }
}
