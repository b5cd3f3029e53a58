package io.docswarm.pipeline.report;

import io.docswarm.pipeline.storage.Storage;
import io.docswarm.pipeline.output.FailureReport;
import io.docswarm.pipeline.output.Manifest;
import io.docswarm.pipeline.output.OutputJson;
import io.docswarm.pipeline.skills.SkillInbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes {@code OUT/index.html}: every job in the output folder with its status, deliverables (with preview
 * thumbnails where a renderer wrote one), timings, warnings and a link to its process page, then every spec
 * in the dead-letter folder with its reason. A job whose spec is in the dead-letter folder is shown as failed, or
 * as partially delivered when only some of its deliverables failed to render. The page is static HTML with no external resources, so it opens
 * from a file system, an object store or a web server alike.
 */
public final class RunReport {

    /** Preview image file names a renderer may write beside a deliverable, in order of preference. */
    private static final List<String> PREVIEW_SUFFIXES = List.of(".png", ".preview.png");

    private RunReport() {
    }

    /** Reads the output folder (local or object store) and writes its index page; returns the page's location. */
    public static String write(String out, String title) throws IOException {
        return write(out, title, List.of());
    }

    /**
     * Like {@link #write(String, String)}, also listing what this pass did with the bucket's skills inbox: new
     * Skill versions and samples that were refused, with the reason.
     */
    public static String write(String out, String title, List<SkillInbox.Outcome> inbox) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (String location : sorted(Storage.match(Storage.child(out, "*", "manifest.json")))) {
            OutputJson.readManifest(location).ifPresent(manifests::add);
        }
        List<FailureReport> failures = new ArrayList<>();
        for (String location : sorted(Storage.match(Storage.child(out, "_failed", "*.error.json")))) {
            failures.add(OutputJson.read(location, FailureReport.class));
        }
        String html = render(out, title, manifests, failures, inbox);
        String page = Storage.child(out, "index.html");
        Storage.write(page, html.getBytes(StandardCharsets.UTF_8));
        return page;
    }

    private static List<String> sorted(List<org.apache.beam.sdk.io.fs.MatchResult.Metadata> files) {
        return files.stream().map(m -> m.resourceId().toString()).sorted().toList();
    }

    static String render(String out, String title, List<Manifest> manifests, List<FailureReport> failures,
                         List<SkillInbox.Outcome> inbox) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body>\n<header><h1>").append(Html.escape(title)).append("</h1>\n<p class=\"summary\">")
                .append(manifests.size()).append(" job(s) with outputs, ").append(failures.size())
                .append(" rejected or failed spec(s)</p></header>\n<main>\n");
        html.append("<section id=\"jobs\">\n<h2>Jobs</h2>\n");
        if (manifests.isEmpty()) {
            html.append("<p>No job has produced output yet.</p>\n");
        }
        java.util.Map<String, FailureReport> failureBySpec = new java.util.HashMap<>();
        failures.forEach(failure -> failureBySpec.put(failure.specFile(), failure));
        for (Manifest manifest : manifests) {
            job(html, out, manifest, failureBySpec.get(manifest.specFile()));
        }
        html.append("</section>\n<section id=\"failed\">\n<h2>Rejected and failed specs</h2>\n");
        if (failures.isEmpty()) {
            html.append("<p>None.</p>\n");
        } else {
            html.append("<table>\n<thead><tr><th>Spec</th><th>Stage</th><th>Reason</th></tr></thead>\n<tbody>\n");
            for (FailureReport failure : failures) {
                html.append("<tr class=\"failed\"><td>").append(Html.escape(failure.specFile())).append("</td><td>")
                        .append(Html.escape(failure.stage())).append("</td><td>")
                        .append(Html.escape(failure.reason())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
        if (!inbox.isEmpty()) {
            html.append("<section id=\"skills-inbox\">\n<h2>Skills inbox</h2>\n<table>\n<thead><tr><th>Sample</th>"
                    + "<th>Result</th></tr></thead>\n<tbody>\n");
            for (SkillInbox.Outcome outcome : inbox) {
                html.append("<tr class=\"").append(outcome.imported() ? "imported" : "failed").append("\"><td>")
                        .append(Html.escape(outcome.file())).append("</td><td>")
                        .append(Html.escape(outcome.imported() ? "new Skill " + outcome.skill()
                                : "refused: " + outcome.problem())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n</section>\n");
        }
        html.append("</main>\n<script>document.body.dataset.rendered = 'ok';</script>\n"
                + "</body>\n</html>\n");
        return html.toString();
    }

    /**
     * A job's status: failed when its spec has a dead letter (partially delivered when the failure was rendering
     * and some files were written), else delivered, with or without warnings. The dead letter is what the CLI
     * counts as failed, so the page and the exit code agree.
     */
    static String status(Manifest manifest, FailureReport failure) {
        if (failure != null) {
            return "render".equals(failure.stage()) && !manifest.files().isEmpty() ? "partially-delivered"
                    : "failed";
        }
        if (manifest.files().isEmpty()) {
            return "failed";
        }
        return manifest.warnings().isEmpty() ? "delivered" : "delivered-with-warnings";
    }

    private static void job(StringBuilder html, String out, Manifest manifest, FailureReport failure) {
        boolean hasWarnings = !manifest.warnings().isEmpty();
        String status = status(manifest, failure);
        html.append("<article class=\"job ").append(status).append("\" id=\"job-")
                .append(Html.escape(manifest.jobId())).append("\">\n<h3>").append(Html.escape(manifest.jobId()))
                .append(" <span class=\"status\">").append(status.replace('-', ' ')).append("</span></h3>\n")
                .append("<p class=\"meta\">spec ").append(Html.escape(manifest.specFile())).append(" · drafter ")
                .append(Html.escape(manifest.drafter())).append(" · ");
        long total = manifest.timingsMs().values().stream().mapToLong(Long::longValue).sum();
        html.append(total).append(" ms (");
        List<String> stages = new ArrayList<>();
        manifest.timingsMs().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> stages.add(Html.escape(e.getKey()) + " " + e.getValue()));
        html.append(String.join(", ", stages)).append(")");
        if (manifest.tokens() > 0) {
            html.append(" · ").append(manifest.tokens()).append(" model tokens");
        }
        if (Storage.exists(Storage.child(out, manifest.jobId(), "process.html"))) {
            html.append(" · <a href=\"").append(Html.href(manifest.jobId(), "process.html"))
                    .append("\">process</a>");
        }
        html.append("</p>\n");
        if (failure != null) {
            html.append("<p class=\"failure\">").append(Html.escape(failure.stage())).append(" failed: ")
                    .append(Html.escape(failure.reason())).append("</p>\n");
        }
        html.append("<ul class=\"files\">\n");
        for (Manifest.FileEntry file : manifest.files()) {
            html.append("<li><a href=\"").append(Html.href(manifest.jobId(), file.name())).append("\">");
            preview(out, manifest.jobId(), file.name()).ifPresent(png -> html.append("<img src=\"")
                    .append(Html.href(manifest.jobId(), png)).append("\" alt=\"preview of ")
                    .append(Html.escape(file.name())).append("\">"));
            html.append("<span>").append(Html.escape(file.name())).append("</span></a> <small>")
                    .append(Html.escape(file.skill())).append(" · ").append(file.units()).append(" ")
                    .append(unit(file.format())).append(" · ").append(file.bytes() / 1024).append(" KiB</small></li>\n");
        }
        html.append("</ul>\n");
        if (hasWarnings) {
            html.append("<details><summary>").append(manifest.warnings().size())
                    .append(" warning(s)</summary>\n<ul class=\"warnings\">\n");
            for (String warning : manifest.warnings()) {
                html.append("<li>").append(Html.escape(warning)).append("</li>\n");
            }
            html.append("</ul>\n</details>\n");
        }
        html.append("</article>\n");
    }

    private static Optional<String> preview(String out, String jobId, String fileName) {
        for (String suffix : PREVIEW_SUFFIXES) {
            String candidate = fileName + suffix;
            if (Storage.exists(Storage.child(out, jobId, candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String unit(String format) {
        return switch (format) {
            case "pptx" -> "slide(s)";
            case "xlsx" -> "sheet(s)";
            case "docx" -> "section(s)";
            default -> "page(s)";
        };
    }

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1e1e1e; background: #f5f6f8; }
            header { background: #1f3a5f; color: #fff; padding: 1.2rem 2rem; }
            header h1 { margin: 0 0 .3rem; font-size: 1.6rem; }
            main { padding: 1rem 2rem 3rem; }
            article.job { background: #fff; border-radius: 6px; padding: .8rem 1.2rem; margin: 0 0 1rem;
                          border-left: 6px solid #4f9d69; }
            article.job.delivered-with-warnings { border-left-color: #e07a1f; }
            article.job.failed { border-left-color: #c44536; }
            article.job.partially-delivered { border-left-color: #c44536; }
            .failure { color: #c44536; font-size: .9rem; }
            h3 { margin: .2rem 0; } .status { font-size: .8rem; font-weight: normal; color: #555; }
            .meta { color: #555; font-size: .85rem; }
            ul.files { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
            ul.files li { width: 220px; } ul.files img { width: 100%; border: 1px solid #ddd; display: block; }
            table { border-collapse: collapse; width: 100%; background: #fff; }
            th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #e4e8ee; }
            """;
}
