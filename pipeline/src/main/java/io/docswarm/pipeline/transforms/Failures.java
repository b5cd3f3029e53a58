package io.docswarm.pipeline.transforms;

import io.docswarm.pipeline.output.FailureReport;
import org.apache.beam.sdk.values.TupleTag;

/** The side output every stage sends failed jobs to; they all end in the dead-letter folder. */
public final class Failures {

    public static final TupleTag<FailureReport> TAG = new TupleTag<>() {
    };

    private Failures() {
    }

    static FailureReport of(String specFile, String stage, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new FailureReport(specFile, stage, reason, java.util.List.of());
    }
}
