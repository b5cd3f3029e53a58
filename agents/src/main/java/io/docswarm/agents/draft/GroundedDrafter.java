package io.docswarm.agents.draft;

import io.docswarm.agents.analysis.DataSummary;
import io.docswarm.agents.analysis.Focus;
import io.docswarm.agents.analysis.SummaryTable;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.plan.PartTask;
import io.docswarm.agents.text.Sentence;
import io.docswarm.agents.text.TextRank;
import io.docswarm.renderers.model.Block;
import io.docswarm.renderers.model.BulletList;
import io.docswarm.renderers.model.Paragraph;
import io.docswarm.renderers.model.Run;
import io.docswarm.renderers.model.Section;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.model.Slide;
import io.docswarm.renderers.model.Table;
import io.docswarm.skills.Skill;
import java.util.ArrayList;
import java.util.List;

/**
 * The model-free drafter: every statement comes from the job's own inputs. Text parts carry the sources' key
 * sentences (TextRank) with citations; data parts carry tables, charts and statements computed from the data
 * files. Nothing is invented, so the embedded default needs no model download.
 */
public final class GroundedDrafter implements Drafter {

    public static final String NAME = "grounded";
    private static final int KEY_PHRASES = 6;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DraftedPart draft(PartTask task, JobMaterials materials, Skill skill) {
        // Sentences and their ranking depend only on the job's sources: computed once per job, not per part.
        JobText text = JobText.of(materials);
        var context = new PartContext(task, materials, skill, text, text.ranked(), new ArrayList<>());
        return switch (task.kind()) {
            case SECTION -> task.format() == io.docswarm.renderers.OutputFormat.PPTX
                    ? slides(context, context.sectionSlides()) : sections(context, context.section());
            case TITLE_SLIDE -> slides(context, List.of(context.titleSlide()));
            case AGENDA_SLIDE -> slides(context, List.of(context.agendaSlide()));
            case CLOSING_SLIDE -> slides(context, List.of(context.closingSlide()));
            case SUMMARY_SHEET -> sheets(context, List.of(context.summarySheet()));
            case DATA_SHEET -> sheets(context, List.of(context.dataSheet()));
        };
    }

    private DraftedPart sections(PartContext c, Section section) {
        return new DraftedPart(c.task().jobId(), c.task().deliverableIndex(), c.task().partIndex(), List.of(section),
                List.of(), List.of(), c.warnings(), NAME);
    }

    private DraftedPart slides(PartContext c, List<Slide> slides) {
        return new DraftedPart(c.task().jobId(), c.task().deliverableIndex(), c.task().partIndex(), List.of(), slides,
                List.of(), c.warnings(), NAME);
    }

    private DraftedPart sheets(PartContext c, List<Sheet> sheets) {
        return new DraftedPart(c.task().jobId(), c.task().deliverableIndex(), c.task().partIndex(), List.of(),
                List.of(), sheets, c.warnings(), NAME);
    }

    /** One part's drafting inputs and the warnings it raises. */
    private record PartContext(PartTask task, JobMaterials materials, Skill skill, JobText text,
                               List<TextRank.Ranked> ranked, List<String> warnings) {

        private boolean slides() {
            return task.format() == io.docswarm.renderers.OutputFormat.PPTX;
        }

        private List<Sentence> mySentences() {
            int maxWords = slides() ? skill.voice().maxBulletWords() : skill.voice().maxSentenceWords();
            int mine = -1;
            for (int s = 0; s < task.sections().size(); s++) {
                if (task.sections().get(s).heading().equals(task.heading())) {
                    mine = s;
                }
            }
            if (mine < 0) {
                return List.of();
            }
            // Shared by the deliverable's parts: computed once per outline and budgets, not once per part.
            List<Sentence> chosen = text.allocation(task.sections(), task.sentenceBudget(), maxWords, slides())
                    .get(mine);
            if (chosen.isEmpty() && !"data".equals(task.purpose())) {
                warnings.add("section '" + task.heading() + "': the sources have no sentence left for it");
            }
            return chosen;
        }

        Section section() {
            List<Block> blocks = new ArrayList<>();
            switch (task.purpose()) {
                case "data" -> dataBlocks(blocks);
                case "conclusion" -> blocks.add(citedList(mySentences()));
                case "summary" -> {
                    blocks.addAll(citedParagraphs(mySentences()));
                    List<String> themes = firstSummary() ? text.keyThemes(KEY_PHRASES) : List.of();
                    if (!themes.isEmpty()) {
                        blocks.add(new Paragraph(List.of(Run.bold("Key themes"))));
                        blocks.add(BulletList.bullets(themes));
                    }
                    // The data's headline, unless a data section of the same deliverable leads with it (then the
                    // summary would repeat it word for word a page before).
                    boolean dataSectionFollows = task.sections().stream().anyMatch(s -> "data".equals(s.purpose()));
                    for (DataTable table : dataSectionFollows ? List.<DataTable>of() : materials.data()) {
                        DataSummary summary = summarise(table);
                        if (summary.hasMeasures()) {
                            blocks.add(new Paragraph(List.of(Run.cited(summary.facts().getFirst(), table.origin()))));
                        }
                    }
                }
                default -> blocks.addAll(citedParagraphs(mySentences()));
            }
            if (blocks.isEmpty()) {
                blocks.add(Paragraph.of("No material in the job's sources addresses this section."));
            }
            return new Section(task.heading(), task.level(), blocks);
        }

        /** Only the first summary section of a deliverable lists the key themes, so they appear once. */
        private boolean firstSummary() {
            return task.sections().stream().filter(s -> "summary".equals(s.purpose())).findFirst()
                    .map(s -> s.heading().equals(task.heading())).orElse(true);
        }

        private void dataBlocks(List<Block> blocks) {
            if (materials.data().isEmpty()) {
                blocks.addAll(citedParagraphs(mySentences()));
                return;
            }
            for (DataTable table : materials.data()) {
                DataSummary summary = summarise(table);
                if (!summary.hasMeasures()) {
                    warnings.add(table.origin() + ": no numeric column to summarise");
                    continue;
                }
                blocks.add(new Paragraph(citedFacts(summary.facts(), table.origin())));
                blocks.add(summary.table());
                blocks.add(summary.chart());
            }
        }

        /**
         * Each fact cited on its own; the space between facts is a plain run, so the footnote mark comes right
         * after the fact's full stop instead of after the space, where it would read as the next fact's mark.
         */
        static List<Run> citedFacts(List<String> facts, String origin) {
            List<Run> runs = new ArrayList<>();
            for (String fact : facts) {
                if (!runs.isEmpty()) {
                    runs.add(Run.plain(" "));
                }
                runs.add(Run.cited(fact, origin));
            }
            return runs;
        }

        /** Sentences grouped by source paragraph, each group cited once. */
        private List<Block> citedParagraphs(List<Sentence> chosen) {
            List<Block> blocks = new ArrayList<>();
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < chosen.size(); i++) {
                Sentence sentence = chosen.get(i);
                boolean lastOfGroup = i == chosen.size() - 1
                        || !chosen.get(i + 1).citation().equals(sentence.citation());
                runs.add(lastOfGroup ? Run.cited(sentence.text(), sentence.citation())
                        : Run.plain(sentence.text() + " "));
                if (lastOfGroup && (i == chosen.size() - 1
                        || !chosen.get(i + 1).source().equals(sentence.source()))) {
                    blocks.add(new Paragraph(runs));
                    runs = new ArrayList<>();
                } else if (lastOfGroup) {
                    runs.add(Run.plain(" "));
                }
            }
            return blocks;
        }

        private BulletList citedList(List<Sentence> chosen) {
            return new BulletList(false, chosen.stream()
                    .map(s -> new BulletList.Item(List.of(Run.cited(s.text(), s.citation())), List.of())).toList());
        }

        List<Slide> sectionSlides() {
            if ("data".equals(task.purpose()) && !materials.data().isEmpty()) {
                List<Slide> slides = new ArrayList<>();
                for (DataTable table : materials.data()) {
                    DataSummary summary = summarise(table);
                    if (summary.hasMeasures()) {
                        List<String> facts = summary.facts().subList(0, Math.min(summary.facts().size(),
                                skill.voice().maxBulletsPerSlide()));
                        slides.add(new Slide(Slide.SlideRole.CHART, task.heading(),
                                List.of(summary.chart(), BulletList.bullets(facts)), "Source: " + table.origin()));
                    }
                }
                return slides;
            }
            List<Sentence> chosen = mySentences();
            List<Block> body = List.of(BulletList.bullets(chosen.stream().map(Sentence::text).toList()));
            String notes = "Sources: " + String.join("; ", chosen.stream().map(Sentence::citation).distinct().toList());
            return List.of(new Slide(Slide.SlideRole.CONTENT, task.heading(), body, chosen.isEmpty() ? "" : notes));
        }

        Slide titleSlide() {
            String audience = materials.spec().audience();
            return new Slide(Slide.SlideRole.TITLE, materials.spec().title(),
                    audience.isBlank() ? List.of() : List.of(Paragraph.of("For " + audience)),
                    materials.spec().brief());
        }

        Slide agendaSlide() {
            return new Slide(Slide.SlideRole.CONTENT, "Agenda",
                    List.of(new BulletList(true, task.sections().stream()
                            .map(s -> new BulletList.Item(List.of(Run.plain(s.heading())), List.of())).toList())),
                    "");
        }

        Slide closingSlide() {
            return new Slide(Slide.SlideRole.CLOSING, "Thank you", List.of(Paragraph.of("Questions and discussion")),
                    "");
        }

        Sheet summarySheet() {
            if (task.dataIndex() < 0) {
                List<List<Object>> rows = new ArrayList<>();
                List<TextRank.Ranked> top = ranked.subList(0, Math.min(task.sentenceBudget(), ranked.size()));
                for (TextRank.Ranked r : top) {
                    rows.add(List.of(r.sentence().text(), r.sentence().citation()));
                }
                return new Sheet("Key points", new Table("Key points from the sources",
                        List.of(Table.Column.text("Point"), Table.Column.text("Source")), rows, false),
                        List.of(), List.of(), List.of("Ranked by TextRank over the job's sources."));
            }
            DataTable table = materials.data().get(task.dataIndex());
            DataSummary summary = summarise(table);
            String name = WorkbookSheets.summary(table);
            if (!summary.hasMeasures()) {
                warnings.add(table.origin() + ": no numeric column to summarise");
                return new Sheet(name, new Table("Nothing to summarise", List.of(Table.Column.text("Note")),
                        List.of(List.of("No numeric column in " + table.origin())), false), List.of(), List.of(),
                        List.of());
            }
            // The planner drafts the table's data sheet beside this one (a DATA_SHEET part per data table), so the
            // figures are looked up there; a workbook that lost that part keeps them as values (the renderer says so).
            SummaryTable layout = SummaryTable.forWorkbook(summary, table, java.util.Optional.of(
                    WorkbookSheets.data(table)));
            return layout.sheet(name, List.of(summary.chart()), summary.facts());
        }

        /** The table's summary, leading with what this part's heading and the brief ask about. */
        private DataSummary summarise(DataTable table) {
            return DataSummary.of(table, Focus.of(task.heading(), materials.spec().brief(),
                    materials.sources().stream().flatMap(s -> s.paragraphs().stream()).toList()));
        }

        Sheet dataSheet() {
            DataTable table = materials.data().get(task.dataIndex());
            List<Table.Column> columns = new ArrayList<>();
            for (int c = 0; c < table.columns().size(); c++) {
                columns.add(switch (table.kinds().get(c)) {
                    case NUMBER -> Table.Column.number(table.columns().get(c), DataSummary.rawFormat(table, c));
                    case DATE -> new Table.Column(table.columns().get(c), Table.ColumnType.DATE, "");
                    case TEXT -> Table.Column.text(table.columns().get(c));
                });
            }
            return new Sheet(WorkbookSheets.data(table), new Table(table.name() + " (" + table.origin() + ")",
                    columns, table.rows(), false), List.of(), List.of(), List.of("Source: " + table.origin()));
        }
    }
}
