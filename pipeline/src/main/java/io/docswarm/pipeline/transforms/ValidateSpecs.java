package io.docswarm.pipeline.transforms;

import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.spec.SpecPaths;
import io.docswarm.pipeline.spec.JobSpecReader;
import io.docswarm.pipeline.spec.ParsedSpec;
import io.docswarm.pipeline.spec.SpecError;
import io.docswarm.pipeline.spec.SpecValidationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.transforms.Flatten;

/**
 * Parses and validates each spec; rejects specs with errors and specs whose id another spec already uses (the
 * first by file name keeps it), so two specs can never write into the same output folder.
 */
public final class ValidateSpecs extends PTransform<PCollection<String>, PCollectionTuple> {

    public static final TupleTag<ParsedSpec> VALID = new TupleTag<>() {
    };

    private final String bucket;

    public ValidateSpecs(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public PCollectionTuple expand(PCollection<String> specPaths) {
        PCollectionTuple parsed = specPaths.apply("ParseAndValidate",
                ParDo.of(new ParseFn(bucket)).withOutputTags(VALID, TupleTagList.of(Failures.TAG)));
        PCollectionTuple unique = parsed.get(VALID)
                .apply("KeyById", WithKeys.of((ParsedSpec spec) -> spec.spec().id())
                        .withKeyType(TypeDescriptors.strings()))
                .apply("GroupById", GroupByKey.create())
                .apply("RejectDuplicateIds", ParDo.of(new UniqueIdFn())
                        .withOutputTags(VALID, TupleTagList.of(Failures.TAG)));
        PCollection<FailureReport> failures = PCollectionList.of(parsed.get(Failures.TAG))
                .and(unique.get(Failures.TAG)).apply("AllRejections", Flatten.pCollections());
        return PCollectionTuple.of(VALID, unique.get(VALID)).and(Failures.TAG, failures);
    }

    /** Reads one spec file into a {@link ParsedSpec} or a rejection naming every error. */
    static final class ParseFn extends DoFn<String, ParsedSpec> {
        private final String bucket;
        private transient JobSpecReader reader;
        private transient SpecPaths paths;

        ParseFn(String bucket) {
            this.bucket = bucket;
        }

        @Setup
        public void setup() {
            paths = SpecPaths.forBucket(bucket);
            reader = new JobSpecReader(paths);
        }

        @ProcessElement
        public void process(@Element String specPath, MultiOutputReceiver out) {
            PipelineMetrics.SPECS_FOUND.inc();
            try {
                out.get(VALID).output(reader.read(specPath));
            } catch (SpecValidationException e) {
                PipelineMetrics.SPECS_REJECTED.inc();
                List<FailureReport.Problem> problems = new ArrayList<>();
                for (SpecError error : e.errors()) {
                    String field = error.path().replaceAll(".*\\.", "").replaceAll("\\[\\d+]$", "");
                    problems.add(new FailureReport.Problem(error.path(), field, error.expected(), error.found()));
                }
                String file = paths.relative(specPath);
                out.get(Failures.TAG).output(new FailureReport(file, "validate",
                        e.errors().size() + " error(s) in " + file + "; first: " + e.errors().getFirst().message(),
                        problems));
            } catch (RuntimeException e) {
                // A reader bug or an unreadable file fails this spec, not the run.
                PipelineMetrics.SPECS_REJECTED.inc();
                String file = paths.relative(specPath);
                out.get(Failures.TAG).output(new FailureReport(file, "validate",
                        file + ": cannot read the spec: " + Failures.reason(e), List.of()));
            }
        }
    }

    /** Keeps the spec with the first file name for each id; rejects the others with a clear reason. */
    static final class UniqueIdFn extends DoFn<KV<String, Iterable<ParsedSpec>>, ParsedSpec> {
        @ProcessElement
        public void process(@Element KV<String, Iterable<ParsedSpec>> group, MultiOutputReceiver out) {
            List<ParsedSpec> specs = new ArrayList<>();
            group.getValue().forEach(specs::add);
            specs.sort(Comparator.comparing(ParsedSpec::specFile));
            out.get(VALID).output(specs.getFirst());
            for (ParsedSpec duplicate : specs.subList(1, specs.size())) {
                PipelineMetrics.SPECS_REJECTED.inc();
                out.get(Failures.TAG).output(new FailureReport(duplicate.specFile(), "validate",
                        duplicate.specFile() + ": $.id: expected an id no other spec uses, found '" + group.getKey()
                                + "', already used by " + specs.getFirst().specFile(),
                        List.of(new FailureReport.Problem("$.id", "id", "an id no other spec uses",
                                "'" + group.getKey() + "' (also in " + specs.getFirst().specFile() + ")"))));
            }
        }
    }
}
