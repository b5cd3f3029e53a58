package io.docswarm.pipeline.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/** Beam metrics the pipeline reports; both runners collect them and the CLI prints them. */
public final class PipelineMetrics {

    public static final String NAMESPACE = "docswarm";

    static final Counter SPECS_FOUND = Metrics.counter(NAMESPACE, "specs_found");
    static final Counter SPECS_REJECTED = Metrics.counter(NAMESPACE, "specs_rejected");
    static final Counter JOBS_FAILED = Metrics.counter(NAMESPACE, "jobs_failed");
    static final Counter JOBS_UP_TO_DATE = Metrics.counter(NAMESPACE, "jobs_up_to_date");
    static final Counter JOBS_DELIVERED = Metrics.counter(NAMESPACE, "jobs_delivered");
    static final Counter PARTS_DRAFTED = Metrics.counter(NAMESPACE, "parts_drafted");
    static final Counter FILES_RENDERED = Metrics.counter(NAMESPACE, "files_rendered");
    static final Counter MODEL_TOKENS = Metrics.counter(NAMESPACE, "model_tokens");
    static final Distribution DRAFT_MILLIS = Metrics.distribution(NAMESPACE, "draft_millis");
    static final Distribution RENDER_MILLIS = Metrics.distribution(NAMESPACE, "render_millis");

    private PipelineMetrics() {
    }
}
