package org.blockscope.app.explain;

import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.blockscope.engine.explain.FlowSnapshot;
import org.blockscope.engine.inspect.FeatureMapImages;

/** The four gradient-flow charts of one run, drawn on canvases. */
final class FlowCharts {

    /** Room for a layer name of {@link #NAME} characters ("stage2_0/shortcut_conv") at 11 px. */
    static final double LEFT = 150;

    static final int NAME = 22;
    static final Font SMALL = Font.font(11); // the app's smallest readable text on a projector
    static final Color INK = Color.web("#333");

    private FlowCharts() {}

    static Color colour(double t) {
        int c = FeatureMapImages.colour((float) t);
        return Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF);
    }

    private static GraphicsContext start(Canvas c, String title) {
        GraphicsContext g = c.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, c.getWidth(), c.getHeight());
        g.setFill(INK);
        g.setFont(Font.font(12));
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(title, 4, 2);
        g.setFont(SMALL);
        return g;
    }

    /** Layers (rows, input side on top) × samples (columns), coloured on the log scale {@code r}. */
    static void heatStrip(Canvas c, FlowSnapshot s, GradientFlowViewModel.Metric m, FlowSeries.Range r) {
        GraphicsContext g = start(c, m + " per layer × iteration (log colour scale)");
        float[][] x = FlowSeries.matrix(s, m);
        if (x.length == 0 || x[0].length == 0) {
            g.fillText("Samples appear while the run trains.", LEFT, 30);
            return;
        }
        double top = 18;
        double bottom = c.getHeight() - 30;
        double rowH = (bottom - top) / x.length;
        double colW = (c.getWidth() - LEFT - 8) / x[0].length;
        List<String> names = FlowSeries.layerNames(s);
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < x.length; i++) {
            if (rowH >= 11 || i % 2 == 0) { // every other name when rows are lower than the text
                g.setFill(INK);
                g.fillText(shorten(names.get(i), NAME), 4, top + (i + 0.5) * rowH);
            }
            for (int j = 0; j < x[i].length; j++) {
                double p = r.position(x[i][j]);
                g.setFill(Double.isNaN(p) ? Color.LIGHTGREY : colour(p));
                g.fillRect(LEFT + j * colW, top + i * rowH, Math.ceil(colW), Math.ceil(rowH));
            }
        }
        List<FlowSnapshot.Sample> samples = s.samples();
        g.setFill(INK);
        g.setTextBaseline(VPos.TOP);
        g.fillText("iteration " + samples.get(0).iteration(), LEFT, bottom + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Long.toString(samples.get(samples.size() - 1).iteration()), c.getWidth() - 8, bottom + 2);
        legend(g, r, LEFT + 70, bottom + 16, 120);
    }

    /** A colour bar for the log range r: 10^lo … 10^hi. */
    static void legend(GraphicsContext g, FlowSeries.Range r, double x, double y, double w) {
        if (r.isEmpty()) {
            return;
        }
        for (int i = 0; i < w; i++) {
            g.setFill(colour(i / (w - 1)));
            g.fillRect(x + i, y, 1, 8);
        }
        g.setFill(INK);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(power(r.lo()), x - 4, y + 4);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(power(r.hi()), x + w + 4, y + 4);
    }

    static String power(double log) {
        return String.format(Locale.ROOT, "%.2g", Math.pow(10, log));
    }

    /** One line per layer over the iterations, log y; colour from the input side (dark) to the output (yellow). */
    static void lines(Canvas c, FlowSnapshot s, GradientFlowViewModel.Metric m, FlowSeries.Range r) {
        GraphicsContext g = start(c, m + " per layer (log scale)");
        float[][] x = FlowSeries.matrix(s, m);
        if (x.length == 0 || x[0].length < 2 || r.isEmpty()) {
            g.fillText("Samples appear while the run trains.", 44, 30);
            return;
        }
        double left = 44;
        double top = 18;
        double bottom = c.getHeight() - 30;
        double right = c.getWidth() - 8;
        g.setStroke(Color.web("#ccc"));
        g.setLineWidth(1);
        g.strokeRect(left, top, right - left, bottom - top);
        g.setFill(INK);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(power(r.hi()), left - 3, top);
        g.fillText(power(r.lo()), left - 3, bottom);
        List<FlowSnapshot.Sample> samples = s.samples();
        long first = samples.get(0).iteration();
        long last = samples.get(samples.size() - 1).iteration();
        double span = Math.max(1, last - first);
        g.setLineWidth(1.4);
        for (int i = 0; i < x.length; i++) {
            g.setStroke(colour(x.length == 1 ? 0 : 0.9 * i / (x.length - 1)));
            g.beginPath();
            boolean pen = false;
            for (int j = 0; j < x[i].length; j++) {
                double p = r.position(x[i][j]);
                if (Double.isNaN(p)) {
                    pen = false;
                    continue;
                }
                double px = left + (samples.get(j).iteration() - first) / span * (right - left);
                double py = bottom - p * (bottom - top);
                if (pen) {
                    g.lineTo(px, py);
                } else {
                    g.moveTo(px, py);
                    pen = true;
                }
            }
            g.stroke();
        }
        g.setFill(INK);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("iteration " + first, left, bottom + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(Long.toString(last), right, bottom + 2);
        g.setTextAlign(TextAlignment.LEFT);
        double ly = bottom + 16;
        g.setFill(colour(0));
        g.fillRect(left, ly, 14, 4);
        g.setFill(INK);
        g.fillText("first layer", left + 18, ly - 4);
        g.setFill(colour(0.9));
        g.fillRect(left + 90, ly, 14, 4);
        g.setFill(INK);
        g.fillText("last layer", left + 108, ly - 4);
    }

    /** Per ReLU node, the share of dead channels in the latest sample (and the share of zero outputs, lighter). */
    static void deadBars(Canvas c, FlowSnapshot s) {
        GraphicsContext g = start(c, "Dead ReLU channels (zero for the whole batch), latest sample");
        if (s.dead().isEmpty() || s.reluPaths().isEmpty()) {
            g.fillText(
                    s.reluPaths().isEmpty() ? "This network has no ReLU." : "Samples appear while the run trains.",
                    4,
                    30);
            return;
        }
        FlowSnapshot.Dead d = s.dead().get(s.dead().size() - 1);
        double top = 18;
        double bottom = c.getHeight() - 16;
        double rowH = Math.min(14, (bottom - top) / s.reluPaths().size());
        double w = c.getWidth() - LEFT - 50;
        g.setTextBaseline(VPos.CENTER);
        for (int i = 0; i < s.reluPaths().size(); i++) {
            double y = top + i * rowH;
            g.setFill(INK);
            g.setTextAlign(TextAlignment.LEFT);
            if (rowH >= 11 || i % 2 == 0) { // every other name when rows are lower than the text
                g.fillText(shorten(s.reluPaths().get(i), NAME), 4, y + rowH / 2);
            }
            g.setFill(Color.web("#f2d0c4"));
            g.fillRect(LEFT, y + 1, w * nan0(d.zeros()[i]), rowH - 2);
            g.setFill(Color.web("#D55E00"));
            g.fillRect(LEFT, y + 1, w * nan0(d.deadChannels()[i]), rowH - 2);
            g.setFill(INK);
            g.fillText(
                    String.format(Locale.ROOT, "%.0f%%", 100 * nan0(d.deadChannels()[i])), LEFT + w + 4, y + rowH / 2);
        }
        g.setTextBaseline(VPos.TOP);
        g.fillText("iteration " + d.iteration() + "; light: share of zero outputs", LEFT, bottom + 1);
    }

    private static double nan0(float v) {
        return Float.isNaN(v) ? 0 : v;
    }

    /** The weights of one layer, one curve per epoch recorded (0 = before training), each scaled to its peak. */
    static void histograms(Canvas c, FlowSnapshot s, String layer) {
        int index = Math.max(0, FlowSeries.layerNames(s).indexOf(layer));
        String name = s.layers().isEmpty() ? "" : s.layers().get(index).path();
        GraphicsContext g = start(c, "Weights of " + shorten(name, 28) + " per epoch");
        if (s.histograms().isEmpty() || s.layers().isEmpty()) {
            g.fillText("Histograms appear when the run starts.", 4, 30);
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<FlowSnapshot.Histogram> epoch : s.histograms()) {
            min = Math.min(min, epoch.get(index).min());
            max = Math.max(max, epoch.get(index).max());
        }
        double left = 10;
        double right = c.getWidth() - 70;
        double top = 18;
        double bottom = c.getHeight() - 18;
        double span = max > min ? max - min : 1;
        int epochs = s.histograms().size();
        for (int e = 0; e < epochs; e++) {
            FlowSnapshot.Histogram h = s.histograms().get(e).get(index);
            int peak = java.util.Arrays.stream(h.counts()).max().orElse(1);
            Color col = colour(epochs == 1 ? 0 : 0.9 * e / (epochs - 1));
            g.setStroke(col);
            g.setLineWidth(1.5);
            g.beginPath();
            for (int b = 0; b < h.counts().length; b++) {
                double v = h.min() + (b + 0.5) * h.binWidth();
                double px = left + (v - min) / span * (right - left);
                double py = bottom - h.counts()[b] / (double) Math.max(1, peak) * (bottom - top);
                if (b == 0) {
                    g.moveTo(px, py);
                } else {
                    g.lineTo(px, py);
                }
            }
            g.stroke();
            g.setFill(col);
            g.fillRect(right + 8, top + e * 12 + 3, 12, 4);
            g.setFill(INK);
            g.setTextBaseline(VPos.CENTER);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(e == 0 ? "start" : "epoch " + e, right + 24, top + e * 12 + 5);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "%.3g", min), left, bottom + 2);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "%.3g", max), right, bottom + 2);
    }

    static String shorten(String s, int n) {
        return s.length() <= n ? s : "…" + s.substring(s.length() - n + 1);
    }
}
