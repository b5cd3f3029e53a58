package io.docswarm.renderers.chart;

import io.docswarm.renderers.model.Chart;

/**
 * The number format of a chart's value axis. Without one, Office charts link the axis to the source cells' format,
 * so a sheet column formatted {@code #,##0.00} labels its axis "7,000,000.00", and charts with literal data show
 * unseparated "7000000". Axis ticks are round numbers: thousands separators always, decimals only where the data
 * has them and they matter (values below 1,000 that are not all whole).
 */
public final class AxisNumberFormat {

    /** Whole numbers with thousands separators. */
    public static final String WHOLE = "#,##0";
    /** Up to two decimals, at least one so ticks like 0.5 and 1.0 line up. */
    public static final String DECIMAL = "#,##0.0#";

    private AxisNumberFormat() {
    }

    public static String of(Chart chart) {
        double largest = 0;
        boolean whole = true;
        for (Chart.Series series : chart.series()) {
            for (Double value : series.values()) {
                if (value != null) {
                    largest = Math.max(largest, Math.abs(value));
                    whole &= value == Math.rint(value);
                }
            }
        }
        return whole || largest >= 1000 ? WHOLE : DECIMAL;
    }
}
