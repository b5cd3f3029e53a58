package io.docswarm.pipeline.transforms;

import io.docswarm.pipeline.storage.Storage;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.OutputJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each failure to the dead-letter folder {@code OUT/_failed/<spec-file>.error.json} and logs it. */
public final class WriteFailures extends PTransform<PCollection<FailureReport>, PCollection<String>> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);

    private final String out;

    public WriteFailures(String out) {
        this.out = out;
    }

    @Override
    public PCollection<String> expand(PCollection<FailureReport> failures) {
        return failures.apply("WriteDeadLetter", ParDo.of(new DeadLetterFn(out)));
    }

    static final class DeadLetterFn extends DoFn<FailureReport, String> {
        private final String out;

        DeadLetterFn(String out) {
            this.out = out;
        }

        @ProcessElement
        public void process(@Element FailureReport failure, OutputReceiver<String> receiver) {
            String file = Storage.child(out, "_failed", FailureReport.fileNameFor(failure.specFile()));
            try {
                Storage.write(file, OutputJson.bytes(failure));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            LOG.warn("rejected {} ({}): {}", failure.specFile(), failure.stage(), failure.reason());
            receiver.output(failure.specFile());
        }
    }
}
