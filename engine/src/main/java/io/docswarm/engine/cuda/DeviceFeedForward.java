package io.docswarm.engine.cuda;

/**
 * SwiGLU feed-forward layers on the device, dense or mixture-of-experts, as the CPU's DenseFeedForward and
 * MoeFeedForward compute them: {@code down(silu(gate·x) * (up·x))}; for experts the router's scores
 * (softmax or sigmoid), top-k with an optional selection bias and expert groups, and the rank-ordered
 * weighted sum. The input is the current input of {@link DeviceOps} (the normed hidden state).
 */
final class DeviceFeedForward {
    /** A dense FFN's matrices. */
    record Dense(DeviceMatrix gate, DeviceMatrix up, DeviceMatrix down) {}

    /** A MoE layer's router and expert stacks; {@code selectionBias} ({@code exp_probs_b}) may be null. */
    record Experts(DeviceMatrix router, DeviceBuffer selectionBias, DeviceMatrix gate, DeviceMatrix up,
                   DeviceMatrix down) {}

    /**
     * How experts are chosen and weighted.
     *
     * @param groups expert groups for group-limited routing (0: none)
     */
    record Routing(int experts, int used, boolean sigmoid, boolean renormalize, float weightScale, int groups,
                   int groupsUsed) {}

    /** ops.cu's MOE_MAX_USED and MOE_MAX_GROUPS: the router keeps them in registers. */
    private static final int MAX_EXPERTS_USED = 64;
    /** 32 x ops.cu's MOE_LANE_EXPERTS: the router's lanes keep every expert's score in registers. */
    private static final int MAX_ROUTED_EXPERTS = 512;
    /** ops.cu's MOE_GROUP_MAX_EXPERTS: experts a prompt's slots can be grouped by (more: slot order). */
    static final int MAX_GROUPED_EXPERTS = 1024;
    static final int MAX_GROUPS = 32;

    private final DeviceOps ops;
    private final Routing routing;
    private final int embd;
    private final DeviceBuffer routerLogits;
    private final DeviceBuffer selection;
    private final DeviceBuffer expertIds;
    private final DeviceBuffer expertWeights;
    /** A prompt's expert slots grouped by expert (moe_group), for the expert products. */
    private final DeviceBuffer slotOrder;
    private final DeviceBuffer hiddenGate;
    private final DeviceBuffer hiddenUp;
    private final DeviceBuffer expertOut;

    /**
     * Scratch for batches of up to {@code maxBatch} tokens through dense layers up to {@code denseWidth} wide
     * and, when {@code routing} is not null, expert layers of {@code expertWidth}.
     */
    DeviceFeedForward(DeviceOps ops, int maxBatch, int embd, int denseWidth, int expertWidth, Routing routing) {
        this.ops = ops;
        this.routing = routing;
        this.embd = embd;
        Gpu cuda = ops.gpu();
        int slots = slots(maxBatch, routing);
        long hidden = Math.max((long) maxBatch * denseWidth, routing == null ? 0 : (long) slots * expertWidth);
        hiddenGate = cuda.allocate(4 * hidden);
        hiddenUp = cuda.allocate(4 * hidden);
        if (routing != null) {
            routerLogits = cuda.allocate(4L * maxBatch * routing.experts());
            selection = cuda.allocate(4L * maxBatch * routing.experts());
            expertIds = cuda.allocate(4L * slots);
            expertWeights = cuda.allocate(4L * slots);
            expertOut = cuda.allocate(4L * slots * embd);
            slotOrder = cuda.allocate(4L * slots);
        } else {
            routerLogits = selection = expertIds = expertWeights = expertOut = slotOrder = null;
        }
    }

    /** (token, rank) slots of a batch of {@code maxBatch}: the rows of the expert products. */
    static int slots(int maxBatch, Routing routing) {
        return routing == null ? maxBatch : maxBatch * routing.used();
    }

    /** Why a router over {@code experts} experts choosing {@code used} per token cannot run on the device, or null. */
    static String unsupportedCounts(int experts, int used) {
        if (used > MAX_EXPERTS_USED) {
            return used + " experts per token exceed the CUDA router's " + MAX_EXPERTS_USED;
        }
        if (experts > MAX_ROUTED_EXPERTS) {
            return experts + " experts exceed the CUDA router's " + MAX_ROUTED_EXPERTS;
        }
        return null;
    }

    /** Why these routing settings cannot run on the device, or null. */
    static String unsupported(Routing routing) {
        String counts = unsupportedCounts(routing.experts(), routing.used());
        if (counts != null) {
            return counts;
        }
        if (routing.groups() > MAX_GROUPS) {
            return routing.groups() + " expert groups exceed the CUDA router's " + MAX_GROUPS;
        }
        if (routing.groups() > 1 && (routing.experts() % routing.groups() != 0 || routing.groupsUsed() < 1
                || routing.groupsUsed() >= routing.groups())) {
            return routing.groups() + " expert groups (" + routing.groupsUsed() + " used) do not split "
                    + routing.experts() + " experts";
        }
        return null;
    }

    /**
     * {@code out = down(silu(gate·x) * (up·x))} for {@code n} tokens, or with {@code residual} {@code out += ...}
     * (the bits of the sum and a separate residual add).
     */
    void dense(Dense w, int n, DeviceBuffer out, boolean residual) {
        int ff = w.gate().rows();
        ops.swiglu(w.gate(), w.up(), null, null, 1, n, hiddenGate, ff, hiddenUp);
        ops.input(hiddenGate, ff, n, ff);
        if (residual) {
            ops.matmulAdd(w.down(), n, out, embd);
        } else {
            ops.matmul(w.down(), null, 1, n, out, embd);
        }
    }

    /**
     * A MoE layer's outputs before their weighted sum: for each of {@code n} tokens, {@code used} rows of
     * {@code width} floats in {@code slots} (rank order) and their weights in {@code weights}. Valid until the
     * next MoE layer runs (the buffers are this feed-forward's scratch).
     */
    record ExpertOutputs(DeviceBuffer slots, DeviceBuffer weights, int used, int n, int width) {
        /** The weighted sum (ranks added in order) into {@code out}, or with {@code residual} added to it. */
        void addTo(DeviceOps ops, DeviceBuffer out, boolean residual) {
            ops.elementwise("moe_combine", (long) n * width, slots, weights, n, used, width, out, residual ? 1 : 0);
        }
    }

    /**
     * Router, top-k on the device, then gate/up/down for the (token, rank) slots with each slot's expert: only
     * the selected experts' rows are read. The weighted sum (the ranks added in order, as the CPU does) is left
     * to the caller ({@link ExpertOutputs#addTo}).
     */
    ExpertOutputs expertOutputs(Experts w, int n) {
        ops.matmul(w.router(), null, 1, n, routerLogits, routing.experts());
        ops.launch("moe_route", DeviceOps.blocks(32L * n), 1, DeviceOps.THREADS, routerLogits, n, routing.experts(),
                routing.used(), routing.sigmoid() ? 1 : 0, routing.renormalize() ? 1 : 0, routing.weightScale(),
                w.selectionBias(), routing.groups(), routing.groupsUsed(), selection, expertIds, expertWeights);
        int used = routing.used();
        int slots = n * used;
        int ff = w.gate().rows();
        // A prompt's slots grouped by expert: the slots of a tile then share their expert's rows (read once per
        // tile instead of once per slot). A decode step's few slots name different experts: slot order.
        DeviceBuffer order = null;
        if (n > 1 && routing.experts() <= MAX_GROUPED_EXPERTS) {
            ops.launch("moe_group", 1, 1, DeviceOps.THREADS, expertIds, slots, routing.experts(), slotOrder);
            order = slotOrder;
        }
        ops.swiglu(w.gate(), w.up(), expertIds, order, used, slots, hiddenGate, ff, hiddenUp);
        ops.input(hiddenGate, ff, slots, ff);
        ops.matmul(w.down(), expertIds, order, 1, slots, expertOut, embd);
        return new ExpertOutputs(expertOut, expertWeights, used, n, embd);
    }
}
