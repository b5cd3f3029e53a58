package io.docswarm.skills.templates;

import io.docswarm.skills.FrontMatter;
import io.docswarm.skills.templates.WordTemplate.SampleSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the source documents of the built-in Skills into {@code templates/}: report.docx, brief.docx,
 * deck.pptx and workbook.xlsx. They are our own designs, built with POI so every style, layout and format is
 * deliberate and reviewable in code; the built-in Skills are then imported from them ({@link BuiltInSkills}).
 *
 * <p>Run from the repository root after changing a design, then regenerate the built-in Skills:
 * <pre>
 * mvn -o -q -pl skills -am test-compile
 * java -cp "skills/target/test-classes:skills/target/classes:$(cat skills/target/test.classpath)" \
 *     io.docswarm.skills.templates.TemplateGenerator templates
 * </pre>
 * (see templates/README.md for the whole procedure).
 */
public final class TemplateGenerator {

    /** Report: navy and orange, DejaVu Sans headings over DejaVu Serif text. */
    static final ThemeXml REPORT = new ThemeXml("Docswarm Report", "222222", "1F3A5F", "EEF2F7",
            List.of("1F3A5F", "E07A1F", "4F9D69", "8E5BA8", "C44536", "2A9D8F"), "DejaVu Sans", "DejaVu Serif");
    /** Brief: teal and amber, DejaVu Sans throughout. */
    static final ThemeXml BRIEF = new ThemeXml("Docswarm Brief", "1B1B1B", "0B5563", "EAF3F4",
            List.of("0B5563", "F2A541", "5C946E", "A23B72", "3F88C5", "6D6875"), "DejaVu Sans", "DejaVu Sans");
    /** Deck: dark blue and orange. */
    static final ThemeXml DECK = new ThemeXml("Docswarm Deck", "1E1E1E", "243B55", "EEF1F5",
            List.of("243B55", "F08A24", "3C9D9B", "9B5DE5", "D1495B", "6A994E"), "DejaVu Sans", "DejaVu Sans");
    /** Workbook: slate and sand. */
    static final ThemeXml WORKBOOK = new ThemeXml("Docswarm Workbook", "1A1A1A", "2E4057", "EDF0F4",
            List.of("2E4057", "F4A259", "5B8E7D", "BC4B51", "8CB369", "6C757D"), "DejaVu Sans", "DejaVu Sans");

    /** Stamped as the documents' creation time, so regenerating an unchanged design changes no content. */
    static final java.util.Optional<java.util.Date> CREATED =
            java.util.Optional.of(java.util.Date.from(java.time.Instant.parse("2026-11-25T00:00:00Z")));

    private TemplateGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "templates");
        Files.createDirectories(dir);
        Files.write(dir.resolve("report.docx"), stable(WordTemplate.build(report())));
        Files.write(dir.resolve("brief.docx"), stable(WordTemplate.build(brief())));
        Files.write(dir.resolve("deck.pptx"), stable(DeckTemplate.build(DECK, "1E1E1E")));
        Files.write(dir.resolve("workbook.xlsx"), stable(WorkbookTemplate.build(WORKBOOK, "1A1A1A", 10, 16)));
        System.out.println("wrote report.docx, brief.docx, deck.pptx and workbook.xlsx to " + dir.toAbsolutePath());
    }

    /** The package with every entry stamped with {@link #CREATED}: an unchanged design gives the same bytes. */
    static byte[] stable(byte[] zip) throws java.io.IOException {
        var out = new java.io.ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
             var rezipped = new java.util.zip.ZipOutputStream(out)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                var copy = new java.util.zip.ZipEntry(entry.getName());
                copy.setTime(CREATED.orElseThrow().getTime());
                rezipped.putNextEntry(copy);
                in.transferTo(rezipped);
                rezipped.closeEntry();
            }
        }
        return out.toByteArray();
    }

    static WordTemplate.Spec report() {
        List<List<String>> table = List.of(List.of("Segment", "2024", "2025", "Change"),
                List.of("Residential", "412", "468", "+13.6%"), List.of("Commercial", "285", "301", "+5.6%"),
                List.of("Public sector", "117", "139", "+18.8%"), List.of("Total", "814", "908", "+11.5%"));
        return new WordTemplate.Spec(REPORT, "222222", 10.5, 26, List.of(16.0, 13.0, 11.5), 22, true,
                "Annual Market Report", "Prepared for the product board",
                // A long report: a cover page and a contents list in front of the sections.
                FrontMatter.COVER_AND_CONTENTS, List.of(
                new SampleSection("Executive summary", List.of(
                        "The market for the product grew by eleven percent in the year, driven mainly by residential "
                                + "demand in the southern regions and by lower prices for the core components.",
                        "Competition intensified as two new suppliers entered with lower list prices, although neither "
                                + "of them has yet reached the service coverage that large customers expect.",
                        "The report recommends that the company enters the residential segment first, through installer "
                                + "partnerships, and defers the commercial segment until its service network is in place.",
                        "Each recommendation rests on the figures in the section on numbers, on interviews with forty "
                                + "customers and installers in all four markets, and on a review of the public subsidy schemes that "
                                + "shape demand in the region.",
                        "The risks are concentrated in supply and in regulation, and both are manageable with the "
                                + "measures set out at the end of this report."),
                        List.of(), List.of(), List.of(), ""),
                new SampleSection("Background", List.of(
                        "The company asked for an independent view of the market before it commits capital to a new "
                                + "product line in the coming financial year.",
                        "This report draws on public statistics, supplier price lists, interviews with customers and "
                                + "installers, and the company's own sales records for the last three years.",
                        "Figures are stated in thousands of units unless a table says otherwise, and growth rates "
                                + "compare each year with the one before.",
                        "The scope covers the four largest markets in the region, which together account for nearly "
                                + "nine tenths of the region's sales.",
                        "Smaller markets are discussed only where they show a trend that the larger markets are likely "
                                + "to follow within two years, for example where a new subsidy scheme or a change in grid tariffs "
                                + "has already altered the pattern of demand."),
                        List.of(), List.of(), List.of(), ""),
                new SampleSection("Findings", List.of(
                        "Households buy mainly to protect themselves against volatile energy prices, and only "
                                + "secondarily to support the environmental goals they mention in interviews.",
                        "Installers are the decisive channel, because most customers ask their installer for advice "
                                + "before they compare brands or prices.",
                        "Price matters less than reliability and service, provided that the product stays within ten "
                                + "percent of the market leader's price.",
                        "Commercial buyers run formal tenders with long qualification periods, which favours suppliers "
                                + "that already hold framework agreements and can show references from comparable projects in the "
                                + "same country.",
                        "Public subsidies remain stable in three of the four markets, while the fourth is reviewing its "
                                + "scheme and may reduce support from next year."),
                        List.of("Residential demand grows fastest in regions with high electricity prices",
                                "Installers recommend at most two brands to each customer",
                                "Warranty length is the most cited reason for choosing a brand",
                                "Commercial tenders take between nine and fifteen months"),
                        List.of(), List.of(), ""),
                new SampleSection("The numbers", List.of(
                        "Sales rose from 814 thousand units to 908 thousand units, an increase of 11.5 percent on the "
                                + "previous year.",
                        "The public sector grew fastest at 18.8 percent, but it remains the smallest segment with 139 "
                                + "thousand units.",
                        "Residential sales account for just over half of the total and contributed most of the growth "
                                + "in absolute terms.",
                        "Average selling prices fell by four percent over the year, which means that revenue grew more "
                                + "slowly than volume and that margins depend increasingly on the cost of components and installation.",
                        "The table below sets out sales by segment for the last two years."),
                        List.of(), List.of(), table, "Table 1. Sales by segment, thousand units"),
                new SampleSection("Recommendations", List.of(
                        "The company should enter the residential segment first and build the partnerships it needs "
                                + "before it competes for commercial tenders.",
                        "It should invest in a warranty and service offer that matches the market leader's, since "
                                + "customers value reliability over price.",
                        "It should prepare for commercial tenders now, so that it qualifies for framework agreements "
                                + "when its service network is ready.",
                        "Progress should be reviewed after two quarters against the targets below."),
                        List.of(),
                        List.of("Sign partnership agreements with twenty installers in the first year",
                                "Launch a ten-year warranty with next-day service in the largest cities",
                                "Qualify for two public framework agreements within eighteen months"),
                        List.of(), "")));
    }

    static WordTemplate.Spec brief() {
        List<List<String>> table = List.of(List.of("Item", "Plan", "Actual", "Variance"),
                List.of("Spend to date", "1,670", "1,716", "+2.7%"), List.of("Milestones met", "6", "5", "-1"),
                List.of("Open risks", "4", "6", "+2"));
        return new WordTemplate.Spec(BRIEF, "1B1B1B", 10, 22, List.of(14.0, 12.0, 11.0), 18, false,
                "Project Status Brief", "Steering committee, week 47",
                // Two pages at most: the title block opens the first page and no contents list is needed.
                FrontMatter.TITLE_BLOCK, List.of(
                new SampleSection("Summary", List.of(
                        "We are on track to finish the rollout in the first quarter, two weeks later than planned.",
                        "Our spending is close to plan, and we need one decision from the committee this month.",
                        "The first site runs on the new system and meets its accuracy target."),
                        List.of(), List.of(), List.of(), ""),
                new SampleSection("Key points", List.of(
                        "We moved the second go-live by two weeks because a supplier needs more time to fix the label "
                                + "format for cross-border parcels before the final end-to-end test.",
                        "Our team is training staff on the new handheld workflow at both sites, and throughput at the first "
                                + "site is recovering a little more each week.",
                        "We see no risk to the budget for the year as long as the second go-live holds."),
                        List.of("Picking accuracy at the first site is above the target we agreed with the operations team",
                                "Throughput is still eight percent below the old system while staff learn the new workflow",
                                "The carrier integration failed its second test and needs a fix from the vendor"),
                        List.of(), List.of(), ""),
                new SampleSection("Figures", List.of(
                        "Our spending to date is 1.7 million against a plan of 1.67 million.",
                        "We have met five of six milestones, and the open risks have risen from four to six.",
                        "The table shows plan and actual figures in thousands."),
                        List.of(), List.of(), table, "Table 1. Plan and actual to date"),
                new SampleSection("Next steps", List.of(
                        "We ask the committee to approve the revised date for the second site."),
                        List.of(),
                        List.of("Approve the revised go-live date of 26 January for the second site", "Confirm weekend support from the vendor for the cut-over at the second site",
                                "Review the results of the repeated carrier test at the meeting on 9 December"),
                        List.of(), "")));
    }
}
