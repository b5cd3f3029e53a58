package io.docswarm.agents.draft;

import io.docswarm.agents.consolidate.Consolidator;
import io.docswarm.agents.inputs.DataLoader;
import io.docswarm.agents.inputs.DataTable;
import io.docswarm.agents.inputs.InputOpener;
import io.docswarm.agents.job.DataRef;
import io.docswarm.agents.job.Deliverable;
import io.docswarm.agents.job.JobSpec;
import io.docswarm.agents.plan.Planner;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.renderers.xlsx.XlsxRenderer;
import io.docswarm.skills.Skill;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** A one-workbook job over one data table, planned, drafted by the grounded drafter and consolidated. */
final class DraftedWorkbooks {

    static final Skill WORKBOOK = SkillLibrary.builtIn("workbook").orElseThrow();

    private DraftedWorkbooks() {
    }

    /** The table a job's data reference {@code title} reads from {@code csv}, written to {@code dir} as {@code file}. */
    static DataTable load(Path dir, String file, String title, CharSequence csv) throws IOException {
        Path written = Files.writeString(dir.resolve(file), csv);
        return DataLoader.load(new DataRef(title, written.toString(), ""), "data/" + file, InputOpener.LOCAL_FILES);
    }

    static Document draft(String id, String title, String brief, DataTable data) {
        JobSpec spec = new JobSpec(id, title, brief, "", List.of(new Deliverable(OutputFormat.XLSX, "workbook", id,
                0)), List.of(), List.of(), null, null);
        JobMaterials materials = new JobMaterials(spec, List.of(), List.of(data));
        List<DraftedPart> parts = new ArrayList<>();
        for (var task : Planner.plan(spec, d -> WORKBOOK, 1).parts()) {
            parts.add(new GroundedDrafter().draft(task, materials, WORKBOOK));
        }
        return Consolidator.consolidate(spec, 0, parts, Instant.parse("2026-04-01T00:00:00Z"));
    }

    /** What the XLSX renderer wrote for a document: the workbook read back, and the renderer's warnings. */
    record Rendered(XSSFWorkbook workbook, List<String> warnings) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            workbook.close();
        }
    }

    /** {@code document} written by the XLSX renderer with the workbook Skill and read back. */
    static Rendered render(Document document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var result = new XlsxRenderer().render(document, WORKBOOK, out);
        return new Rendered(new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray())), result.warnings());
    }

    /** Every formula of {@code workbook} computed from scratch, as a spreadsheet opening it would. */
    static FormulaEvaluator recalculate(XSSFWorkbook workbook) {
        FormulaEvaluator evaluator = workbook.getCreationHelper().createFormulaEvaluator();
        evaluator.clearAllCachedResultValues();
        evaluator.evaluateAll();
        return evaluator;
    }

    /** The index of a sheet's first table row, after its title, notes, a blank row and the header. */
    static int firstRow(Sheet sheet) {
        return 3 + sheet.notes().size();
    }
}
