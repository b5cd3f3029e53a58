package io.docswarm.agents.job;

/** Scheduling priority of a job. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
