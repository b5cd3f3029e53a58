package io.docswarm.engine;

import io.docswarm.engine.gguf.GgmlType;

/**
 * How to load a model.
 *
 * @param threads compute threads; 0 means one per available processor
 * @param contextLength positions the KV cache holds; 0 means the model's own context length capped at
 *     {@link #DEFAULT_CONTEXT} (the cache is allocated up front: 2 or 4 bytes x 2 x layers x kv width per
 *     position)
 * @param batchSize prompt tokens processed together (matrix-matrix products)
 * @param preload read every weight page at load time (reporting progress) instead of on first use
 * @param kvCacheType {@link GgmlType#F16} (the default, as llama.cpp's: half the memory, keys and values
 *     rounded to F16 when stored) or {@link GgmlType#F32}, on the CPU and the CUDA backend; deepseek2's
 *     latent cache is F32 either way
 * @param device where the forward pass runs (see {@link Device}); {@code auto} by default
 * @param repack see {@link #withRepack}; on by default
 */
public record EngineOptions(int threads, int contextLength, int batchSize, boolean preload, GgmlType kvCacheType,
                            Device device, boolean repack) {
    public static final int DEFAULT_CONTEXT = 4096;
    public static final GgmlType DEFAULT_KV_CACHE = GgmlType.F16;

    public EngineOptions {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative, got " + threads);
        }
        if (contextLength < 0) {
            throw new IllegalArgumentException("context length must not be negative, got " + contextLength);
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be 1..4096, got " + batchSize);
        }
        if (kvCacheType != GgmlType.F16 && kvCacheType != GgmlType.F32) {
            throw new IllegalArgumentException("KV cache type must be F16 or F32, got " + kvCacheType);
        }
        java.util.Objects.requireNonNull(device, "device");
    }

    /** Repacking the weights that multiply faster repacked (the default). */
    public EngineOptions(int threads, int contextLength, int batchSize, boolean preload, GgmlType kvCacheType,
                         Device device) {
        this(threads, contextLength, batchSize, preload, kvCacheType, device, true);
    }

    /** With the default KV cache type, on any device ({@code auto}). */
    public EngineOptions(int threads, int contextLength, int batchSize, boolean preload) {
        this(threads, contextLength, batchSize, preload, DEFAULT_KV_CACHE, Device.AUTO);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(0, 0, 256, false, DEFAULT_KV_CACHE, Device.AUTO);
    }

    public EngineOptions withThreads(int n) {
        return new EngineOptions(n, contextLength, batchSize, preload, kvCacheType, device, repack);
    }

    public EngineOptions withContextLength(int n) {
        return new EngineOptions(threads, n, batchSize, preload, kvCacheType, device, repack);
    }

    public EngineOptions withBatchSize(int n) {
        return new EngineOptions(threads, contextLength, n, preload, kvCacheType, device, repack);
    }

    public EngineOptions withPreload(boolean p) {
        return new EngineOptions(threads, contextLength, batchSize, p, kvCacheType, device, repack);
    }

    /** F16 or F32. */
    public EngineOptions withKvCacheType(GgmlType type) {
        return new EngineOptions(threads, contextLength, batchSize, preload, type, device, repack);
    }

    public EngineOptions withDevice(Device d) {
        return new EngineOptions(threads, contextLength, batchSize, preload, kvCacheType, d, repack);
    }

    /**
     * Whether the CPU backend repacks weight matrices at load time where a packed layout multiplies faster
     * (Q4_K, Q6_K and Q8_0 on 512-bit machines: 1.3 to 1.8 times the generation speed, the load longer). Off,
     * every matrix is read in place from the mapped file, as llama.cpp's {@code --no-repack} does.
     */
    public EngineOptions withRepack(boolean r) {
        return new EngineOptions(threads, contextLength, batchSize, preload, kvCacheType, device, r);
    }

    int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
