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
        return new FailureReport(specFile, stage, reason(e), java.util.List.of());
    }

    /** The exception's message, or its type when it has none (a NullPointerException, say). */
    static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
