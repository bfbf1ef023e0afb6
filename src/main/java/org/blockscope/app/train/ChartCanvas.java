package org.blockscope.app.train;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A line chart drawn on a canvas: cheap to redraw ten times a second with thousands of points
 * (at most one segment per pixel column per series), several runs overlaid in their colours. The
 * layout ({@link ChartLayout}) keeps tick labels apart and the legend whole; hovering shows the
 * values at the pointer. {@link #setFontSize} scales every text (presenter mode).
 */
public final class ChartCanvas extends Region {

    private final Canvas canvas = new Canvas();
    private final Text measurer = new Text();
    private ChartData.Chart chart;
    private ChartLayout layout;
    private double fontSize = 12;
    private double hoverX = Double.NaN;
    private String hoverShown;

    public ChartCanvas() {
        getStyleClass().add("chart-canvas");
        getChildren().add(canvas);
        setMinSize(160, 150);
        setPrefSize(420, 260);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            hoverX = e.getX();
            draw();
        });
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            hoverX = Double.NaN;
            draw();
        });
    }

    public void show(ChartData.Chart c) {
        this.chart = c;
        draw();
    }

    public ChartData.Chart chart() {
        return chart;
    }

    /** Where the last drawing put everything (for tests: tick labels and legend). */
    public ChartLayout chartLayout() {
        return layout;
    }

    public void setFontSize(double px) {
        fontSize = px;
        draw();
    }

    public double fontSize() {
        return fontSize;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private double measure(String s) {
        measurer.setFont(Font.font(fontSize));
        measurer.setText(s);
        return measurer.getLayoutBounds().getWidth();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        if (chart == null || w < 50 || h < 50) {
            layout = null;
            hoverShown = null;
            return;
        }
        ChartLayout l = ChartLayout.of(chart, w, h, fontSize, this::measure);
        layout = l;
        Font font = Font.font(fontSize);
        g.setFont(Font.font(null, javafx.scene.text.FontWeight.BOLD, fontSize));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.web("#222"));
        g.fillText(chart.title(), l.title().x(), l.title().y());
        g.setFont(font);
        // grid and ticks
        ChartLayout.Rect p = l.plot();
        g.setLineDashes();
        g.setLineWidth(1);
        g.setFill(Color.web("#444"));
        for (ChartLayout.Tick t : l.yTicks()) {
            g.setStroke(Color.web("#e2e8f0"));
            g.strokeLine(p.x(), t.pos(), p.x() + p.w(), t.pos());
            g.fillText(t.label(), t.box().x(), t.box().y());
        }
        for (ChartLayout.Tick t : l.xTicks()) {
            g.setStroke(Color.web("#94a3b8"));
            g.strokeLine(t.pos(), p.y() + p.h(), t.pos(), p.y() + p.h() + 4);
            g.fillText(t.label(), t.box().x(), t.box().y());
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(chart.xLabel() + (chart.log() ? "   (loss on a log scale)" : ""), p.x() + p.w(), l.xLabelY());
        g.setTextAlign(TextAlignment.LEFT);
        g.setStroke(Color.web("#888"));
        g.strokeLine(p.x(), p.y(), p.x(), p.y() + p.h());
        g.strokeLine(p.x(), p.y() + p.h(), p.x() + p.w(), p.y() + p.h());
        for (ChartData.Series s : chart.series()) {
            series(g, l, s);
        }
        g.setLineDashes();
        for (ChartLayout.LegendEntry e : l.legend()) {
            Color c = Color.web(ChartData.PALETTE[e.series().colour()]);
            g.setStroke(c);
            g.setLineWidth(2.2);
            g.setLineDashes(e.series().style() == ChartData.Style.DASHED ? new double[] {5, 3} : null);
            double mid = e.box().y() + e.box().h() / 2;
            g.strokeLine(e.box().x(), mid, e.box().x() + ChartLayout.SWATCH - 4, mid);
            g.setFill(Color.web("#222"));
            g.fillText(
                    e.text(),
                    e.box().x() + ChartLayout.SWATCH + fontSize * 0.3,
                    e.box().y());
        }
        g.setLineDashes();
        hover(g, l);
    }

    private void series(GraphicsContext g, ChartLayout l, ChartData.Series s) {
        Color c = Color.web(ChartData.PALETTE[s.colour()]);
        g.setStroke(s.style() == ChartData.Style.FAINT ? c.deriveColor(0, 0.6, 1.2, 0.35) : c);
        g.setFill(c);
        g.setLineWidth(s.style() == ChartData.Style.FAINT ? 1 : 2.2);
        g.setLineDashes(s.style() == ChartData.Style.DASHED ? new double[] {7, 5} : null);
        double lastPx = Double.NaN;
        boolean open = false;
        g.beginPath();
        for (int i = 0; i < s.size(); i++) {
            double v = s.y()[i];
            if (!Double.isFinite(v) || (chart.log() && v <= 0)) {
                open = false;
                continue;
            }
            double px = l.x(s.x()[i]);
            double py = l.y(v, chart.log());
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

    /** The values of every shown series at the x under the pointer, in a box beside it. */
    private void hover(GraphicsContext g, ChartLayout l) {
        ChartLayout.Rect p = l.plot();
        String text = hoverText(l);
        hoverShown = text;
        if (text == null) {
            return;
        }
        String[] lines = text.split("\n");
        double tw = 0;
        for (String line : lines) {
            tw = Math.max(tw, measure(line));
        }
        double th = lines.length * fontSize * 1.3;
        double bx = hoverX + 10 + tw + 8 > p.x() + p.w() ? hoverX - 14 - tw : hoverX + 10;
        g.setStroke(Color.web("#64748b"));
        g.setLineWidth(1);
        g.strokeLine(hoverX, p.y(), hoverX, p.y() + p.h());
        g.setFill(Color.web("#ffffffee"));
        g.fillRect(bx, p.y() + 4, tw + 8, th + 6);
        g.strokeRect(bx, p.y() + 4, tw + 8, th + 6);
        g.setFill(Color.web("#222"));
        for (int i = 0; i < lines.length; i++) {
            g.fillText(lines[i], bx + 4, p.y() + 7 + i * fontSize * 1.3);
        }
    }

    /** The text of the box under the pointer: the x, then each shown series' nearest value; null off the plot. */
    private String hoverText(ChartLayout l) {
        ChartLayout.Rect p = l.plot();
        if (Double.isNaN(hoverX) || hoverX < p.x() || hoverX > p.x() + p.w()) {
            return null;
        }
        double x = l.xLo() + (hoverX - p.x()) / p.w() * (l.xHi() - l.xLo());
        StringBuilder sb = new StringBuilder(chart.xLabel() + " " + Math.round(x));
        for (ChartData.Series s : chart.series()) {
            if (s.style() == ChartData.Style.FAINT || s.size() == 0) {
                continue;
            }
            int best = 0;
            for (int i = 1; i < s.size(); i++) {
                if (Math.abs(s.x()[i] - x) < Math.abs(s.x()[best] - x)) {
                    best = i;
                }
            }
            sb.append('\n').append(s.name()).append(": ").append(String.format(Locale.ROOT, "%.4g", s.y()[best]));
        }
        return sb.toString();
    }

    /** The text the last drawing showed under the pointer (null: none), for tests. */
    public String hoverText() {
        return hoverShown;
    }

    /** 1, 2 or 5 × 10^k, giving about {@code count} ticks over {@code span}. */
    static double niceStep(double span, int count) {
        double raw = span / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    }
}
