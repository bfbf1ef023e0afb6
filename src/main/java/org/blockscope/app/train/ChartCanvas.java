package org.blockscope.app.train;

import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A line chart drawn on a canvas: cheap to redraw ten times a second with thousands of points
 * (at most one segment per pixel column per series), several runs overlaid in their colours.
 */
public final class ChartCanvas extends Region {

    private final Canvas canvas = new Canvas();
    private ChartData.Chart chart;

    public ChartCanvas() {
        getStyleClass().add("chart-canvas");
        getChildren().add(canvas);
        setMinSize(200, 140);
        setPrefSize(420, 240);
    }

    public void show(ChartData.Chart c) {
        this.chart = c;
        draw();
    }

    public ChartData.Chart chart() {
        return chart;
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
        if (chart == null || w < 50 || h < 50) {
            return;
        }
        g.setFont(Font.font(12));
        g.setFill(Color.web("#222"));
        g.fillText(chart.title(), 8, 15);
        double left = 52;
        double right = w - 10;
        double top = 24;
        double bottom = h - 30;
        double xMax = 1;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (ChartData.Series s : chart.series()) {
            for (int i = 0; i < s.size(); i++) {
                xMax = Math.max(xMax, s.x()[i]);
                if (Double.isFinite(s.y()[i])) {
                    yLo = Math.min(yLo, s.y()[i]);
                    yHi = Math.max(yHi, s.y()[i]);
                }
            }
        }
        if (!Double.isFinite(yLo)) {
            yLo = 0;
            yHi = 1;
        }
        if (!Double.isNaN(chart.yMin())) {
            yLo = Math.min(yLo, chart.yMin());
        }
        if (!Double.isNaN(chart.yMax())) {
            yHi = Math.max(yHi, chart.yMax());
        }
        if (yHi - yLo < 1e-12) {
            yHi = yLo + 1;
        }
        double xLo = chart.xLabel().equals("epoch") ? 1 : 0;
        double xHi = Math.max(xMax, xLo + 1);
        // axes and ticks
        g.setStroke(Color.web("#ccc"));
        g.setLineWidth(1);
        g.setLineDashes();
        double step = niceStep(yHi - yLo, 5);
        g.setFill(Color.web("#555"));
        for (double y = Math.ceil(yLo / step) * step; y <= yHi + 1e-9; y += step) {
            double py = bottom - (y - yLo) / (yHi - yLo) * (bottom - top);
            g.strokeLine(left, py, right, py);
            g.fillText(format(y), 4, py + 4);
        }
        double xs = niceStep(xHi - xLo, 6);
        if (chart.xLabel().equals("epoch")) {
            xs = Math.max(1, xs);
        }
        for (double x = Math.ceil(xLo / xs) * xs; x <= xHi + 1e-9; x += xs) {
            double px = left + (x - xLo) / (xHi - xLo) * (right - left);
            g.strokeLine(px, bottom, px, bottom + 4);
            g.fillText(format(x), px - 8, bottom + 16);
        }
        g.fillText(chart.xLabel(), right - 60, h - 2);
        g.setStroke(Color.web("#888"));
        g.strokeLine(left, top, left, bottom);
        g.strokeLine(left, bottom, right, bottom);
        // series
        for (ChartData.Series s : chart.series()) {
            Color c = Color.web(ChartData.PALETTE[s.colour()]);
            g.setStroke(s.style() == ChartData.Style.FAINT ? c.deriveColor(0, 0.6, 1.2, 0.35) : c);
            g.setLineWidth(s.style() == ChartData.Style.FAINT ? 1 : 2.2);
            if (s.style() == ChartData.Style.DASHED) {
                g.setLineDashes(7, 5);
            } else {
                g.setLineDashes();
            }
            double lastPx = Double.NaN;
            boolean open = false;
            g.beginPath();
            for (int i = 0; i < s.size(); i++) {
                double v = s.y()[i];
                if (!Double.isFinite(v)) {
                    open = false;
                    continue;
                }
                double px = left + (s.x()[i] - xLo) / (xHi - xLo) * (right - left);
                double py = bottom - (v - yLo) / (yHi - yLo) * (bottom - top);
                if (open && Math.abs(px - lastPx) < 0.5 && i + 1 < s.size()) {
                    continue; // one segment per pixel column is enough
                }
                if (open) {
                    g.lineTo(px, py);
                } else {
                    g.moveTo(px, py);
                    open = true;
                }
                lastPx = px;
                if (s.size() <= 30 && s.style() != ChartData.Style.FAINT) {
                    g.fillOval(px - 2.5, py - 2.5, 5, 5);
                    g.moveTo(px, py);
                }
            }
            g.stroke();
        }
        g.setLineDashes();
        // legend in the title row: one entry per solid or dashed series
        double lx = Math.max(left + 7.5 * chart.title().length(), 200);
        double ly = 3;
        for (ChartData.Series s : chart.series()) {
            if (s.style() == ChartData.Style.FAINT) {
                continue;
            }
            Color c = Color.web(ChartData.PALETTE[s.colour()]);
            g.setStroke(c);
            g.setLineWidth(2.2);
            if (s.style() == ChartData.Style.DASHED) {
                g.setLineDashes(5, 3);
            } else {
                g.setLineDashes();
            }
            g.strokeLine(lx, ly + 6, lx + 20, ly + 6);
            g.setFill(Color.web("#222"));
            g.fillText(s.name(), lx + 24, ly + 10);
            lx += 34 + 7 * s.name().length();
        }
        g.setLineDashes();
    }

    /** 1, 2 or 5 × 10^k, giving about {@code count} ticks over {@code span}. */
    static double niceStep(double span, int count) {
        double raw = span / count;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }

    private static String format(double v) {
        if (v != 0 && (Math.abs(v) < 0.01 || Math.abs(v) >= 100000)) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return Math.abs(v - Math.rint(v)) < 1e-9
                ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
