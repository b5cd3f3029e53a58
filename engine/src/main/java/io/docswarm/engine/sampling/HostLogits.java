package io.docswarm.engine.sampling;

/**
 * A row of logits in host memory as a {@link LogitSource}: the top logits selected with {@link TopLogits}.
 * One instance can be pointed at each new row ({@link #point}), so a generation loop allocates nothing.
 */
public final class HostLogits implements LogitSource {
    private float[] logits = new float[0];

    /** Makes this the source of {@code row} (not copied) and returns it. */
    public HostLogits point(float[] row) {
        this.logits = row;
        return this;
    }

    @Override
    public int vocabSize() {
        return logits.length;
    }

    @Override
    public float[] all() {
        return logits;
    }

    @Override
    public void top(int k, int[] ids, float[] values) {
        TopLogits.select(logits, k, ids, values);
    }

    @Override
    public void gather(int[] ids, int n, float[] values) {
        for (int i = 0; i < n; i++) {
            values[i] = logits[ids[i]];
        }
    }
}
