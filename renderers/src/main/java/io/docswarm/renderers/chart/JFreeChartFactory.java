package io.docswarm.renderers.chart;

import io.docswarm.renderers.TextDirection;
import io.docswarm.renderers.model.Chart;
import io.docswarm.skills.Look;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PiePlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.general.DefaultPieDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Builds a JFreeChart from a {@link Chart} in the Skill's palette, for formats that draw charts as vector
 * graphics (PDF) rather than as native chart parts. In a right-to-left document the axes are mirrored
 * ({@link ChartDirection}).
 */
public final class JFreeChartFactory {

    private JFreeChartFactory() {
    }

    /** The chart as drawn in a document written in {@code direction}. */
    public static JFreeChart create(Chart chart, Look look, TextDirection direction) {
        boolean mirrored = ChartDirection.mirrored(chart, direction);
        JFreeChart result = switch (chart.type()) {
            case PIE -> pie(chart, look);
            case SCATTER -> scatter(chart, look);
            case LINE -> styledCategory(ChartFactory.createLineChart(chart.title(), null, chart.valueTitle(),
                    categories(chart, mirrored), PlotOrientation.VERTICAL, chart.series().size() > 1, false, false),
                    look, mirrored);
            case BAR, COLUMN -> styledCategory(ChartFactory.createBarChart(chart.title(), null, chart.valueTitle(),
                    categories(chart, mirrored), ChartDirection.categoriesDown(chart)
                            ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL,
                    chart.series().size() > 1, false, false), look, mirrored);
            case STACKED_COLUMN -> styledCategory(ChartFactory.createStackedBarChart(chart.title(), null,
                    chart.valueTitle(), categories(chart, mirrored), PlotOrientation.VERTICAL, true, false, false),
                    look, mirrored);
        };
        result.setBackgroundPaint(Color.WHITE);
        result.setAntiAlias(true);
        result.getTitle().setFont(new Font(look.headingFont(), Font.BOLD, 14));
        result.getTitle().setPaint(color(look.primaryColor()));
        return result;
    }

    /**
     * The chart's values by series and category. A category axis has no reverse in JFreeChart, so a mirrored chart
     * whose categories run across lists them last first: the first is then drawn at the right.
     */
    private static DefaultCategoryDataset categories(Chart chart, boolean mirrored) {
        boolean reversed = mirrored && !ChartDirection.categoriesDown(chart);
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (Chart.Series series : chart.series()) {
            for (int k = 0; k < chart.categories().size(); k++) {
                int i = reversed ? chart.categories().size() - 1 - k : k;
                dataset.addValue(series.values().get(i), series.name(), chart.categories().get(i));
            }
        }
        return dataset;
    }

    private static JFreeChart styledCategory(JFreeChart chart, Look look, boolean mirrored) {
        CategoryPlot plot = chart.getCategoryPlot();
        FittingCategoryAxis axis = new FittingCategoryAxis();
        axis.setLabel(plot.getDomainAxis().getLabel());
        plot.setDomainAxis(axis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setOutlineVisible(false);
        for (int s = 0; s < plot.getDataset().getRowCount(); s++) {
            plot.getRenderer().setSeriesPaint(s, color(look.seriesColor(s)));
            plot.getRenderer().setSeriesStroke(s, new BasicStroke(2.5f));
        }
        if (plot.getRenderer() instanceof BarRenderer bar) {
            bar.setBarPainter(new StandardBarPainter());
            bar.setShadowVisible(false);
        }
        if (mirrored) {
            mirror(plot);
        }
        return chart;
    }

    /**
     * Moves the axis that stands upright to the right, and leaves the one across where it was (below the columns,
     * above the bars). Horizontal bars also grow from the right: their value axis is reversed (columns and lines had
     * their categories reversed in the data).
     */
    private static void mirror(CategoryPlot plot) {
        plot.setDomainAxisLocation(rightInsteadOfLeft(plot.getDomainAxisLocation()));
        plot.setRangeAxisLocation(rightInsteadOfLeft(plot.getRangeAxisLocation()));
        if (plot.getOrientation() == PlotOrientation.HORIZONTAL) {
            plot.getRangeAxis().setInverted(true);
        }
    }

    /**
     * A location names the edge for either orientation of the plot ("top or left": top for an axis across, left for
     * one upright); this one keeps the first and swaps left for right.
     */
    private static AxisLocation rightInsteadOfLeft(AxisLocation location) {
        if (location == AxisLocation.TOP_OR_LEFT) {
            return AxisLocation.TOP_OR_RIGHT;
        }
        if (location == AxisLocation.BOTTOM_OR_LEFT) {
            return AxisLocation.BOTTOM_OR_RIGHT;
        }
        return location;
    }

    private static JFreeChart pie(Chart chart, Look look) {
        DefaultPieDataset<String> dataset = new DefaultPieDataset<>();
        Chart.Series series = chart.series().getFirst();
        for (int i = 0; i < chart.categories().size(); i++) {
            dataset.setValue(chart.categories().get(i), series.values().get(i));
        }
        JFreeChart result = ChartFactory.createPieChart(chart.title(), dataset, true, false, false);
        @SuppressWarnings("unchecked")
        PiePlot<String> plot = (PiePlot<String>) result.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setShadowPaint(null);
        for (int i = 0; i < chart.categories().size(); i++) {
            plot.setSectionPaint(chart.categories().get(i), color(look.seriesColor(i)));
        }
        return result;
    }

    /** Scatter plots use numeric categories as x values where they parse, positions otherwise. */
    private static JFreeChart scatter(Chart chart, Look look) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (Chart.Series series : chart.series()) {
            XYSeries xy = new XYSeries(series.name());
            for (int i = 0; i < chart.categories().size(); i++) {
                xy.add(parseOr(chart.categories().get(i), i + 1), series.values().get(i));
            }
            dataset.addSeries(xy);
        }
        JFreeChart result = ChartFactory.createScatterPlot(chart.title(), null, chart.valueTitle(), dataset,
                PlotOrientation.VERTICAL, chart.series().size() > 1, false, false);
        XYPlot plot = result.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        for (int s = 0; s < chart.series().size(); s++) {
            plot.getRenderer().setSeriesPaint(s, color(look.seriesColor(s)));
        }
        return result;
    }

    private static double parseOr(String text, double fallback) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Color color(String hex) {
        return new Color(Integer.parseInt(hex, 16));
    }
}
