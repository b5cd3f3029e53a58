package io.docswarm.engine;

import io.docswarm.engine.gguf.GgmlType;
import java.util.Map;

/**
 * A summary of a loaded model for display ({@code docswarm engine info}).
 *
 * @param name {@code general.name}, or the file name
 * @param parameters total weights in the file (all experts)
 * @param tensorTypes how many weights are stored in each type
 * @param kvCacheBytes memory of the KV cache at the loaded context length
 * @param kvCacheType its element type, F16 or F32
 * @param chatTemplate whether the file has {@code tokenizer.chat_template}
 * @param device where the forward pass runs: {@code cpu}, or {@code cuda:N (GPU name, memory, sm_XY)}
 * @param packedWeightBytes weights the CPU backend repacked at load time (0: every matrix read in place)
 */
public record EngineInfo(String path, String name, String architecture, long fileBytes, long parameters,
                         Map<GgmlType, Long> tensorTypes, int vocabSize, int contextLength, int trainedContextLength,
                         int layers, int embeddingLength, int headCount, int headCountKv, int headDim,
                         int expertCount, int expertUsedCount, int expertFeedForwardLength, String tokenizerModel,
                         boolean chatTemplate, long kvCacheBytes, GgmlType kvCacheType, int threads,
                         String device, long packedWeightBytes) {
    public EngineInfo {
        tensorTypes = Map.copyOf(tensorTypes);
    }

    /** Human-readable lines. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("name:          ").append(name).append('\n');
        b.append("architecture:  ").append(architecture).append('\n');
        b.append("file:          ").append(path).append(" (").append(fileBytes / (1024 * 1024)).append(" MiB)\n");
        b.append("parameters:    ").append(String.format(java.util.Locale.ROOT, "%.1fM", parameters / 1e6)).append('\n');
        b.append("weights:       ").append(tensorTypes).append('\n');
        b.append("layers:        ").append(layers).append(", embedding ").append(embeddingLength)
                .append(", heads ").append(headCount).append('/').append(headCountKv).append(" x ").append(headDim).append('\n');
        if (expertCount > 0) {
            b.append("experts:       ").append(expertUsedCount).append(" of ").append(expertCount)
                    .append(", width ").append(expertFeedForwardLength).append('\n');
        }
        b.append("vocabulary:    ").append(vocabSize).append(" (").append(tokenizerModel).append(")\n");
        b.append("context:       ").append(contextLength).append(" (trained ").append(trainedContextLength)
                .append("), KV cache ").append(kvCacheBytes / (1024 * 1024)).append(" MiB ").append(kvCacheType)
                .append('\n');
        b.append("chat template: ").append(chatTemplate ? "yes" : "no").append('\n');
        b.append("device:        ").append(device).append('\n');
        b.append("repacked:      ").append(packedWeightBytes == 0 ? "none"
                : packedWeightBytes / (1024 * 1024) + " MiB of weights, sixteen rows side by side").append('\n');
        b.append("threads:       ").append(threads);
        return b.toString();
    }
}
