package io.docswarm.agents.job;

import io.docswarm.renderers.OutputFormat;
import java.io.Serializable;

/**
 * One requested file.
 *
 * @param format the file format
 * @param skill  the Skill reference ({@code NAME} or {@code NAME@N})
 * @param name   the output file's base name (no extension)
 * @param length a size budget in the format's unit (pages for DOCX/PDF, slides for PPTX, sheets for XLSX);
 *               0 when the job leaves it to the Skill
 */
public record Deliverable(OutputFormat format, String skill, String name, int length) implements Serializable {

    /** The output file name, e.g. {@code market-report.docx}. */
    public String fileName() {
        return name + "." + format.extension();
    }
}
