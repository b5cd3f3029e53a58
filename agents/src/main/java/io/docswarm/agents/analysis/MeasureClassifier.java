package io.docswarm.agents.analysis;

import io.docswarm.agents.inputs.DataTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a numeric column's header (and, where the header leaves it open, how its values are written) to decide
 * whether the column is an amount, a level or an intensive measure, and whether its values are percentages.
 *
 * <p>The header decides, in this order:
 * <ol>
 *   <li>A percentage (a {@code %} or {@code ‰} sign, "percent", "pct", or every cell written with a percent sign)
 *       is intensive: "Margin %", "Churn (pct)".</li>
 *   <li>An average or a ratio is intensive wherever the word stands: "Average order value", "Avg price",
 *       "Revenue per user", "Cost per click", "EUR/MWh", "Temperature (°C)".</li>
 *   <li>A header that names a level held at a time, and no movement of it, is a level, unless its head is
 *       intensive: its head is a level's noun ("Headcount", "Closing balance", "Working capital"), measures one
 *       ("Inventory units", "Number of employees", "Cash position"), or a marker says so ("Loans outstanding",
 *       "Active users", "Units in stock"; not for time, energy or money amounts: "Active hours", "Amount
 *       outstanding"). A flow word or a participle of something done makes it a movement, an amount: "New
 *       subscribers", "Headcount change", "Cash flow", "Members joined", "Cash collected" (a state such as
 *       "Capital employed" stays a level). "Stock price" is intensive, and so are "Days sales outstanding". A
 *       level is summed like an amount where the table has no time or its rows are no snapshots
 *       ({@link LevelTime#snapshots}).</li>
 *   <li>A running total is a level too, whatever it totals, unless its head is intensive or a ratio written as
 *       fractions: "Cumulative revenue", "Revenue YTD", "Sales to date", "Running total", "Cum. orders",
 *       "Accumulated depreciation", "Cumulative units shipped" (not "Win rate to date", "Cumulative return" of
 *       0.12, "Acme Ltd", "Graduates cum laude").</li>
 *   <li>A header that says it is a total or a count is an amount: "Total price", "Number of rate changes",
 *       "Share count", "# orders". (So "Total score" is an amount: the header says the figure is a total.)</li>
 *   <li>Otherwise the head noun decides: the last word before "of", "in", "for"... once units, years, plan/actual
 *       words and trailing participles are set aside. Rates, ratios, shares, prices, scores, ratings, indexes,
 *       temperatures, utilisation, yields, factors and the usual abbreviations (CTR, ROI, NPS, ARPU...) are
 *       intensive: "Conversion rate", "Market share", "Unit price", "Price paid", "Share price". Any other head is
 *       an amount, so "Rate card revenue" (head: revenue) is summed and "Shares" (plural: shares held) too.</li>
 *   <li>A few heads name an amount as often as a ratio: margin, growth, churn, conversion, discount, return. They
 *       are intensive only when every value lies between -1 and 1 ("Gross margin" of 0.31 is 31%, of 120,000 is
 *       money).</li>
 * </ol>
 *
 * <p>Values alone never make a column intensive: a column whose values all lie between 0 and 1 may as well be
 * revenue in millions or a handful of units, and averaging an amount hides its total. Only a percent sign on
 * every cell, which the file itself writes, counts without the header.
 */
final class MeasureClassifier {

    /** How a column's values are written, as far as the classification needs. */
    record ColumnValues(boolean writtenAsPercentages, boolean allFractions) {

        static ColumnValues of(DataTable table, int column) {
            boolean any = false;
            boolean fractions = true;
            for (List<Object> row : table.rows()) {
                if (row.get(column) instanceof Double d) {
                    any = true;
                    fractions &= Math.abs(d) <= 1;
                }
            }
            return new ColumnValues(table.writtenAsPercentages(column), any && fractions);
        }
    }

    private static final Set<String> PERCENT_WORDS = Set.of("percent", "percentage", "pct");
    private static final Set<String> AVERAGE_WORDS = Set.of("average", "avg", "mean", "median", "per", "capita");
    private static final Set<String> TOTAL_WORDS = Set.of("total", "sum", "count", "number");
    private static final Set<String> INTENSIVE_HEADS = Set.of("rate", "ratio", "ratios", "share", "proportion",
            "fraction", "price", "prices", "score", "scores", "rating", "ratings", "index", "indices", "indexes",
            "temperature", "temperatures", "temp", "utilisation", "utilization", "occupancy", "yield", "yields",
            "efficiency", "productivity", "density", "speed", "velocity", "frequency", "latency", "probability",
            "likelihood", "factor", "coefficient", "satisfaction", "age", "nps", "csat", "ctr", "cpc", "cpm", "cpa",
            "cpl", "arpu", "arppu", "aov", "asp", "adr", "revpar", "roi", "roe", "roa", "roce", "cagr", "irr", "eps",
            "dso", "dpo", "dio");
    /** Nouns of a level held at a time, when the header is about them: "Headcount", "Closing balance", "Cash". */
    private static final Set<String> LEVEL_NOUNS = Set.of("headcount", "employees", "staff", "workforce", "fte",
            "balance", "balances", "inventory", "inventories", "stock", "stocks", "backlog", "subscribers",
            "members", "membership", "population", "residents", "enrolment", "enrollment", "followers", "cash",
            "debt", "assets", "liabilities", "equity", "capital", "reserves", "aum", "arr", "mrr");
    /** Heads that measure the noun before them, so a level's noun there makes a level: "Stock units", "Cash position". */
    private static final Set<String> MEASURE_HEADS = Set.of("units", "level", "levels", "quantity", "qty", "value",
            "position", "count", "number", "total", "volume");
    /** What a count of a level is written with in the singular: "Employee count". */
    private static final Set<String> COUNTED_LEVELS = Set.of("employee", "member", "subscriber", "resident",
            "follower");
    /** Words that make anything they qualify a level, wherever they stand: "Loans outstanding", "Active users". */
    private static final Set<String> LEVEL_MARKERS = Set.of("active", "open", "outstanding", "closing", "ending",
            "eop");
    /**
     * Words a marker does not make a level: time and energy add up ("Active hours", "Open days", "Active energy"),
     * and an amount outstanding per invoice is a ledger's line, summed.
     */
    private static final Set<String> NOT_HELD = Set.of("hours", "hour", "minutes", "minute", "seconds", "days",
            "day", "time", "duration", "energy", "kwh", "mwh", "gwh", "amount", "amounts", "value", "revenue",
            "sales");
    /** Participles that describe a state held at a time rather than a movement: "Capital employed", "Cash held". */
    private static final Set<String> STATE_PARTICIPLES = Set.of("held", "owed", "employed", "reserved",
            "committed", "carried", "accrued");
    /**
     * Words that make a level's noun a movement over a period: "New subscribers", "Headcount change", "Cash flow",
     * "Stock sold".
     */
    private static final Set<String> FLOW_WORDS = Set.of("new", "added", "additions", "change", "changes",
            "growth", "increase", "decrease", "delta", "movement", "movements", "variance", "difference", "hires",
            "hired", "leavers", "joiners", "gained", "lost", "churned", "cancelled", "canceled", "flow", "flows",
            "inflow", "inflows", "outflow", "outflows", "sold", "shipped", "received", "issued", "repaid", "spent");
    /**
     * Words that make a column a running total, whatever it totals ("Cumulative revenue", "Revenue YTD", "Cum.
     * orders", "Accumulated depreciation"): its value at a time already holds every earlier period's, so a period's
     * figure is its latest, as a level's, and summing a month of them counts each day again.
     */
    private static final Set<String> CUMULATIVE_WORDS = Set.of("cumulative", "cum", "accumulated", "ytd", "mtd",
            "qtd", "todate");
    /** Periods a running total may run over: "Year to date", "Month to date". */
    private static final Set<String> PERIOD_WORDS = Set.of("year", "month", "quarter", "week");
    /** What "running" makes a running total of ("Running total", "Running sum"; not "Running costs"). */
    private static final Set<String> RUNNING_HEADS = Set.of("total", "totals", "sum", "count", "tally");
    /** Heads that name an amount as often as a ratio; the values decide. */
    private static final Set<String> AMBIGUOUS_HEADS = Set.of("margin", "growth", "churn", "conversion",
            "discount", "return");
    /** Intensive heads whose fractions are percentages; a ratio or a price is not. */
    private static final Set<String> PERCENT_HEADS = Set.of("rate", "share", "proportion", "fraction",
            "utilisation", "utilization", "occupancy", "yield", "margin", "growth", "churn", "conversion", "discount",
            "return", "ctr", "roi", "roe", "roa", "roce", "cagr", "irr");
    /** Rates that are not percentages whatever their values: an exchange rate of 0.92 is not 92%. */
    private static final Set<String> NOT_PERCENT = Set.of("exchange", "fx");
    /** Words after which the head has been named: "Share of wallet", "Price in EUR". */
    private static final Set<String> COMPLEMENTS = Set.of("of", "in", "for", "at", "by", "from", "on", "vs",
            "versus");
    /** Words a header may end with that are not its noun: units, scales, plan/actual and period words. */
    private static final Set<String> QUALIFIERS = Set.of("eur", "usd", "gbp", "sek", "nok", "dkk", "chf", "jpy",
            "mwh", "kwh", "gwh", "twh", "mw", "kw", "gw", "kg", "t", "km", "m2", "h", "hrs", "fte", "k", "m", "mn",
            "bn", "mio", "thousands", "millions", "plan", "planned", "budget", "budgeted", "target", "baseline",
            "goal", "quota", "actual", "actuals", "achieved", "outturn", "forecast", "realised", "realized",
            "result", "delivered", "old", "new", "previous", "prior", "last", "current", "this", "opening",
            "closing", "start", "end", "ytd", "mtd", "qtd", "yoy", "mom");
    private static final Set<String> PARTICIPLES = Set.of("sold", "spent", "built", "paid", "won", "lost", "made",
            "sent", "bought", "held");
    private static final Pattern PERIOD_CODE = Pattern.compile("\\d+|q[1-4]|h[12]|fy\\d+");
    /** A slash between words or next to a currency sign: EUR/MWh, revenue/user, €/kWh (not 2025/26). */
    private static final Pattern PER_SLASH = Pattern.compile("\\p{L}/\\p{L}|[€$£]/|/[€$£]");

    private MeasureClassifier() {
    }

    static MeasureKind kind(String header, ColumnValues values) {
        Header h = Header.of(header);
        if (values.writtenAsPercentages() || h.percentMarked() || h.averageOrRatio() || h.daysOutstanding()) {
            return MeasureKind.INTENSIVE;
        }
        String head = h.head();
        if (h.level() && !INTENSIVE_HEADS.contains(head)) {
            return MeasureKind.LEVEL;
        }
        boolean ratioValues = INTENSIVE_HEADS.contains(head) || AMBIGUOUS_HEADS.contains(head) && values.allFractions();
        if (h.cumulative() && !ratioValues) {
            return MeasureKind.LEVEL;
        }
        if (h.totalOrCount()) {
            return MeasureKind.AMOUNT;
        }
        if (ratioValues) {
            return MeasureKind.INTENSIVE;
        }
        return MeasureKind.AMOUNT;
    }

    /**
     * Whether an intensive column holds percentages and how: cells written with a percent sign are fractions; a
     * header marked as a percentage holds fractions when every value lies between -1 and 1, else percentages
     * written as numbers (31 for 31%); a rate, share or margin (by its head noun) holds fractions when every value
     * lies between -1 and 1, else plain numbers (an hourly rate of 85).
     */
    static Measure.PercentScale scale(String header, ColumnValues values) {
        if (values.writtenAsPercentages()) {
            return Measure.PercentScale.FRACTION;
        }
        Header h = Header.of(header);
        if (h.percentMarked()) {
            return values.allFractions() ? Measure.PercentScale.FRACTION : Measure.PercentScale.POINTS;
        }
        boolean percentHead = PERCENT_HEADS.contains(h.head()) && h.words().stream().noneMatch(NOT_PERCENT::contains);
        return percentHead && values.allFractions() ? Measure.PercentScale.FRACTION : Measure.PercentScale.NONE;
    }

    /** Whether the header already says its values are averages, so sentences do not say "average" twice. */
    static boolean namesAverage(String header) {
        return Header.of(header).words().stream().anyMatch(w -> w.equals("average") || w.equals("avg")
                || w.equals("mean") || w.equals("median"));
    }

    /** A header's lowercase words, split as the classifier reads them. */
    static List<String> words(String header) {
        return Header.of(header).words();
    }

    /** A header's lowercase words, and the signs that are not words. */
    private record Header(String raw, List<String> words) {

        static Header of(String header) {
            List<String> words = new ArrayList<>();
            for (String word : header.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            return new Header(header, words);
        }

        boolean percentMarked() {
            if (raw.contains("%") || raw.contains("‰") || words.stream().anyMatch(PERCENT_WORDS::contains)) {
                return true;
            }
            int per = words.indexOf("per");
            return per >= 0 && per + 1 < words.size() && words.get(per + 1).equals("cent");
        }

        boolean averageOrRatio() {
            return words.stream().anyMatch(AVERAGE_WORDS::contains) || PER_SLASH.matcher(raw).find()
                    || raw.contains("°");
        }

        /**
         * Whether the header names a level and no movement of one: its head is a level's noun ("Total headcount",
         * "Stock on hand"), it counts one ("Number of employees", "Employee count"), or a word such as "active" or
         * "outstanding" says so. A level's noun qualifying another head is not enough: "Staff cost" is money spent.
         */
        boolean level() {
            if (movement()) {
                return false;
            }
            String head = head();
            boolean measureOfLevel = (MEASURE_HEADS.contains(head) || TOTAL_WORDS.contains(head)) && words.stream()
                    .anyMatch(w -> LEVEL_NOUNS.contains(w) || COUNTED_LEVELS.contains(w));
            String lower = lower();
            boolean marked = (words.stream().anyMatch(LEVEL_MARKERS::contains) || lower.contains("in stock")
                    || lower.contains("on hand")) && words.stream().noneMatch(NOT_HELD::contains);
            return LEVEL_NOUNS.contains(head) || measureOfLevel || marked;
        }

        /**
         * Whether the header names a movement over a period: a flow word ("New subscribers", "Cash flow"), a
         * participle of something done ("Members joined", "Cash collected", "Stock delivered"; a state such as
         * "Capital employed" is no movement), money coming from somewhere ("Cash from operations") or going in or
         * out ("Cash in").
         */
        private boolean movement() {
            if (words.stream().anyMatch(FLOW_WORDS::contains) || words.contains("from")) {
                return true;
            }
            for (int i = 1; i < words.size(); i++) {
                String word = words.get(i);
                boolean participle = PARTICIPLES.contains(word) || word.endsWith("ed") && !word.endsWith("eed");
                if (participle && !STATE_PARTICIPLES.contains(word)) {
                    return true;
                }
            }
            String last = words.isEmpty() ? "" : words.getLast();
            return last.equals("in") || last.equals("out");
        }

        /**
         * Whether the header names a running total ({@link #CUMULATIVE_WORDS}, "to date", or "running" before a
         * total): a flow summed up to each row's time, so a movement's words ("Cumulative units shipped") do not
         * make it one period's amount.
         */
        boolean cumulative() {
            if (words.stream().anyMatch(CUMULATIVE_WORDS::contains) && !lower().contains("cum laude")) {
                return true; // not "LTD" either: "Acme Ltd", "LTD premium" (long-term disability) are no totals
            }
            for (int i = 0; i + 1 < words.size(); i++) {
                if (toDate(i) || words.get(i).equals("running") && RUNNING_HEADS.contains(words.get(i + 1))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The words without a running total's "to date" and the period before it ("Win rate to date", "Year to date
         * revenue"): they say over what time, not what.
         */
        private List<String> withoutToDate() {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                if (toDate(i)) {
                    if (!kept.isEmpty() && PERIOD_WORDS.contains(kept.getLast())) {
                        kept.removeLast();
                    }
                    i++; // "date"
                } else {
                    kept.add(words.get(i));
                }
            }
            return kept;
        }

        /** Whether words i and i + 1 are "to date" ("Sales to date", "Year to date"; not "Up-to-date records"). */
        private boolean toDate(int i) {
            return words.get(i).equals("to") && i + 1 < words.size() && words.get(i + 1).equals("date")
                    && (i == 0 || !words.get(i - 1).equals("up"));
        }

        /** The words, lowercase, one space apart. */
        private String lower() {
            return String.join(" ", words);
        }

        /** "Days sales outstanding", "Days outstanding": how long receivables wait, a mean, not a level. */
        boolean daysOutstanding() {
            return words.contains("days") && words.contains("outstanding");
        }

        boolean totalOrCount() {
            return words.stream().anyMatch(TOTAL_WORDS::contains) || raw.strip().startsWith("#")
                    || raw.contains("# ");
        }

        /**
         * The noun the header is about: the last word before a complement ("Share of wallet": share), past any
         * trailing unit, year, plan or actual word and participle ("Price paid EUR 2026": price). A header of
         * qualifiers only ("Budget 2027") is about its first word.
         */
        String head() {
            List<String> noun = new ArrayList<>();
            for (String word : withoutToDate()) {
                if (COMPLEMENTS.contains(word) && !noun.isEmpty()) {
                    break;
                }
                noun.add(word);
            }
            for (int i = noun.size() - 1; i >= 0; i--) {
                String word = noun.get(i);
                boolean participle = i > 0 && (PARTICIPLES.contains(word)
                        || word.endsWith("ed") && !word.endsWith("eed")); // "Units shipped", not "Wind speed"
                if (!QUALIFIERS.contains(word) && !PERIOD_CODE.matcher(word).matches() && !participle) {
                    return word;
                }
            }
            return noun.isEmpty() ? "" : noun.getFirst();
        }
    }
}
