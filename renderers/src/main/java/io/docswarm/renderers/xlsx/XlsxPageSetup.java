package io.docswarm.renderers.xlsx;

import io.docswarm.skills.PageSetup;
import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * How a sheet prints: the Skill's paper, orientation and margins, scaled to one page wide (as many pages tall as
 * the rows need), with the table header repeated on every page and page numbers in the footer. Without this Excel
 * prints portrait at 100%, and a table a few columns wider than the paper spreads over several pages.
 */
final class XlsxPageSetup {

    private static final double MM_PER_INCH = 25.4;
    /** Header and footer sit in the top and bottom margins, this far from the paper's edge. */
    private static final double HEADER_FOOTER_INCHES = 0.3;

    private XlsxPageSetup() {
    }

    /** @param headerRow zero-based row of the table header, repeated at the top of every printed page */
    static void apply(Sheet sheet, PageSetup page, int headerRow) {
        PrintSetup print = sheet.getPrintSetup();
        print.setPaperSize("LETTER".equals(page.size()) ? PrintSetup.LETTER_PAPERSIZE : PrintSetup.A4_PAPERSIZE);
        print.setLandscape(page.landscape());
        // Fit to 1 page wide by any number tall (0 = automatic): rows flow over pages, columns never do.
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0);
        PageSetup.Margins margins = page.margins() != null ? page.margins()
                : new PageSetup.Margins(page.marginMm(), page.marginMm(), page.marginMm(), page.marginMm());
        // The footer needs room below the table: the bottom margin is at least twice the footer's distance.
        sheet.setMargin(PageMargin.TOP, Math.max(inches(margins.topMm()), 2 * HEADER_FOOTER_INCHES));
        sheet.setMargin(PageMargin.BOTTOM, Math.max(inches(margins.bottomMm()), 2 * HEADER_FOOTER_INCHES));
        sheet.setMargin(PageMargin.LEFT, inches(margins.leftMm()));
        sheet.setMargin(PageMargin.RIGHT, inches(margins.rightMm()));
        sheet.setMargin(PageMargin.HEADER, HEADER_FOOTER_INCHES);
        sheet.setMargin(PageMargin.FOOTER, HEADER_FOOTER_INCHES);
        sheet.setRepeatingRows(new CellRangeAddress(headerRow, headerRow, -1, -1));
        sheet.getFooter().setCenter("&A – &P / &N");
    }

    private static double inches(double mm) {
        return mm / MM_PER_INCH;
    }
}
