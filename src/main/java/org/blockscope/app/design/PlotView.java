package org.blockscope.app.design;

import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.blockscope.design.Plot;

/** A {@link Plot} drawn on a canvas: points (the highlighted one red) or an EDF staircase. */
final class PlotView extends Region {

    private static final double LEFT = 72; // room for "100.0 K" beside the rotated axis label
    private static final double RIGHT = 30; // room for half of the last tick label
    private static final double TOP = 24;
    private static final double BOTTOM = 36;

    private final Canvas canvas = new Canvas();
    private Plot plot;

    PlotView() {
        getChildren().add(canvas);
        setMinSize(240, 180);
        setPrefSize(380, 260);
        getStyleClass().add("design-plot");
    }

    void show(Plot p) {
        plot = p;
        draw();
    }

    Plot plot() {
        return plot;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (plot == null || w < 100 || h < 100) {
            return;
        }
        double pw = w - LEFT - RIGHT;
        double ph = h - TOP - BOTTOM;
        g.setFill(Color.web("#222"));
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(plot.title(), w / 2, 15);
        g.fillText(plot.xLabel(), LEFT + pw / 2, h - 6);
        g.setStroke(Color.web("#999"));
        g.strokeRect(LEFT, TOP, pw, ph);
        for (double t : plot.x().ticks()) {
            double x = LEFT + plot.x().frac(t) * pw;
            g.strokeLine(x, TOP + ph, x, TOP + ph + 4);
            g.fillText(plot.x().label(t), x, TOP + ph + 16);
        }
        g.setTextAlign(TextAlignment.RIGHT);
        for (double t : plot.y().ticks()) {
            double y = TOP + ph - plot.y().frac(t) * ph;
            g.strokeLine(LEFT - 4, y, LEFT, y);
            g.fillText(plot.y().label(t), LEFT - 6, y + 4);
        }
        g.save();
        g.translate(12, TOP + ph / 2);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(plot.yLabel(), 0, 0);
        g.restore();
        List<double[]> pts = plot.points();
        if (plot.staircase()) {
            g.setStroke(Color.web("#1f77b4"));
            g.setLineWidth(2);
            double px = LEFT + (pts.isEmpty() ? 0 : plot.x().frac(pts.get(0)[0]) * pw);
            double py = TOP + ph;
            for (double[] p : pts) {
                double nx = LEFT + plot.x().frac(p[0]) * pw;
                double ny = TOP + ph - plot.y().frac(p[1]) * ph;
                g.strokeLine(px, py, nx, py);
                g.strokeLine(nx, py, nx, ny);
                px = nx;
                py = ny;
            }
            g.setLineWidth(1);
            return;
        }
        for (int i = 0; i < pts.size(); i++) {
            double x = LEFT + plot.x().frac(pts.get(i)[0]) * pw;
            double y = TOP + ph - plot.y().frac(pts.get(i)[1]) * ph;
            double r = i == plot.highlight() ? 6 : 4;
            g.setFill(i == plot.highlight() ? Color.web("#d62728") : Color.web("#1f77b4", 0.8));
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
        }
    }
}
