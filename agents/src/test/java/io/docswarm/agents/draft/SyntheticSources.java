package io.docswarm.agents.draft;

import io.docswarm.agents.inputs.SourceDocument;
import io.docswarm.agents.inputs.SourceLoader;
import io.docswarm.agents.job.Constraints;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.job.SourceRef;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.plan.Planner;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Business-report sources and section outlines generated from a seed, for the allocation benchmark and the
 * equivalence test: the same seed always gives the same text. The sentences are varied English with what the
 * allocation reacts to: Markdown headings (risks, next steps, customers, competitors, regions, products), a source
 * without headings (its file name is its context), dated and quantified changes, causes, recommendations, plans,
 * conditional risks and sentences that open with a pointer back ("They", "This model", "Both said"). Proper nouns
 * are drawn with a skewed distribution, so a few recur everywhere and many are rare, as in real notes.
 */
final class SyntheticSources {

    private static final String[] REGIONS = {"Sweden", "Norway", "Denmark", "Finland", "the Baltics", "Germany",
            "Poland", "the Netherlands", "southern Sweden", "the North region", "the West region", "Iceland"};
    private static final String[] PRODUCTS = {"battery storage", "heat pumps", "solar panels", "the Trailhead tent",
            "the Summit backpack", "wall chargers", "smart meters", "the Nordic range", "insulation kits",
            "the winter range", "balcony solar kits", "the service plan"};
    private static final String[] BUYERS = {"households", "homeowners", "dealers", "installers", "utilities",
            "small businesses", "property managers", "housing cooperatives", "online buyers", "retail partners"};
    private static final String[] MEASURES = {"revenue", "gross margin", "unit volume", "order intake",
            "average price", "installed capacity", "return rate", "freight cost", "lead time", "market share",
            "customer churn", "service cost"};
    private static final String[] RISES = {"rose", "grew", "increased", "fell", "dropped", "declined", "slipped",
            "doubled", "moved"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};
    private static final String[] CAUSES = {"a wet summer", "longer delivery times", "the spot price swings",
            "new subsidy rules", "a price cut by a rival", "stronger online demand", "the supplier's freight rate",
            "the dealer campaign", "late allocation of stock", "higher interest rates", "a cold spring",
            "the new installer network"};
    private static final String[] ACTIONS = {"publish the winter allocation", "renegotiate the freight contract",
            "extend the service plan", "hire two field engineers", "open a second warehouse", "pause the discount",
            "launch the balcony kit", "train the dealer network", "review the pricing model",
            "consolidate the suppliers", "add a financing option", "move the launch to spring"};
    private static final String[] ADJECTIVES = {"steady", "uneven", "strong", "weak", "modest", "sharp", "slow",
            "seasonal", "broad", "narrow", "early", "late", "local", "regional", "premium", "budget"};
    private static final String[] NOUNS = {"demand", "pricing", "capacity", "installation", "warranty", "logistics",
            "subsidy", "tariff", "inventory", "marketing", "channel", "forecast", "backlog", "procurement",
            "compliance", "training", "support", "financing", "grid connection", "permit"};
    private static final String[] SYLLABLES = {"var", "nex", "holm", "berg", "lind", "stra", "kor", "vik", "ten",
            "mar", "sol", "vind", "gard", "fjell", "rud", "ost", "dal", "fors", "lun", "ber", "ska", "tor"};

    private final Random random;
    private final List<String> companies = new ArrayList<>();

    private SyntheticSources(long seed) {
        this.random = new Random(seed);
        for (int i = 0; i < 400; i++) {
            String name = pick(SYLLABLES) + pick(SYLLABLES) + (random.nextInt(3) == 0 ? pick(SYLLABLES) : "");
            companies.add(Character.toUpperCase(name.charAt(0)) + name.substring(1));
        }
    }

    /**
     * Sources of about {@code characters} characters in all, split over files of at most 250,000 characters:
     * Markdown notes with headings and, one file in four, plain-text interview notes without any.
     */
    static List<SourceDocument> sources(long seed, int characters) {
        SyntheticSources generator = new SyntheticSources(seed);
        List<SourceDocument> sources = new ArrayList<>();
        int files = Math.max(1, (characters + 249_999) / 250_000);
        for (int f = 0; f < files; f++) {
            String title = f % 4 != 3 ? "notes-" + (f + 1) + ".md" : "customer-interviews-" + (f + 1) + ".txt";
            sources.add(generator.document(title, characters / files));
        }
        return sources;
    }

    /** One source of about {@code characters} characters: Markdown with headings if the title ends in .md. */
    static SourceDocument source(long seed, String title, int characters) {
        return new SyntheticSources(seed).document(title, characters);
    }

    private SourceDocument document(String title, int characters) {
        String text = text(characters, title.endsWith(".md"));
        return SourceLoader.load(new SourceRef(title, title, null), title,
                location -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An outline of {@code count} headings as a job's {@code constraints.sections} would name them: a summary
     * first, then risks, next steps, causes, customers, competitors, regions, products and a few generic headings,
     * all different.
     */
    static List<String> headings(long seed, int count) {
        SyntheticSources generator = new SyntheticSources(seed);
        Set<String> headings = new LinkedHashSet<>(List.of("Executive summary", "Risks", "Next steps",
                "What drove the quarter", "Customers and channels", "Competitive landscape", "Background",
                "Key points", "Recommendations", "Other observations"));
        while (headings.size() < count) {
            headings.add(switch (generator.random.nextInt(6)) {
                case 0 -> "Market in " + generator.pick(REGIONS);
                case 1 -> capitalise(generator.pick(PRODUCTS)) + " " + generator.pick(NOUNS);
                case 2 -> capitalise(generator.pick(ADJECTIVES)) + " " + generator.pick(NOUNS) + " in "
                        + generator.pick(REGIONS);
                case 3 -> "Risks to " + generator.pick(NOUNS);
                case 4 -> capitalise(generator.pick(BUYERS)) + " and " + generator.pick(PRODUCTS);
                default -> capitalise(generator.pick(NOUNS)) + " outlook for " + generator.company();
            });
        }
        return headings.stream().limit(count).toList();
    }

    /**
     * The parts of a report whose {@code constraints.sections} are these headings, planned as the pipeline plans
     * them: each part carries the outline with every section's purpose, and the report Skill's sentence budget.
     */
    static List<PartTask> reportParts(List<String> headings) {
        JobSpec spec = new JobSpec("synthetic", "Synthetic", "A generated job", "",
                List.of(new Deliverable(OutputFormat.DOCX, "report", "synthetic", 0)), List.of(), List.of(),
                new Constraints(headings, 0, 0, "en", "neutral"), null);
        return Planner.plan(spec, d -> SkillLibrary.builtIn("report").orElseThrow(), 0).parts();
    }

    private String text(int characters, boolean markdown) {
        StringBuilder text = new StringBuilder(characters + 1_000);
        while (text.length() < characters) {
            if (markdown) {
                text.append("## ").append(heading()).append("\n\n");
            }
            int paragraphs = 1 + random.nextInt(4);
            for (int p = 0; p < paragraphs && text.length() < characters; p++) {
                int sentences = 2 + random.nextInt(5);
                for (int s = 0; s < sentences; s++) {
                    text.append(s == 0 ? "" : " ").append(sentence(s > 0));
                }
                text.append("\n\n");
            }
        }
        return text.toString();
    }

    private String heading() {
        return switch (random.nextInt(12)) {
            case 0 -> "Risks";
            case 1 -> "Next steps";
            case 2 -> "Customers and channels";
            case 3 -> "Competitors";
            case 4 -> "Overview";
            case 5 -> "Concerns in " + pick(REGIONS);
            case 6 -> "Decisions";
            case 7 -> capitalise(pick(PRODUCTS));
            case 8 -> "Operations in " + pick(REGIONS);
            case 9 -> capitalise(pick(NOUNS)) + " and " + pick(NOUNS);
            case 10 -> "Notes from " + company();
            default -> "Why " + pick(MEASURES) + " moved";
        };
    }

    /** One sentence; {@code followsAnother} allows openings that point back to the sentence before. */
    private String sentence(boolean followsAnother) {
        int kind = random.nextInt(followsAnother ? 14 : 12);
        return switch (kind) {
            case 0 -> capitalise(pick(MEASURES)) + " in " + pick(REGIONS) + " " + pick(RISES) + " "
                    + (2 + random.nextInt(40)) + " percent in " + pick(MONTHS) + ", " + (random.nextBoolean()
                    ? "above plan" : "below the forecast") + ".";
            case 1 -> "The change in " + pick(MEASURES) + " came mainly from " + pick(PRODUCTS) + ", driven by "
                    + pick(CAUSES) + ".";
            case 2 -> capitalise(pick(NOUNS)) + " remains a risk for " + pick(REGIONS) + ", since "
                    + pick(BUYERS) + " depend on " + pick(CAUSES) + ".";
            case 3 -> "If " + pick(CAUSES) + " continues, " + pick(MEASURES) + " will fall by about "
                    + (1 + random.nextInt(9)) + " points in " + pick(MONTHS) + ".";
            case 4 -> "We recommend that the team " + pick(ACTIONS) + " by the end of " + pick(MONTHS) + ".";
            case 5 -> "The " + pick(REGIONS).replace("the ", "") + " team will " + pick(ACTIONS) + " with "
                    + company() + " and " + company() + ".";
            case 6 -> capitalise(pick(BUYERS)) + " buy " + pick(PRODUCTS) + " against " + pick(CAUSES)
                    + " and ask about " + pick(NOUNS) + " before they sign.";
            case 7 -> "Competitors such as " + company() + " cut prices on " + pick(PRODUCTS) + " in "
                    + pick(REGIONS) + " to win " + pick(BUYERS) + ".";
            case 8 -> company() + " reported " + pick(ADJECTIVES) + " " + pick(NOUNS) + " across "
                    + pick(REGIONS) + " and " + pick(ADJECTIVES) + " interest in " + pick(PRODUCTS) + ".";
            case 9 -> "Several " + pick(BUYERS) + " in " + pick(REGIONS) + " said that " + pick(NOUNS)
                    + " matters more to them than " + pick(NOUNS) + " when choosing " + pick(PRODUCTS) + ".";
            case 10 -> "The " + pick(ADJECTIVES) + " " + pick(NOUNS) + " of " + pick(PRODUCTS) + " kept "
                    + pick(MEASURES) + " close to " + (10 + random.nextInt(90)) + " thousand euros a month.";
            case 11 -> "Because of " + pick(CAUSES) + ", " + pick(BUYERS) + " delayed orders of " + pick(PRODUCTS)
                    + " until " + pick(MONTHS) + ".";
            case 12 -> pick(new String[] {"They", "This model", "Both said", "These changes", "It"}) + " "
                    + pick(new String[] {"rely on", "depend on", "win on", "suffer from", "point to"}) + " "
                    + pick(ADJECTIVES) + " " + pick(NOUNS) + " in " + pick(REGIONS) + ".";
            default -> "Its " + pick(MEASURES) + " " + pick(RISES) + " as " + pick(BUYERS) + " turned to "
                    + company() + " for " + pick(PRODUCTS) + ".";
        };
    }

    /** Company names skewed towards the first few: a handful recur in every source, most are rare. */
    private String company() {
        double skewed = Math.pow(random.nextDouble(), 3);
        return companies.get((int) (skewed * companies.size()));
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
