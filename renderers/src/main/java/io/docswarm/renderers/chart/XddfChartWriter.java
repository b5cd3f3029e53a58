package io.docswarm.renderers.chart;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.Chart;
import io.docswarm.skills.Look;
import javax.xml.namespace.QName;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xddf.usermodel.XDDFColor;
import org.apache.poi.xddf.usermodel.XDDFLineProperties;
import org.apache.poi.xddf.usermodel.XDDFShapeProperties;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.AxisCrossBetween;
import org.apache.poi.xddf.usermodel.chart.AxisCrosses;
import org.apache.poi.xddf.usermodel.chart.AxisOrientation;
import org.apache.poi.xddf.usermodel.chart.AxisPosition;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.ChartTypes;
import org.apache.poi.xddf.usermodel.chart.LegendPosition;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFCategoryAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChart;
import org.apache.poi.xddf.usermodel.chart.XDDFChartAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFDataSourcesFactory;
import org.apache.poi.xddf.usermodel.chart.XDDFNumericalDataSource;
import org.apache.poi.xddf.usermodel.chart.XDDFScatterChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFValueAxis;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xddf.usermodel.chart.MarkerStyle;
import org.apache.poi.xddf.usermodel.chart.ScatterStyle;
import org.apache.xmlbeans.XmlCursor;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTValAx;

/**
 * Writes a {@link Chart} into any POI chart part (Word, PowerPoint or Excel) as a native, editable chart.
 *
 * <p>Data sources are either literal arrays bound to the chart's embedded workbook (Word and PowerPoint:
 * POI fills the embedded sheet so "Edit Data" works) or references to cells of the host workbook (Excel).
 *
 * <p>In a right-to-left document the axes are mirrored ({@link ChartDirection}).
 */
public final class XddfChartWriter {

    private XddfChartWriter() {
    }

    /** Where a chart's data lives. */
    public interface DataBinding {
        XDDFDataSource<String> categories(Chart chart);

        XDDFNumericalDataSource<Double> values(Chart chart, int series);
    }

    /**
     * Binds the data as arrays stored in the chart's own embedded workbook (Word, PowerPoint). The embedded
     * workbook is stamped with {@code created} rather than the clock so output stays reproducible.
     */
    public static DataBinding embedded(XDDFChart target, java.time.Instant created) {
        try {
            target.getWorkbook().getProperties().getCoreProperties()
                    .setCreated(java.util.Optional.of(java.util.Date.from(created)));
        } catch (java.io.IOException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IllegalStateException("cannot create the chart's embedded workbook", e);
        }
        return new DataBinding() {
            @Override
            public XDDFDataSource<String> categories(Chart chart) {
                int n = chart.categories().size();
                return XDDFDataSourcesFactory.fromArray(chart.categories().toArray(String[]::new),
                        target.formatRange(new CellRangeAddress(1, n, 0, 0)), 0);
            }

            @Override
            public XDDFNumericalDataSource<Double> values(Chart chart, int series) {
                int n = chart.categories().size();
                return XDDFDataSourcesFactory.fromArray(
                        chart.series().get(series).values().toArray(Double[]::new),
                        target.formatRange(new CellRangeAddress(1, n, series + 1, series + 1)), series + 1);
            }
        };
    }

    /** Where the chart's title is shown. */
    public enum Title {
        /** In the chart, above the plot. */
        IN_CHART,
        /**
         * Not in the chart: the host document writes it as a caption, and the same words twice one above the other
         * read as a mistake. (Office would otherwise make up a title from a single series' name.)
         */
        IN_CAPTION
    }

    /**
     * Draws {@code chart} into {@code target} with the Skill's palette, its title in the chart, for a document
     * written in {@code direction}.
     */
    public static void write(XDDFChart target, Chart chart, Look look, DataBinding binding, boolean embedded,
                             TextDirection direction) {
        write(target, chart, look, binding, embedded, Title.IN_CHART, direction);
    }

    /**
     * Draws {@code chart} into {@code target} with the Skill's palette, for a document written in
     * {@code direction}.
     */
    public static void write(XDDFChart target, Chart chart, Look look, DataBinding binding, boolean embedded,
                             Title title, TextDirection direction) {
        if (title == Title.IN_CHART) {
            target.setTitleText(chart.title());
            target.setTitleOverlay(false);
        } else {
            target.setAutoTitleDeleted(true);
        }
        if (chart.series().size() > 1 || chart.type() == Chart.ChartType.PIE) {
            target.getOrAddLegend().setPosition(LegendPosition.BOTTOM);
        }
        XDDFDataSource<String> categories = binding.categories(chart);
        XDDFChartData data = switch (chart.type()) {
            case PIE -> target.createData(ChartTypes.PIE, null, null);
            case SCATTER -> scatter(target, chart);
            case LINE -> {
                var axes = axes(target, chart, direction);
                yield target.createData(ChartTypes.LINE, axes.category(), axes.value());
            }
            case BAR, COLUMN, STACKED_COLUMN -> {
                var axes = axes(target, chart, direction);
                var bar = (XDDFBarChartData) target.createData(ChartTypes.BAR, axes.category(), axes.value());
                bar.setBarDirection(ChartDirection.categoriesDown(chart) ? BarDirection.BAR : BarDirection.COL);
                if (chart.type() == Chart.ChartType.STACKED_COLUMN) {
                    bar.setBarGrouping(BarGrouping.STACKED);
                    overlapFully(target);
                }
                yield bar;
            }
        };
        for (int s = 0; s < chart.series().size(); s++) {
            XDDFChartData.Series series = data.addSeries(categories, binding.values(chart, s));
            String name = chart.series().get(s).name();
            series.setTitle(name, embedded ? target.setSheetTitle(name, s + 1) : null);
            if (chart.type() != Chart.ChartType.PIE) {
                series.setShapeProperties(fill(look.seriesColor(s), chart.type()));
            }
            if (series instanceof XDDFLineChartData.Series line) {
                line.setMarkerStyle(MarkerStyle.CIRCLE);
                line.setSmooth(false);
            }
        }
        data.setVaryColors(chart.type() == Chart.ChartType.PIE);
        target.plot(data);
    }

    private record Axes(XDDFCategoryAxis category, XDDFValueAxis value) {
    }

    private static Axes axes(XDDFChart target, Chart chart, TextDirection direction) {
        boolean down = ChartDirection.categoriesDown(chart);
        boolean mirrored = ChartDirection.mirrored(chart, direction);
        AxisPosition upright = mirrored ? AxisPosition.RIGHT : AxisPosition.LEFT;
        XDDFCategoryAxis category = target.createCategoryAxis(down ? upright : AxisPosition.BOTTOM);
        XDDFValueAxis value = target.createValueAxis(down ? AxisPosition.BOTTOM : upright);
        value.setCrosses(AxisCrosses.AUTO_ZERO);
        if (mirrored) {
            mirror(down ? value : category);
        }
        // Bars sit between tick marks; POI's default (midCat) centres the first and last bars on the plot's edges,
        // where Excel and PowerPoint cut them in half. Line points stay on the ticks.
        value.setCrossBetween(chart.type() == Chart.ChartType.LINE ? AxisCrossBetween.MIDPOINT_CATEGORY
                : AxisCrossBetween.BETWEEN);
        numberFormat(target, value, AxisNumberFormat.of(chart));
        if (!chart.valueTitle().isBlank()) {
            value.setTitle(chart.valueTitle());
        }
        return new Axes(category, value);
    }

    /**
     * Reverses the axis that runs across the chart ({@code orientation maxMin}), so it starts at the right. That
     * alone brings the upright axis over: it crosses the axis across where that one starts ({@code crosses
     * autoZero}: at the first category, or at zero), which is now on the right. Crossing at the maximum instead
     * would put it back on the left (so LibreOffice shows it). Its {@code axPos} says "right" for readers that
     * place the axis by that.
     */
    private static void mirror(XDDFChartAxis across) {
        across.setOrientation(AxisOrientation.MAX_MIN);
    }

    /**
     * Gives a value axis its own number format. POI writes the format as linked to the source cells, and readers
     * then show the cells' format (or none, for literal data) instead.
     */
    private static void numberFormat(XDDFChart target, XDDFValueAxis axis, String format) {
        axis.setNumberFormat(format);
        for (CTValAx ax : target.getCTChart().getPlotArea().getValAxList()) {
            if (ax.getAxId().getVal() == axis.getId() && ax.isSetNumFmt()) {
                ax.getNumFmt().setSourceLinked(false);
            }
        }
    }

    /**
     * Overlap 100% stacks the segments of a column on each other. Written as text: the compiled type that
     * {@code XDDFBarChartData.setOverlap} needs is not in POI's lite schema jar, so that call throws.
     */
    private static void overlapFully(XDDFChart target) {
        var plotArea = target.getCTChart().getPlotArea();
        var barChart = plotArea.getBarChartArray(plotArea.sizeOfBarChartArray() - 1);
        var overlap = barChart.isSetOverlap() ? barChart.getOverlap() : barChart.addNewOverlap();
        try (XmlCursor cursor = overlap.newCursor()) {
            cursor.setAttributeText(new QName("val"), "100");
        }
    }

    private static XDDFChartData scatter(XDDFChart target, Chart chart) {
        XDDFValueAxis x = target.createValueAxis(AxisPosition.BOTTOM);
        XDDFValueAxis y = target.createValueAxis(AxisPosition.LEFT);
        y.setCrosses(AxisCrosses.AUTO_ZERO);
        numberFormat(target, y, AxisNumberFormat.of(chart));
        var data = (XDDFScatterChartData) target.createData(ChartTypes.SCATTER, x, y);
        data.setStyle(ScatterStyle.LINE_MARKER);
        return data;
    }

    private static XDDFShapeProperties fill(String hex, Chart.ChartType type) {
        XDDFShapeProperties properties = new XDDFShapeProperties();
        XDDFColor color = XDDFColor.from(hexBytes(hex));
        if (type == Chart.ChartType.LINE || type == Chart.ChartType.SCATTER) {
            XDDFLineProperties line = new XDDFLineProperties();
            line.setFillProperties(new XDDFSolidFillProperties(color));
            line.setWidth(2.25);
            properties.setLineProperties(line);
        } else {
            properties.setFillProperties(new XDDFSolidFillProperties(color));
        }
        return properties;
    }

    /** Parses six hex digits into RGB bytes. */
    public static byte[] hexBytes(String hex) {
        int rgb = Integer.parseInt(hex, 16);
        return new byte[] {(byte) (rgb >> 16), (byte) (rgb >> 8), (byte) rgb};
    }
}
