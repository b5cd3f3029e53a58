package io.docswarm.renderers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docswarm.renderers.model.Document;
import io.docswarm.renderers.model.Sheet;
import io.docswarm.skills.SkillLibrary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxSheetNamesTest {

    @Test
    void sheetNamesAreMadeDistinctAndValidAndEachChangeIsReported() throws IOException {
        // The model allows these; Excel does not: names equal ignoring case, an apostrophe at either end.
        List<String> wanted = List.of("Sales", "Budget requests by department", "SALES",
                "Budget requests by department", "'Quoted'");
        List<Sheet> sheets = wanted.stream().map(n -> new Sheet(n, SampleDocuments.salesTable(), List.of(),
                List.of(), List.of())).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RenderResult result = Renderers.forFormat(OutputFormat.XLSX).render(new Document(SampleDocuments.metadata(),
                List.of(), List.of(), sheets), SkillLibrary.builtIn("workbook").orElseThrow(), out);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("Sales", "Budget requests by department", "SALES (2)",
                    "Budget requests by departme (2)", "-Quoted-"), names);
            names.forEach(n -> assertTrue(n.length() <= 31, n));
        }
        assertEquals(3, result.warnings().stream().filter(w -> w.contains("is named")).count(),
                result.warnings()::toString);
    }
}
