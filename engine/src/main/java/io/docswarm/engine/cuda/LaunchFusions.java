package io.docswarm.engine.cuda;

/**
 * Which launch fusions a model's forward pass takes. Each gives the same bits as the launches it replaces, and
 * each can be switched off by its system property ({@link CudaModel#FUSE_EXPERT_SUM}, {@link CudaModel#FUSE_ROUTING},
 * {@link CudaModel#FUSE_HIDDEN_QUANTIZATION}, {@link CudaModel#FUSE_HEAD_NORMS}, {@link CudaModel#PAIR_PRODUCTS}),
 * so that a device can time the two forms.
 *
 * @param expertSum a MoE layer's expert sum in the next norm's launch
 * @param routing a decode step's feed-forward norm, router and routing in one launch
 * @param hiddenQuantization a decode step's expert hidden rows quantized by their SwiGLU launch
 * @param headNorms a Qwen3 decode step's head norms, RoPE and cache store in the q, k and v products' launch
 * @param pairs two fixed matrices of different K-quants times one input in one launch (the head-norm launch
 *     of two matrices included)
 */
record LaunchFusions(boolean expertSum, boolean routing, boolean hiddenQuantization, boolean headNorms,
                     boolean pairs) {
    static final LaunchFusions ALL = new LaunchFusions(true, true, true, true, true);

    /** Every fusion on unless its system property says false; a value other than true or false is refused. */
    static LaunchFusions fromSystemProperties() {
        return new LaunchFusions(onOff(CudaModel.FUSE_EXPERT_SUM), onOff(CudaModel.FUSE_ROUTING),
                onOff(CudaModel.FUSE_HIDDEN_QUANTIZATION), onOff(CudaModel.FUSE_HEAD_NORMS),
                onOff(CudaModel.PAIR_PRODUCTS));
    }

    private static boolean onOff(String property) {
        String value = System.getProperty(property, "true");
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("-D" + property + "=" + value + ": true or false");
        };
    }
}
