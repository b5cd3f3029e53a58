package io.docswarm.renderers.chart;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * A horizontal category axis whose labels stay whole. JFreeChart fits each label into its category's width and
 * cuts what does not fit with an ellipsis, so twelve months "2026-01" ... "2026-12" come out as "20…". This axis
 * measures the labels with the font they are drawn in, just before the ticks are laid out, and keeps them level
 * when they fit (wrapped onto at most two lines at spaces), turns them 45° when they do not, and 90° when even
 * slanted labels would overlap.
 */
final class FittingCategoryAxis extends CategoryAxis {

    private static final int MAX_LINES = 2;
    /** A slanted label's footprint along the axis is its line height over sin 45°. */
    private static final double SLANTED_FOOTPRINT = Math.sqrt(2);

    FittingCategoryAxis() {
        setMaximumCategoryLabelLines(MAX_LINES);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        if (RectangleEdge.isTopOrBottom(edge) && getPlot() instanceof CategoryPlot plot) {
            List<?> categories = plot.getCategoriesForAxis(this);
            if (!categories.isEmpty()) {
                double width = calculateCategorySize(categories.size(), dataArea, edge);
                CategoryLabelPositions fitting = positions(g2.getFontMetrics(getTickLabelFont()), categories, width);
                // The setter notifies the plot, so it is only called when the choice changes (it is stable after
                // the first drawing at a given size).
                if (getCategoryLabelPositions() != fitting) {
                    setCategoryLabelPositions(fitting);
                }
            }
        }
        return super.refreshTicks(g2, state, dataArea, edge);
    }

    static CategoryLabelPositions positions(FontMetrics metrics, List<?> categories, double categoryWidth) {
        boolean level = true;
        for (Object category : categories) {
            String label = String.valueOf(category);
            int longestWord = 0;
            for (String word : label.split("\\s+")) {
                longestWord = Math.max(longestWord, metrics.stringWidth(word));
            }
            if (longestWord > categoryWidth || metrics.stringWidth(label) > MAX_LINES * categoryWidth) {
                level = false;
                break;
            }
        }
        if (level) {
            return CategoryLabelPositions.STANDARD;
        }
        return metrics.getHeight() * SLANTED_FOOTPRINT <= categoryWidth ? CategoryLabelPositions.UP_45
                : CategoryLabelPositions.UP_90;
    }
}
