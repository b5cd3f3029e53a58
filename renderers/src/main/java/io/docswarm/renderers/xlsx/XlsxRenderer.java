package io.docswarm.renderers.xlsx;

import io.docswarm.renderers.DocumentRenderer;
import io.docswarm.renderers.OutputFormat;
import io.docswarm.renderers.RenderResult;
import io.docswarm.renderers.ReproducibleZip;
import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.skills.Skill;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
            Set<String> tableNames = new HashSet<>();
            SheetNames sheetNames = new SheetNames();
            for (Sheet sheet : document.sheets()) {
                String name = sheetNames.unique(sheet.name());
                if (!name.equals(sheet.name())) {
                    warnings.add("sheet '" + sheet.name() + "' is named '" + name
                            + "': Excel's sheet names are unique, at most 31 characters, without []:*?/\\");
                }
                org.apache.poi.ss.usermodel.Sheet target = streaming ? stream.createSheet(name)
                        : workbook.createSheet(name);
                new XlsxSheetWriter(target, workbook.getSheet(name), sheet, styles, skill, tableNames, streaming,
                        warnings).write();
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
