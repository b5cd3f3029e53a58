package io.docswarm.renderers.model;

import java.io.Serializable;
import java.util.List;

/**
 * A chart with real data. Every series has one value per category.
 *
 * @param type       the chart kind
 * @param title      the chart title
 * @param categories category labels (x axis, pie slices)
 * @param series     the data series
 * @param valueTitle the value axis title, may be empty
 */
public record Chart(ChartType type, String title, List<String> categories, List<Series> series, String valueTitle)
        implements Block {

    public Chart {
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
        for (Series s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("chart '" + title + "' series '" + s.name() + "' has "
                        + s.values().size() + " values for " + categories.size() + " categories");
            }
        }
        if (type == ChartType.PIE && series.size() != 1) {
            throw new IllegalArgumentException("pie chart '" + title + "' takes exactly one series");
        }
    }

    /** @param name legend text; @param values one per category */
    public record Series(String name, List<Double> values) implements Serializable {
        public Series {
            values = List.copyOf(values);
        }
    }

    /** Chart kinds every renderer supports. */
    public enum ChartType {
        BAR, COLUMN, LINE, PIE, SCATTER, STACKED_COLUMN
    }
}
