package io.docswarm.engine.model;

import io.docswarm.engine.quant.QuantizedRow;

/** A dense SwiGLU feed-forward layer: {@code down(silu(gate·x) * (up·x))} (llama.cpp's build_ffn, SILU/PAR). */
final class DenseFeedForward {
    private final float[][] gateOut;
    private final float[][] upOut;
    private final PreparedBatch hidden;
    private final int ff;

    DenseFeedForward(int maxBatch, int ff, float jitter) {
        this.ff = ff;
        this.gateOut = new float[maxBatch][ff];
        this.upOut = new float[maxBatch][ff];
        this.hidden = new PreparedBatch(maxBatch, ff, jitter);
    }

    record Weights(Linear gate, Linear up, Linear down) {}

    void forward(ThreadTeam team, Weights w, PreparedBatch in, int n, float[][] out) {
        QuantizedRow[] xg = in.get(team, w.gate());
        QuantizedRow[] xu = in.get(team, w.up());
        w.gate().multiply(team, xg, n, gateOut);
        w.up().multiply(team, xu, n, upOut);
        for (int t = 0; t < n; t++) {
            float[] g = gateOut[t];
            float[] u = upOut[t];
            for (int i = 0; i < ff; i++) {
                g[i] = Norms.silu(g[i]) * u[i];
            }
        }
        hidden.reset(gateOut, n, ff);
        w.down().multiply(team, hidden.get(team, w.down()), n, out);
    }
}
