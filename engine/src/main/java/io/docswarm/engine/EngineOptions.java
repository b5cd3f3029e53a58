package io.docswarm.engine;

/**
 * How to load a model.
 *
 * @param threads compute threads; 0 means one per available processor
 * @param contextLength positions the KV cache holds; 0 means the model's own context length capped at
 *     {@link #DEFAULT_CONTEXT} (the cache is allocated up front: 4 bytes x 2 x layers x kv width per position)
 * @param batchSize prompt tokens processed together (matrix-matrix products)
 * @param preload read every weight page at load time (reporting progress) instead of on first use
 * @param device where the forward pass runs (see {@link Device}); {@code auto} by default
 */
public record EngineOptions(int threads, int contextLength, int batchSize, boolean preload, Device device) {
    public static final int DEFAULT_CONTEXT = 4096;

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
        java.util.Objects.requireNonNull(device, "device");
    }

    public EngineOptions(int threads, int contextLength, int batchSize, boolean preload) {
        this(threads, contextLength, batchSize, preload, Device.AUTO);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(0, 0, 256, false, Device.AUTO);
    }

    public EngineOptions withThreads(int n) {
        return new EngineOptions(n, contextLength, batchSize, preload, device);
    }

    public EngineOptions withContextLength(int n) {
        return new EngineOptions(threads, n, batchSize, preload, device);
    }

    public EngineOptions withBatchSize(int n) {
        return new EngineOptions(threads, contextLength, n, preload, device);
    }

    public EngineOptions withPreload(boolean p) {
        return new EngineOptions(threads, contextLength, batchSize, p, device);
    }

    public EngineOptions withDevice(Device d) {
        return new EngineOptions(threads, contextLength, batchSize, preload, d);
    }

    int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
