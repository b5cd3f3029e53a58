package io.docswarm.agents.analysis;

import io.docswarm.renderers.model.Lookup;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The length of the periods a date column is summarised by, and how a reader names them. The period boundaries are
 * the workbook lookup's own ({@link Lookup.Grouping#start}, {@link Lookup.Grouping#end}), so a summary row and the
 * SUMIFS that recomputes it in the workbook always cover the same days.
 */
enum PeriodGrain {
    /** One row per date: "2026-01-05" (ISO, as before, unambiguous in every locale). */
    DAY(Lookup.Grouping.DAY, "day"),
    /** ISO weeks, Monday to Sunday: "Week of 5 Jan 2026", which a reader places without an ISO week calendar. */
    WEEK(Lookup.Grouping.WEEK, "week"),
    /** Calendar months: "Jan 2026". */
    MONTH(Lookup.Grouping.MONTH, "month"),
    /** Calendar quarters: "2026 Q1" (year first, so the labels also sort in time order). */
    QUARTER(Lookup.Grouping.QUARTER, "quarter"),
    /** Calendar years: "2026". */
    YEAR(Lookup.Grouping.YEAR, "year");

    private static final DateTimeFormatter DAY_MONTH_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH_YEAR = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private final Lookup.Grouping grouping;
    private final String noun;

    PeriodGrain(Lookup.Grouping grouping, String noun) {
        this.grouping = grouping;
        this.noun = noun;
    }

    /** The workbook lookup grouping that computes the same periods. */
    Lookup.Grouping grouping() {
        return grouping;
    }

    /** "month", "quarter": the period as a word in a sentence. */
    String noun() {
        return noun;
    }

    /** The first day of the period holding {@code date}. */
    LocalDate start(LocalDate date) {
        return grouping.start(date);
    }

    /** The first day of the period after the one starting on {@code start}. */
    LocalDate next(LocalDate start) {
        return grouping.end(start);
    }

    /** The period starting on {@code start} as a reader names it. */
    String label(LocalDate start) {
        return switch (this) {
            case DAY -> start.toString();
            case WEEK -> "Week of " + DAY_MONTH_YEAR.format(start);
            case MONTH -> MONTH_YEAR.format(start);
            case QUARTER -> start.getYear() + " Q" + (1 + (start.getMonthValue() - 1) / 3);
            case YEAR -> String.valueOf(start.getYear());
        };
    }

    /** The period starting on {@code start} inside a sentence: its label, "the week of 5 Jan 2026" for a week. */
    String phrase(LocalDate start) {
        return this == WEEK ? "the week of " + DAY_MONTH_YEAR.format(start) : label(start);
    }

    /** A day inside a period, named briefly: "10 Mar". */
    static String dayOf(LocalDate date) {
        return DAY_MONTH.format(date);
    }

    /** A date in full, as a sentence names it: "31 Dec 1899". */
    static String dateOf(LocalDate date) {
        return DAY_MONTH_YEAR.format(date);
    }
}
