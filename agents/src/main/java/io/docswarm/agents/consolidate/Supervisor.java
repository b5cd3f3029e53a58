package io.docswarm.agents.consolidate;

import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import java.util.ArrayList;
import java.util.List;

/** The supervisor's last word: completes the executive summary from the sections as they were finally written. */
final class Supervisor {

    private Supervisor() {
    }

    /**
     * The summary with a "What follows" list: for each later top-level section, its heading and the opening
     * statement of its first paragraph (with that paragraph's citation), so every point in the summary leads to
     * the section that supports it.
     */
    static Section completeSummary(Section summary, List<Section> following) {
        List<BulletList.Item> items = new ArrayList<>();
        for (Section section : following) {
            if (section.level() != 1) {
                continue;
            }
            opening(section).ifPresent(run -> items.add(new BulletList.Item(List.of(Run.bold(section.heading() + ": "),
                    run), List.of())));
        }
        if (items.isEmpty()) {
            return summary;
        }
        List<Block> blocks = new ArrayList<>(summary.blocks());
        blocks.add(new Paragraph(List.of(Run.bold("What follows"))));
        blocks.add(new BulletList(false, items));
        return new Section(summary.heading(), summary.level(), blocks);
    }

    /**
     * Resolves cross-references between sections: a mention such as {@code see Market overview} or
     * {@code see "Competitors"} of another top-level section becomes {@code see section 3 (Competitors)}, numbered
     * as the sections are finally ordered, so references stay right whatever order parts were drafted in.
     */
    static List<Section> resolveCrossReferences(List<Section> sections) {
        List<String> headings = new ArrayList<>();
        for (Section section : sections) {
            if (section.level() == 1) {
                headings.add(section.heading());
            }
        }
        List<Section> resolved = new ArrayList<>();
        for (Section section : sections) {
            List<Block> blocks = new ArrayList<>();
            for (Block block : section.blocks()) {
                blocks.add(switch (block) {
                    case Paragraph paragraph -> new Paragraph(resolve(paragraph.runs(), headings));
                    case BulletList list -> new BulletList(list.numbered(), list.items().stream()
                            .map(item -> new BulletList.Item(resolve(item.runs(), headings), item.children()))
                            .toList());
                    default -> block;
                });
            }
            resolved.add(new Section(section.heading(), section.level(), blocks));
        }
        return resolved;
    }

    private static List<Run> resolve(List<Run> runs, List<String> headings) {
        List<Run> out = new ArrayList<>();
        for (Run run : runs) {
            String text = run.text();
            for (int i = 0; i < headings.size(); i++) {
                String heading = java.util.regex.Pattern.quote(headings.get(i));
                // Only an explicit "see" before the exact heading counts: quoted source text that merely uses
                // a heading's words is never rewritten.
                text = text.replaceAll("\\b([Ss]ee)\\s+(?:the\\s+)?(?:section\\s+)?[\"“']?" + heading
                        + "[\"”']?(?:\\s+section)?", "$1 section " + (i + 1) + " ("
                        + java.util.regex.Matcher.quoteReplacement(headings.get(i)) + ")");
            }
            out.add(text.equals(run.text()) ? run
                    : new Run(text, run.bold(), run.italic(), run.code(), run.link(), run.citation()));
        }
        return out;
    }

    /** The first sentence of the section's first paragraph, cited as that paragraph is. */
    private static java.util.Optional<Run> opening(Section section) {
        for (Block block : section.blocks()) {
            List<Run> runs = switch (block) {
                case Paragraph paragraph -> paragraph.runs();
                case BulletList list -> list.items().isEmpty() ? List.of() : list.items().getFirst().runs();
                default -> List.of();
            };
            String text = runs.stream().map(Run::text).reduce("", String::concat).strip();
            if (text.isEmpty() || (runs.size() == 1 && runs.getFirst().bold())) {
                continue;
            }
            int end = text.indexOf(". ");
            String first = end > 0 ? text.substring(0, end + 1) : text;
            String citation = runs.stream().map(Run::citation).filter(c -> !c.isBlank()).findFirst().orElse("");
            return java.util.Optional.of(citation.isEmpty() ? Run.plain(first) : Run.cited(first, citation));
        }
        return java.util.Optional.empty();
    }
}
