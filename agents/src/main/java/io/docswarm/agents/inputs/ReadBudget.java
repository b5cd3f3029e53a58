package io.docswarm.agents.inputs;

/**
 * Counts the rows and cells of a data file as they are read, and stops the reading at the first one over its
 * {@link DataLimits}: a file of ten million rows fails after a million and one, without the rest being read.
 */
final class ReadBudget {

    private final String origin;
    private final DataLimits limits;
    private long records;
    private long cells;

    ReadBudget(String origin, DataLimits limits) {
        this.origin = origin;
        this.limits = limits;
    }

    /**
     * Counts one more row of {@code width} cells (the first is the header).
     *
     * @throws InputException naming the file and the limit, when the file has gone over one
     */
    void row(int width) {
        records++;
        cells += width;
        if (records - 1 > limits.maxRows()) {
            throw limits.tooManyRows(origin);
        }
        if (cells > limits.maxCells()) {
            throw limits.tooManyCells(origin);
        }
    }
}
