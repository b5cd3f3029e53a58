package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import io.docswarm.renderers.TextFormat;
import io.docswarm.renderers.model.Table;
import java.util.Set;

/**
 * A numeric column that is summarised: its index, its header read as English, the number format its values take,
 * whether it adds up ({@link MeasureKind}) and whether its values are percentages. An amount is summed; an
 * intensive measure is averaged, and every sentence about it says so ("the average conversion rate").
 *
 * @param percent how a percentage's values read; {@link PercentScale#NONE} for other measures
 * @param ratio   the amounts an intensive measure is the quotient of, row by row, so groups take the ratio of their
 *                sums (see {@link RatioOf}); null for an unweighted mean
 * @param running how a level runs from row to row with an amount (a statement's balance, see
 *                {@link RunningBalance}); null for a level whose rows are separate snapshots, and for other measures
 */
public record Measure(int column, ColumnLabel label, String format, MeasureKind kind, PercentScale percent,
                      RatioOf ratio, RunningBalance running) {

    /** A measure that is no quotient of two others and no running balance. */
    public Measure(int column, ColumnLabel label, String format, MeasureKind kind, PercentScale percent) {
        this(column, label, format, kind, percent, null, null);
    }

    /** How a percentage column's values read. */
    public enum PercentScale {
        /** Not a percentage. */
        NONE,
        /** 0.031 is 3.1%: a change of 0.009 is 0.9 points. */
        FRACTION,
        /** 3.1 is 3.1% (a "Margin %" column of 31, 35...): a change of 0.9 is 0.9 points. */
        POINTS
    }

    private static final Set<String> OPENING_WORDS = Set.of("opening", "beginning", "bop", "start");
    private static final Set<String> COUNT_WORDS = Set.of("count", "units", "deals", "headcount", "customers",
            "orders", "tickets", "users", "fte", "installations");

    /** The measure of {@code table}'s column {@code column}, classified by its header and its values. */
    static Measure of(DataTable table, int column) {
        String header = table.columns().get(column);
        MeasureClassifier.ColumnValues values = MeasureClassifier.ColumnValues.of(table, column);
        MeasureKind kind = MeasureClassifier.kind(header, values);
        PercentScale percent = kind == MeasureKind.INTENSIVE ? MeasureClassifier.scale(header, values)
                : PercentScale.NONE;
        return new Measure(column, ColumnLabel.of(header), formatFor(header, percent), kind, percent);
    }

    public String name() {
        return label.original();
    }

    /** This measure as the quotient {@code ratio} of two amounts. */
    Measure withRatio(RatioOf ratio) {
        return new Measure(column, label, format, kind, percent, ratio, running);
    }

    /** This level as a balance carried from row to row as {@code running} says. */
    Measure withRunning(RunningBalance running) {
        return new Measure(column, label, format, kind, percent, ratio, running);
    }

    /** Whether groups take the ratio of the sums of the amounts the measure is the quotient of. */
    public boolean ratioOfSums() {
        return ratio != null;
    }

    /**
     * Whether the measure adds up across the things measured: summed, shared out and grown rather than averaged. A
     * level is, at one time; see {@link #accumulates}.
     */
    public boolean additive() {
        return kind != MeasureKind.INTENSIVE;
    }

    /**
     * Whether the measure also adds up over time: a period's amount is the sum of its days', so part of a period
     * holds part of it. A level's period is its value at the period's end, whole even when the data stops early.
     */
    public boolean accumulates() {
        return kind == MeasureKind.AMOUNT;
    }

    /** Whether the measure is a level at a time (headcount, a balance), taken at each period's end. */
    public boolean level() {
        return kind == MeasureKind.LEVEL;
    }

    /** Whether a level is taken at the start of each period ("Opening balance") rather than at its end. */
    boolean opening() {
        return level() && MeasureClassifier.words(name()).stream().anyMatch(OPENING_WORDS::contains);
    }

    /** This measure summed like an amount: a level whose rows are no snapshots (a ledger), or have no time. */
    Measure asAmount() {
        return new Measure(column, label, format, MeasureKind.AMOUNT, percent, ratio, null);
    }

    /** A value as written in a sentence, with the column's unit: {@code 301 MWh}, {@code 3.1%}. */
    public String figure(double value) {
        return label.withUnit(TextFormat.number(value, format));
    }

    /** A difference with its sign: {@code +24,700}, {@code -8,500}. */
    public String signedFigure(double value) {
        return (value < 0 ? "-" : "+") + figure(Math.abs(value));
    }

    /**
     * A difference as the facts write it: with its sign in the measure's unit for amounts and plain intensive
     * measures ({@code +1.50 EUR}), in percentage points for percentages ({@code +0.9 points}), since a relative
     * change of a rate ("+29%") reads as a change of the rate itself.
     */
    public String difference(double delta) {
        return (delta < 0 ? "-" : "+") + gap(Math.abs(delta));
    }

    /** The size of a difference, without its sign: {@code 1.50 EUR}, {@code 0.9 points}. */
    public String gap(double size) {
        return percent == PercentScale.NONE ? figure(size)
                : TextFormat.number(percent == PercentScale.FRACTION ? size * 100 : size, "0.0") + " points";
    }

    /**
     * The change from {@code from} to {@code to}: the growth of an amount ({@code +8.0%}, {@code 3.5 times}, which
     * needs a positive {@code from}, see {@link Rates#comparable}), the {@link #difference} of an intensive measure.
     */
    public String change(double from, double to) {
        return additive() ? Rates.growth(from, to) : difference(to - from);
    }

    /** Whether {@link #change} can say anything about a change starting at {@code from}. */
    public boolean changeable(double from) {
        return !additive() || Rates.comparable(from);
    }

    /** The measure at the start of a sentence: {@code Revenue}, {@code The average conversion rate}. */
    public String subject() {
        return English.capitalised(phrase());
    }

    /** The measure inside a sentence: {@code revenue}, {@code the average conversion rate}, {@code average price}. */
    public String phrase() {
        return saysAverage() ? label.phrase() : "the " + noun();
    }

    /** The measure's noun without an article: {@code revenue}, {@code average conversion rate}. */
    public String noun() {
        return saysAverage() ? label.phrase() : "average " + label.phrase();
    }

    /** The verb form that agrees with {@link #subject}: "the average" is one figure, whatever its noun. */
    public String verb(String singular, String plural) {
        return saysAverage() ? label.verb(singular, plural) : singular;
    }

    /** The header of a summary column or chart series: the name, or {@code Average conversion rate}. */
    public String summaryName() {
        if (saysAverage()) {
            return name();
        }
        String name = name();
        String first = name.split("\\s+")[0];
        return "Average " + (first.matches("\\p{Lu}\\p{Ll}+") ? Character.toLowerCase(name.charAt(0))
                + name.substring(1) : name);
    }

    /**
     * How a summary table's totals row combines this measure's column: amounts are summed, intensive measures
     * averaged (when that gives their overall mean), levels summed across categories but not over time (a year's
     * months of headcount add up to no headcount).
     */
    Table.Aggregate aggregate(boolean evenlyCounted, boolean overTime) {
        if (level() && overTime || ratioOfSums()) {
            return Table.Aggregate.NONE; // a ratio's total is the ratio of its amounts' totals, not their mean
        }
        return additive() ? Table.Aggregate.SUM : evenlyCounted ? Table.Aggregate.AVERAGE : Table.Aggregate.NONE;
    }

    /**
     * Whether the words already say what the figure is: an amount, a ratio of sums (a region's conversion rate is
     * its orders over its visits, no average), or a header such as "Average price".
     */
    private boolean saysAverage() {
        return additive() || ratioOfSums() || MeasureClassifier.namesAverage(name());
    }

    /** Number format by the header and the values: percentages as the column writes them, counts, amounts. */
    static String formatFor(String header, PercentScale percent) {
        return switch (percent) {
            case FRACTION -> "0.0%";
            case POINTS -> "0.0\"%\"";
            case NONE -> MeasureClassifier.words(header).stream().anyMatch(COUNT_WORDS::contains) ? "#,##0"
                    : "#,##0.##";
        };
    }
}
