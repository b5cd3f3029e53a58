package io.docswarm.pipeline.transforms;

import org.apache.beam.sdk.io.FileIO;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/** Finds the job specs ({@code *.json}) in a bucket's {@code jobs/} folder; yields their paths. */
public final class ReadSpecs extends PTransform<PBegin, PCollection<String>> {

    private final String bucket;

    public ReadSpecs(String bucket) {
        this.bucket = bucket;
    }

    @Override
    public PCollection<String> expand(PBegin input) {
        return input
                .apply("MatchSpecFiles", FileIO.match()
                        .filepattern(bucket + "/jobs/*.json")
                        .withEmptyMatchTreatment(EmptyMatchTreatment.ALLOW))
                .apply("SpecPaths", MapElements.into(TypeDescriptors.strings())
                        .via((MatchResult.Metadata metadata) -> metadata.resourceId().toString()));
    }
}
