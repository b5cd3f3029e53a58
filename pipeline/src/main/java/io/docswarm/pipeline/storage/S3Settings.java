package io.docswarm.pipeline.storage;

import java.io.Serializable;
import java.net.URI;
import org.apache.beam.sdk.io.aws2.options.S3ClientBuilderFactory;
import org.apache.beam.sdk.io.aws2.options.S3Options;
import org.apache.beam.sdk.io.aws2.s3.DefaultS3ClientBuilderFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * How to reach an S3-compatible store. Credentials come from the AWS default chain (environment variables
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, profiles, instance roles).
 *
 * @param endpoint  a custom endpoint (MinIO, S3Proxy, Ceph...), or null for AWS
 * @param region    the region, e.g. {@code eu-west-1}
 * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}; most
 *                  self-hosted stores need it
 */
public record S3Settings(URI endpoint, String region, boolean pathStyle) implements Serializable {

    public static final S3Settings DEFAULT = new S3Settings(null, "us-east-1", false);

    /** Applies these settings to a pipeline's options. */
    public void applyTo(S3Options options) {
        options.setAwsRegion(Region.of(region));
        if (endpoint != null) {
            options.setEndpoint(endpoint);
        }
        if (pathStyle) {
            options.setS3ClientFactoryClass(PathStyleClients.class);
        }
    }

    /** Builds S3 clients that address buckets by path, as self-hosted stores expect. */
    public static final class PathStyleClients implements S3ClientBuilderFactory {
        @Override
        public S3ClientBuilder createBuilder(S3Options options) {
            return new DefaultS3ClientBuilderFactory().createBuilder(options).forcePathStyle(true);
        }
    }
}
