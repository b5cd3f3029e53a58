package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.LanguageDirection;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.model.Document;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFFormulaEvaluator;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Excel renderer: typed cells with the Skill's formats, a named table with autofilter per sheet, derived
 * columns and totals as live formulas with cached results, frozen header, fitted column widths and native
 * charts that reference the sheet's own cells. Workbooks with a sheet above the streaming threshold are written
 * with SXSSF: a bounded window of rows in memory, formula results computed as rows are written.
 */
public final class XlsxRenderer implements DocumentRenderer {

    @Override
    public OutputFormat format() {
        return OutputFormat.XLSX;
    }

    /** Above this many rows in any sheet the workbook is streamed (SXSSF) instead of built in memory. */
    public static final int DEFAULT_STREAMING_THRESHOLD = 50_000;
    /** Rows SXSSF keeps in memory per sheet while streaming; older rows are flushed to disk. */
    private static final int STREAMING_WINDOW = 500;

    private final int streamingThreshold;

    public XlsxRenderer() {
        this(DEFAULT_STREAMING_THRESHOLD);
    }

    /** @param streamingThreshold row count above which sheets are streamed with SXSSF in bounded memory */
    public XlsxRenderer(int streamingThreshold) {
        this.streamingThreshold = streamingThreshold;
    }

    @Override
    public RenderResult render(Document document, Skill skill, OutputStream out) throws IOException {
        boolean streaming = document.sheets().stream().anyMatch(s -> s.table().rows().size() > streamingThreshold);
        try (XSSFWorkbook workbook = new XSSFWorkbook();
             SXSSFWorkbook stream = streaming ? new SXSSFWorkbook(workbook, STREAMING_WINDOW) : null) {
            var core = workbook.getProperties().getCoreProperties();
            core.setTitle(document.metadata().title());
            core.setCreator(document.metadata().author());
            Date created = Date.from(document.metadata().created());
            core.setCreated(Optional.of(created));
            core.setModified(Optional.of(created));
            XlsxStyles styles = new XlsxStyles(workbook, skill.look());
            List<String> warnings = new ArrayList<>();
            WorkbookTables tables = new WorkbookTables(document.sheets(), warnings);
            List<org.apache.poi.ss.usermodel.Sheet> targets = new ArrayList<>();
            // A workbook in a right-to-left language shows its sheets right to left: column A on the right.
            boolean rightToLeft = LanguageDirection.of(document.metadata().language()).isRightToLeft();
            for (WorkbookTables.Placed placed : tables.all()) {
                var target = streaming ? stream.createSheet(placed.name()) : workbook.createSheet(placed.name());
                if (rightToLeft) {
                    target.setRightToLeft(true);
                }
                targets.add(target);
            }
            // Sheets whose cells look up another sheet's table go last: POI parses an in-memory formula as it is
            // set, and a structured reference parses only once its table exists. Tabs keep the document's order.
            List<Integer> order = java.util.stream.IntStream.range(0, targets.size()).boxed()
                    .sorted(java.util.Comparator.comparing(i -> tables.all().get(i).sheet().lookup() != null))
                    .toList();
            for (int i : order) {
                WorkbookTables.Placed placed = tables.all().get(i);
                new XlsxSheetWriter(targets.get(i), workbook.getSheet(placed.name()), placed, tables, styles, skill,
                        streaming, warnings).write();
            }
            if (streaming) {
                // Streamed rows are gone from memory: every formula got its cached result when it was written.
                ReproducibleZip.write(stream::write, document.metadata().created(), out);
            } else {
                // Cache every formula's result so readers that do not recalculate (viewers, POI, pandas) see
                // numbers.
                XSSFFormulaEvaluator.evaluateAllFormulaCells(workbook);
                ReproducibleZip.write(workbook::write, document.metadata().created(), out);
            }
            return new RenderResult(warnings, document.sheets().size());
        }
    }
}
