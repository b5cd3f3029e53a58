package io.docswarm.pipeline.report;

import io.docswarm.agents.plan.JobPlan;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.trace.TraceEvent;
import java.util.List;
import java.util.Locale;

/**
 * {@code OUT/<job-id>/process.html}: how a job was done. The plan (every part with its role, purpose and
 * budget), a timeline chart of every step, and the findings and adjustments made along the way. Static HTML
 * with an inline SVG chart, no external resources.
 */
public final class ProcessPage {

    private static final int BAR_AREA = 560;
    private static final int ROW = 22;

    private ProcessPage() {
    }

    public static String render(String jobId, JobPlan plan, List<TraceEvent> trace, List<String> findings) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Process of ")
                .append(Html.escape(jobId)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body>\n<header><h1>Process of ").append(Html.escape(jobId)).append("</h1><p>")
                .append(plan.parts().size()).append(" parts, ").append(trace.size())
                .append(" steps · <a href=\"../index.html\">all jobs</a> · <a href=\"trace.jsonl\">trace.jsonl</a>")
                .append("</p></header>\n<main>\n");
        timeline(html, trace);
        planTable(html, plan);
        html.append("<section id=\"findings\"><h2>Findings and adjustments</h2>\n");
        if (findings.isEmpty()) {
            html.append("<p>None: every part met its budgets and every deliverable rendered as planned.</p>\n");
        } else {
            html.append("<ul>\n");
            findings.forEach(f -> html.append("<li>").append(Html.escape(f)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("</section>\n</main>\n<script>document.body.dataset.rendered = 'ok';</script>\n</body>\n</html>\n");
        return html.toString();
    }

    /** One bar per step, in order, as long as the step took; colour by role. */
    private static void timeline(StringBuilder html, List<TraceEvent> trace) {
        long longest = Math.max(1, trace.stream().mapToLong(TraceEvent::millis).max().orElse(1));
        int height = ROW * trace.size() + 10;
        html.append("<section id=\"timeline\"><h2>Timeline</h2>\n<svg xmlns=\"http://www.w3.org/2000/svg\" ")
                .append("width=\"").append(BAR_AREA + 330).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"time per step\">\n");
        for (int i = 0; i < trace.size(); i++) {
            TraceEvent event = trace.get(i);
            int y = 5 + i * ROW;
            int width = (int) Math.max(2, Math.round((double) event.millis() / longest * BAR_AREA));
            html.append("<text x=\"0\" y=\"").append(y + 15).append("\" class=\"role\">")
                    .append(Html.escape(event.role())).append("</text>")
                    .append("<rect x=\"90\" y=\"").append(y + 3).append("\" width=\"").append(width)
                    .append("\" height=\"").append(ROW - 6).append("\" class=\"bar ").append(Html.escape(event.role()))
                    .append("\"><title>").append(Html.escape(event.subject())).append(": ").append(event.millis())
                    .append(" ms</title></rect>")
                    .append("<text x=\"").append(96 + width).append("\" y=\"").append(y + 15).append("\" class=\"label\">")
                    .append(event.millis()).append(" ms · ").append(Html.escape(shorten(event.subject())))
                    .append("</text>\n");
        }
        html.append("</svg>\n</section>\n");
    }

    private static void planTable(StringBuilder html, JobPlan plan) {
        html.append("<section id=\"plan\"><h2>Plan</h2>\n<table>\n<thead><tr><th>Deliverable</th><th>Part</th>")
                .append("<th>Kind</th><th>Heading</th><th>Purpose</th><th>Budget</th></tr></thead>\n<tbody>\n");
        for (PartTask part : plan.parts()) {
            html.append("<tr><td>").append(part.deliverableIndex() + 1).append(" (")
                    .append(part.format().extension()).append(")</td><td>").append(part.partIndex())
                    .append("</td><td>").append(part.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .append("</td><td>").append(Html.escape(part.heading())).append("</td><td>")
                    .append(Html.escape(part.purpose())).append("</td><td>").append(part.sentenceBudget())
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String shorten(String text) {
        return text.length() <= 48 ? text : text.substring(0, 47) + "…";
    }

    private static final String STYLE = """
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0; color: #1e1e1e; background: #f5f6f8; }
            header { background: #1f3a5f; color: #fff; padding: 1rem 2rem; } header a { color: #fff; }
            header h1 { margin: 0 0 .3rem; font-size: 1.4rem; }
            main { padding: 1rem 2rem 3rem; } section { background: #fff; border-radius: 6px; padding: .8rem 1.2rem;
              margin-bottom: 1rem; }
            svg text { font-size: 11px; fill: #333; } .bar { fill: #4f9d69; } .bar.planner { fill: #1f3a5f; }
            .bar.analyst { fill: #e07a1f; } .bar.designer { fill: #8e5ba8; } .bar.supervisor { fill: #2a9d8f; }
            .bar.renderer { fill: #c44536; }
            table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .5rem;
              border-bottom: 1px solid #e4e8ee; font-size: .9rem; }
            """;
}
