package io.docswarm.renderers.chart;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.Chart;

/**
 * Which way a chart's axes run in a document of a given direction. A right-to-left document mirrors its charts as
 * it mirrors its tables: the horizontal axis starts at the right (the first category of a column or line chart,
 * zero of a bar chart's values) and the vertical axis stands on the right, where the reader starts. Titles and
 * legends keep their places. Pie charts have no axes to mirror. Scatter plots are not mirrored either: their x axis
 * is a number line, which Hebrew and Arabic texts also draw growing to the right. Charts of a left-to-right
 * document are drawn as they always were.
 *
 * <p>Native charts ({@link XddfChartWriter}) and drawn ones ({@link JFreeChartFactory}) ask this one class, so a
 * chart reads the same way in every format.
 */
final class ChartDirection {

    private ChartDirection() {
    }

    /** Whether {@code chart}, in a document written in {@code document}'s direction, is drawn mirrored. */
    static boolean mirrored(Chart chart, TextDirection document) {
        return document.isRightToLeft() && hasCategoryAxis(chart);
    }

    /**
     * Whether the chart's categories run down the vertical axis (horizontal bars), so that its values are the axis
     * that runs across and is the one reversed when the chart is mirrored.
     */
    static boolean categoriesDown(Chart chart) {
        return chart.type() == Chart.ChartType.BAR;
    }

    private static boolean hasCategoryAxis(Chart chart) {
        return switch (chart.type()) {
            case BAR, COLUMN, STACKED_COLUMN, LINE -> true;
            case PIE, SCATTER -> false;
        };
    }
}
