package io.docswarm.engine.model;

import io.docswarm.engine.gguf.GgmlType;
import io.docswarm.engine.quant.InterleavedRows;
import io.docswarm.engine.quant.QuantizedRow;

/**
 * A mixture-of-experts SwiGLU feed-forward layer as llama.cpp's {@code build_moe_ffn} computes it:
 * router logits, scores by softmax over all experts (or sigmoid per expert, DeepSeek-V3), the top-k
 * experts by score (in descending order), their scores optionally renormalised (and scaled), then for
 * each selected expert {@code down(silu(gate·x) * (up·x))}, each weighted and summed in rank order.
 *
 * <p>DeepSeek-V3 adds two twists to the choice, not to the weights: a per-expert selection bias
 * ({@code exp_probs_b}) added to the scores before top-k, and group-limited routing, where experts are
 * split into groups, each group is rated by the sum of its two best (biased) scores, and only the
 * experts of the best {@code groupsUsed} groups can be chosen.
 *
 * <p>Only the selected experts run. Tokens of a batch are grouped by expert so each expert's weights are
 * streamed once per batch and multiplied with all of that expert's tokens together ({@link Linear#multiply},
 * whose kernels decode each weight block once for several tokens, bit for bit one dot product per token);
 * the work is split over all threads as (expert, row range) items.
 */
final class MoeFeedForward {
    private final int experts;
    private final int used;
    private final int embd;
    private final int ff;
    private final boolean renormalize;
    private final boolean sigmoid;
    private final int groups;
    private final int groupsUsed;
    private final float[] selection;     // biased, group-masked scores of the token being routed
    private final float[] groupScore;
    private final boolean[] groupChosen;
    private final float weightScale;
    private final float jitter;

    // Per-batch scratch, sized for the largest batch.
    private final float[][] routerLogits;
    private final int[][] selected;      // [token][rank] expert id
    private final float[][] weights;     // [token][rank] weight
    private final int[][] assignments;   // [expert][i] = token * used + rank
    private final int[] assignmentCount;
    private final float[][] hidden;      // [token * used + rank][ff]: up, then silu(gate) * up
    private final float[][] gateOut;     // [token * used + rank][ff]
    private final QuantizedRow[] hiddenPrepared;
    private final float[][] expertOut;   // [token * used + rank][embd]
    // Per expert, its tokens' rows gathered in assignment order, so that each expert's matrices are
    // multiplied with all of its tokens at once (the kernels decode a weight block once for several tokens).
    // Only references: refilled after routing, nothing is allocated per batch.
    private final QuantizedRow[][] gateIn;
    private final QuantizedRow[][] upIn;
    private final QuantizedRow[][] downIn;
    private final float[][][] gateRows;
    private final float[][][] upRows;
    private final float[][][] downRows;
    private final int[] itemExpert;
    private final int[] itemStart;
    private final int[] itemEnd;
    private final int[] activeExperts;

    MoeFeedForward(ModelConfig c, int maxBatch, Architecture arch, float jitter) {
        this(c, maxBatch, false, arch.renormalizeExpertWeights(), 0, 0, jitter);
    }

    /**
     * @param sigmoid sigmoid scores instead of softmax
     * @param groups expert groups for group-limited routing (0: none)
     * @param groupsUsed groups whose experts may be chosen
     */
    MoeFeedForward(ModelConfig c, int maxBatch, boolean sigmoid, boolean renormalize, int groups, int groupsUsed,
                   float jitter) {
        this.jitter = jitter;
        this.sigmoid = sigmoid;
        this.groups = groups;
        this.groupsUsed = groupsUsed;
        this.selection = new float[c.expertCount()];
        this.groupScore = new float[Math.max(1, groups)];
        this.groupChosen = new boolean[Math.max(1, groups)];
        this.experts = c.expertCount();
        this.used = c.expertUsedCount();
        this.embd = c.embeddingLength();
        this.ff = c.expertFeedForwardLength();
        this.renormalize = renormalize;
        this.weightScale = c.expertWeightsScale();
        this.routerLogits = new float[maxBatch][experts];
        this.selected = new int[maxBatch][used];
        this.weights = new float[maxBatch][used];
        this.assignments = new int[experts][maxBatch];
        this.assignmentCount = new int[experts];
        this.hidden = new float[maxBatch * used][ff];
        this.gateOut = new float[maxBatch * used][ff];
        this.gateIn = new QuantizedRow[experts][maxBatch];
        this.upIn = new QuantizedRow[experts][maxBatch];
        this.downIn = new QuantizedRow[experts][maxBatch];
        this.gateRows = new float[experts][maxBatch][];
        this.upRows = new float[experts][maxBatch][];
        this.downRows = new float[experts][maxBatch][];
        this.hiddenPrepared = new QuantizedRow[maxBatch * used]; // made on first use (see hiddenRows)
        this.expertOut = new float[maxBatch * used][embd];
        int maxItems = experts * 64 + 64;
        this.itemExpert = new int[maxItems];
        this.itemStart = new int[maxItems];
        this.itemEnd = new int[maxItems];
        this.activeExperts = new int[experts];
    }

    /**
     * One layer's expert weights.
     *
     * @param selectionBias added to the scores for choosing experts only ({@code exp_probs_b}), or null
     */
    record Weights(Linear router, Linear[] gate, Linear[] up, Linear[] down, float[] selectionBias) {
        Weights(Linear router, Linear[] gate, Linear[] up, Linear[] down) {
            this(router, gate, up, down, null);
        }
    }

    /** {@code out[t] = MoE(xn[t])} for tokens {@code [0, n)}; {@code in} holds {@code xn}. */
    void forward(ThreadTeam team, Weights w, PreparedBatch in, int n, float[][] out) {
        // Router: logits, softmax, top-k, weights.
        QuantizedRow[] routerIn = in.get(team, w.router());
        w.router().multiply(team, routerIn, n, routerLogits);
        java.util.Arrays.fill(assignmentCount, 0);
        for (int t = 0; t < n; t++) {
            route(t, w.selectionBias());
        }
        // Gate and up for every (expert, token) pair, then SiLU(gate) * up.
        QuantizedRow[] xUp = in.get(team, w.up()[0]);
        QuantizedRow[] xGate = in.get(team, w.gate()[0]);
        hiddenRows(w.down()[0].leanActivations());
        gatherExpertRows(xGate, xUp);
        current = w;
        try {
            team.parallelFor(planItems(ff, Math.max(1, 8192 / embd)), 1, gateUpTask);
            // Prepare each hidden row for the down projection.
            downType = w.down()[0].activationType();
            team.parallelFor(n * used, Math.max(1, 4096 / ff), prepareHiddenTask);
            team.parallelFor(planItems(embd, Math.max(1, 8192 / ff)), 1, downTask);
        } finally {
            current = null;
        }
        // Weighted sum in rank order, as ggml adds the per-rank views.
        for (int t = 0; t < n; t++) {
            float[] o = out[t];
            float[] first = expertOut[t * used];
            float w0 = weights[t][0];
            for (int i = 0; i < embd; i++) {
                o[i] = first[i] * w0;
            }
            for (int rank = 1; rank < used; rank++) {
                float[] eo = expertOut[t * used + rank];
                float wr = weights[t][rank];
                for (int i = 0; i < embd; i++) {
                    o[i] += eo[i] * wr;
                }
            }
        }
    }

    // The layer being computed, read by the tasks below on the team's threads. Tasks made once instead of
    // capturing lambdas per call: the token loop allocates nothing.
    private Weights current;
    private GgmlType downType;

    private final ThreadTeam.RangeTask gateUpTask = this::gateUp;
    private final ThreadTeam.RangeTask prepareHiddenTask = this::prepareHidden;
    private final ThreadTeam.RangeTask downTask = this::down;

    /** Gate and up for every (expert, token) pair of work items {@code [s, e)}, then SiLU(gate) * up. */
    private void gateUp(int s, int e) {
        for (int item = s; item < e; item++) {
            int ex = itemExpert[item];
            int count = assignmentCount[ex];
            int rs = itemStart[item];
            int re = itemEnd[item];
            current.gate()[ex].multiply(gateIn[ex], count, gateRows[ex], 0, rs, re);
            current.up()[ex].multiply(upIn[ex], count, upRows[ex], 0, rs, re);
            for (int i = 0; i < count; i++) {
                float[] g = gateRows[ex][i];
                float[] u = upRows[ex][i];
                for (int r = rs; r < re; r++) {
                    u[r] = Norms.silu(g[r]) * u[r];
                }
            }
        }
    }

    /** Each hidden row of slots {@code [s, e)} prepared for the down projection. */
    private void prepareHidden(int s, int e) {
        for (int slot = s; slot < e; slot++) {
            PreparedBatch.prepare(hiddenPrepared[slot], downType, hidden[slot], ff, jitter);
        }
    }

    /** The down projection of work items {@code [s, e)}. */
    private void down(int s, int e) {
        for (int item = s; item < e; item++) {
            int ex = itemExpert[item];
            current.down()[ex].multiply(downIn[ex], assignmentCount[ex], downRows[ex], 0, itemStart[item],
                    itemEnd[item]);
        }
    }

    /**
     * Makes the hidden rows on first use, lean where the down projections allow; full ones replace lean ones
     * for good if a later layer's down projection needs them (so a model whose layers differ allocates once more
     * at most, not per token).
     */
    private void hiddenRows(boolean lean) {
        if (hiddenPrepared[0] != null && (lean || !hiddenPrepared[0].lean())) {
            return;
        }
        for (int i = 0; i < hiddenPrepared.length; i++) {
            hiddenPrepared[i] = new QuantizedRow(ff, lean);
        }
    }

    /** Points each expert's gathered rows at the inputs and outputs of its (token, rank) slots. */
    private void gatherExpertRows(QuantizedRow[] xGate, QuantizedRow[] xUp) {
        for (int ex = 0; ex < experts; ex++) {
            int[] slots = assignments[ex];
            for (int i = 0; i < assignmentCount[ex]; i++) {
                int slot = slots[i];
                int t = slot / used;
                gateIn[ex][i] = xGate[t];
                upIn[ex][i] = xUp[t];
                downIn[ex][i] = hiddenPrepared[slot];
                gateRows[ex][i] = gateOut[slot];
                upRows[ex][i] = hidden[slot];
                downRows[ex][i] = expertOut[slot];
            }
        }
    }

    private void route(int t, float[] bias) {
        float[] probs = routerLogits[t];
        if (sigmoid) {
            for (int e = 0; e < experts; e++) {
                probs[e] = 1.0f / (1.0f + (float) Math.exp(-probs[e]));
            }
        } else {
            Norms.softmax(probs, 0, experts);
        }
        for (int e = 0; e < experts; e++) {
            selection[e] = bias == null ? probs[e] : probs[e] + bias[e];
        }
        if (groups > 1) {
            maskUnchosenGroups();
        }
        int[] sel = selected[t];
        float[] wt = weights[t];
        // Top-k by descending score; ties keep the lower expert id first. Weights are the unbiased scores.
        for (int rank = 0; rank < used; rank++) {
            int best = -1;
            for (int e = 0; e < experts; e++) {
                if (isSelected(sel, rank, e)) {
                    continue;
                }
                if (best < 0 || selection[e] > selection[best]) {
                    best = e;
                }
            }
            sel[rank] = best;
            wt[rank] = probs[best];
        }
        if (renormalize) {
            double sum = 0;
            for (int rank = 0; rank < used; rank++) {
                sum += wt[rank];
            }
            float s = Math.max((float) sum, 6.103515625e-5f); // ggml clamps to the smallest F16 normal
            for (int rank = 0; rank < used; rank++) {
                wt[rank] /= s;
            }
        }
        if (weightScale != 1f) {
            for (int rank = 0; rank < used; rank++) {
                wt[rank] *= weightScale;
            }
        }
        for (int rank = 0; rank < used; rank++) {
            int e = sel[rank];
            assignments[e][assignmentCount[e]++] = t * used + rank;
        }
    }

    /** Rates each group by its two best scores and sets the scores outside the best groups to -inf. */
    private void maskUnchosenGroups() {
        int perGroup = experts / groups;
        for (int g = 0; g < groups; g++) {
            float first = Float.NEGATIVE_INFINITY;
            float second = Float.NEGATIVE_INFINITY;
            for (int e = g * perGroup; e < (g + 1) * perGroup; e++) {
                float s = selection[e];
                if (s > first) {
                    second = first;
                    first = s;
                } else if (s > second) {
                    second = s;
                }
            }
            groupScore[g] = perGroup == 1 ? first : first + second;
            groupChosen[g] = false;
        }
        for (int k = 0; k < groupsUsed; k++) {
            int best = -1;
            for (int g = 0; g < groups; g++) {
                if (!groupChosen[g] && (best < 0 || groupScore[g] > groupScore[best])) {
                    best = g;
                }
            }
            groupChosen[best] = true;
        }
        for (int g = 0; g < groups; g++) {
            if (!groupChosen[g]) {
                java.util.Arrays.fill(selection, g * perGroup, (g + 1) * perGroup, Float.NEGATIVE_INFINITY);
            }
        }
    }

    private static boolean isSelected(int[] sel, int count, int e) {
        for (int i = 0; i < count; i++) {
            if (sel[i] == e) {
                return true;
            }
        }
        return false;
    }

    /**
     * Splits the rows of every expert that has tokens into work items of about {@code grainRows} rows
     * (scaled down when few tokens use an expert, so decode still spreads over all threads).
     */
    private int planItems(int rows, int grainRows) {
        int items = 0;
        int active = 0;
        for (int e = 0; e < experts; e++) {
            if (assignmentCount[e] > 0) {
                activeExperts[active++] = e;
            }
        }
        int chunk = Math.max(4, Math.min(rows, grainRows * 4));
        int maxChunks = (itemExpert.length) / Math.max(1, active);
        chunk = Math.max(chunk, (rows + maxChunks - 1) / maxChunks);
        // At least a quarter of a matrix per item: one-token products stream the weights best in long runs (OLMoE
        // shape, one thread: 11.8 tok/s with 16-row items against 14.2 with 256; a quarter keeps four items
        // per selected expert to share out). Whole groups of sixteen rows: packed matrices (see Linear) multiply
        // no fewer.
        chunk = Math.max(chunk, rows / 4);
        chunk = (chunk + InterleavedRows.ROWS - 1) / InterleavedRows.ROWS * InterleavedRows.ROWS;
        for (int a = 0; a < active; a++) {
            int e = activeExperts[a];
            for (int r = 0; r < rows; r += chunk) {
                itemExpert[items] = e;
                itemStart[items] = r;
                itemEnd[items] = Math.min(rows, r + chunk);
                items++;
            }
        }
        return items;
    }
}
