package io.docswarm.pipeline;

import io.docswarm.pipeline.transforms.PipelineMetrics;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counts a finished run reports, read from Beam metrics (both runners collect them).
 *
 * @param specsFound    specs seen in jobs/
 * @param specsRejected specs refused at validation
 * @param jobsFailed    valid specs that failed later
 * @param upToDate      jobs skipped because their outputs were current
 * @param delivered     jobs whose every deliverable was written
 * @param files         files rendered
 */
public record RunSummary(long specsFound, long specsRejected, long jobsFailed, long upToDate, long delivered,
                         long files) {

    public static RunSummary of(PipelineResult result) {
        MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder()
                .addNameFilter(MetricNameFilter.inNamespace(PipelineMetrics.NAMESPACE)).build());
        return new RunSummary(counter(metrics, "specs_found"), counter(metrics, "specs_rejected"),
                counter(metrics, "jobs_failed"), counter(metrics, "jobs_up_to_date"),
                counter(metrics, "jobs_delivered"), counter(metrics, "files_rendered"));
    }

    private static long counter(MetricQueryResults metrics, String name) {
        long total = 0;
        for (MetricResult<Long> counter : metrics.getCounters()) {
            if (counter.getName().getName().equals(name)) {
                total += counter.getAttempted();
            }
        }
        return total;
    }

    public boolean allSucceeded() {
        return specsRejected == 0 && jobsFailed == 0;
    }

    @Override
    public String toString() {
        return specsFound + " spec(s): " + delivered + " delivered (" + files + " file(s)), " + upToDate
                + " up to date, " + specsRejected + " rejected, " + jobsFailed + " failed";
    }
}
