package io.docswarm.agents.trace;

import java.io.Serializable;
import java.util.List;

/**
 * One step of a job's process, as {@code trace.jsonl} records it.
 *
 * @param step         order within the job (planning first, then parts in plan order, then consolidation and
 *                     rendering)
 * @param agent        who did it: a drafter's name, {@code planner}, {@code supervisor}, {@code renderer}
 * @param role         the role played: planner, researcher, analyst, writer, designer, supervisor, renderer
 * @param subject      what it worked on, e.g. {@code nordic-storage-market.pdf part 3 "Competitors"}
 * @param inputsDigest a short digest of the step's inputs, so identical steps can be recognised across runs
 * @param tools        the tools the step used (e.g. {@code textrank}, {@code data-summary})
 * @param tokens       model tokens spent (0 for model-free steps)
 * @param millis       latency
 * @param outcome      {@code ok}, or what went wrong or was adjusted
 */
public record TraceEvent(int step, String agent, String role, String subject, String inputsDigest,
                         List<String> tools, long tokens, long millis, String outcome) implements Serializable {

    public TraceEvent {
        tools = List.copyOf(tools);
    }

    public TraceEvent withStep(int newStep) {
        return new TraceEvent(newStep, agent, role, subject, inputsDigest, tools, tokens, millis, outcome);
    }
}
