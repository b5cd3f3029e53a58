package io.docswarm.agents.plan;

import java.io.Serializable;

/**
 * Limits on one job's swarm, enforced outside the model: sub-agents (parts), steps (each draft and each review
 * round is one), model tokens and wall time. Budgets are divided between parts when the job is planned, so
 * parts drafted in parallel on different workers need no shared counter.
 *
 * @param maxAgents     most parts (sub-agents) a job may have
 * @param maxSteps      most steps over the whole job
 * @param maxTokens     most model tokens over the whole job, 0 for no limit
 * @param maxWallMillis most wall time from planning to the last part, 0 for no limit
 */
public record SwarmBudget(int maxAgents, int maxSteps, long maxTokens, long maxWallMillis) implements Serializable {

    /** Kimi K2.6's published swarm scale: up to 300 sub-agents and 4,000 coordinated steps. */
    public static final SwarmBudget DEFAULT = new SwarmBudget(300, 4000, 0, 0);

    public SwarmBudget {
        if (maxAgents < 1 || maxSteps < 1 || maxTokens < 0 || maxWallMillis < 0) {
            throw new IllegalArgumentException("budgets must be positive (0 = unlimited for tokens and time): " + this);
        }
    }

    /**
     * One part's share of the job's budget.
     *
     * @param steps           drafts plus review rounds this part may use
     * @param tokens          model tokens this part may use, 0 for no limit
     * @param deadlineMillis  epoch millis after which the part is not started, 0 for none
     */
    public record Share(int steps, long tokens, long deadlineMillis) implements Serializable {
        public static final Share UNLIMITED = new Share(Integer.MAX_VALUE, 0, 0);
    }
}
