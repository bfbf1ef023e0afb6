package org.blockscope.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Where everything of a chart goes in a {@code width × height} area, before drawing: the plot
 * rectangle, tick labels at "nice" values (1, 2 or 5 × 10^k) thinned until no two overlap, and the
 * legend below the plot in as many rows as it needs (never clipped). Text sizes come from
 * {@code font} and {@code measure} (the width of a string at that font).
 */
public record ChartLayout(
        double width,
        double height,
        double font,
        Rect plot,
        Rect title,
        double xLo,
        double xHi,
        double yLo,
        double yHi,
        List<Tick> xTicks,
        List<Tick> yTicks,
        List<LegendEntry> legend) {

    public record Rect(double x, double y, double w, double h) {
        public boolean intersects(Rect o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        public boolean inside(double width, double height) {
            return x >= -0.5 && y >= -0.5 && x + w <= width + 0.5 && y + h <= height + 0.5;
        }
    }

    /** A tick at {@code value}, drawn at {@code pos} (pixels) with {@code label} in {@code box}. */
    public record Tick(double value, double pos, String label, Rect box) {}

    /** A legend entry: the sample line at the box's left, then {@code text}. */
    public record LegendEntry(ChartData.Series series, String text, Rect box) {}

    static final double SWATCH = 22;

    public static ChartLayout of(ChartData.Chart c, double w, double h, double font, ToDoubleFunction<String> measure) {
        double lineH = font * 1.3;
        double pad = font * 0.6;
        Rect title = new Rect(pad, pad, measure.applyAsDouble(c.title()), lineH);
        // data range
        double xMax = 1;
        double yLo = Double.POSITIVE_INFINITY;
        double yHi = Double.NEGATIVE_INFINITY;
        for (ChartData.Series s : c.series()) {
            for (int i = 0; i < s.size(); i++) {
                xMax = Math.max(xMax, s.x()[i]);
                double v = s.y()[i];
                if (Double.isFinite(v) && (!c.log() || v > 0)) {
                    yLo = Math.min(yLo, v);
                    yHi = Math.max(yHi, v);
                }
            }
        }
        if (!Double.isFinite(yLo)) {
            yLo = c.log() ? 0.1 : 0;
            yHi = c.log() ? 10 : 1;
        }
        if (!c.log()) {
            if (!Double.isNaN(c.yMin())) {
                yLo = Math.min(yLo, c.yMin());
            }
            if (!Double.isNaN(c.yMax())) {
                yHi = Math.max(yHi, c.yMax());
            }
        }
        if (yHi - yLo < 1e-12 * Math.max(1, Math.abs(yHi))) {
            yHi = c.log() ? yLo * 10 : yLo + 1;
        }
        if (c.log()) { // whole decades
            yLo = Math.pow(10, Math.floor(Math.log10(yLo)));
            yHi = Math.pow(10, Math.ceil(Math.log10(yHi)));
            if (yHi <= yLo) {
                yHi = yLo * 10;
            }
        }
        boolean epochs = c.xLabel().equals("epoch");
        double xLo = epochs ? 1 : 0;
        double xHi = Math.max(xMax, xLo + 1);
        // legend: entries flow left to right and wrap, below the x axis label
        List<ChartData.Series> shown = c.series().stream()
                .filter(s -> s.style() != ChartData.Style.FAINT)
                .toList();
        List<LegendEntry> legend = new ArrayList<>();
        double lx = pad;
        int rows = shown.isEmpty() ? 0 : 1;
        List<double[]> at = new ArrayList<>();
        for (ChartData.Series s : shown) {
            double ew = SWATCH + pad / 2 + measure.applyAsDouble(s.name());
            if (lx > pad && lx + ew > w - pad) {
                rows++;
                lx = pad;
            }
            at.add(new double[] {lx, rows - 1, ew});
            lx += ew + 1.5 * pad;
        }
        double legendTop = h - pad - rows * lineH;
        for (int i = 0; i < shown.size(); i++) {
            double[] a = at.get(i);
            legend.add(new LegendEntry(
                    shown.get(i), shown.get(i).name(), new Rect(a[0], legendTop + a[1] * lineH, a[2], lineH)));
        }
        // y tick labels decide the left margin
        double top = title.y() + lineH + pad / 2;
        double xAxisLabel = lineH;
        // below the plot: the x tick labels (clear of the lowest y label, centred on the axis), then the axis name
        double bottom = legendTop - pad / 2 - xAxisLabel - 1.5 * lineH - pad / 2;
        List<Double> yValues =
                c.log() ? decades(yLo, yHi) : nice(yLo, yHi, Math.max(2, (int) ((bottom - top) / (2.2 * lineH))));
        double yStep = yValues.size() > 1 ? yValues.get(1) - yValues.get(0) : 1;
        double labelW = 0;
        for (double v : yValues) {
            labelW = Math.max(labelW, measure.applyAsDouble(label(v, yStep, c.log())));
        }
        double left = pad + labelW + pad;
        double right = w - pad - font;
        Rect plot = new Rect(left, top, Math.max(10, right - left), Math.max(10, bottom - top));
        List<Tick> yTicks = new ArrayList<>();
        for (double v : yValues) {
            double py = yPos(v, yLo, yHi, plot, c.log());
            String l = label(v, yStep, c.log());
            double tw = measure.applyAsDouble(l);
            yTicks.add(new Tick(v, py, l, new Rect(left - pad / 2 - tw, py - lineH / 2, tw, lineH)));
        }
        yTicks = thin(yTicks);
        // x ticks: as many as fit without touching
        List<Tick> xTicks = List.of();
        for (int want = 8; want >= 2; want--) {
            List<Double> xv = nice(xLo, xHi, want);
            double xs = xv.size() > 1 ? xv.get(1) - xv.get(0) : 1;
            if (epochs && xs < 1) {
                continue;
            }
            List<Tick> ticks = new ArrayList<>();
            for (double v : xv) {
                double px = plot.x() + (v - xLo) / (xHi - xLo) * plot.w();
                String l = label(v, xs, false);
                double tw = measure.applyAsDouble(l);
                double bx = Math.max(0, Math.min(w - tw, px - tw / 2));
                ticks.add(new Tick(v, px, l, new Rect(bx, plot.y() + plot.h() + lineH / 2 + 1, tw, lineH)));
            }
            if (!overlapping(ticks, pad)) {
                xTicks = ticks;
                break;
            }
        }
        return new ChartLayout(w, h, font, plot, title, xLo, xHi, yLo, yHi, xTicks, yTicks, legend);
    }

    static double yPos(double v, double lo, double hi, Rect plot, boolean log) {
        double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return plot.y() + plot.h() - t * plot.h();
    }

    /** Top of the x axis' name, below the tick labels. */
    double xLabelY() {
        return plot.y() + plot.h() + 1.5 * font * 1.3 + 2;
    }

    double x(double v) {
        return plot.x() + (v - xLo) / (xHi - xLo) * plot.w();
    }

    double y(double v, boolean log) {
        return yPos(v, yLo, yHi, plot, log);
    }

    /** Multiples of a nice step (1, 2 or 5 × 10^k) from lo to hi, about {@code count} of them. */
    static List<Double> nice(double lo, double hi, int count) {
        double step = ChartCanvas.niceStep(hi - lo, count);
        List<Double> out = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) {
            out.add(k * step);
        }
        return out;
    }

    private static List<Double> decades(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        for (double v = lo; v <= hi * 1.0001; v *= 10) {
            out.add(v);
        }
        return out;
    }

    /** The label of a tick with the decimals its step needs, so that neighbours always differ. */
    static String label(double v, double step, boolean log) {
        if (!log && Math.abs(v) < step / 1e6) {
            return "0";
        }
        if (log || step < 1e-4) {
            return String.format(Locale.ROOT, "%.1e", v)
                    .replace(".0e", "e")
                    .replace("e-0", "e-")
                    .replace("e+0", "e")
                    .replace("e+", "e");
        }
        if (Math.abs(v) >= 1e5) {
            return String.format(Locale.ROOT, "%.0fk", v / 1000);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step / 1e6 ? 0.0 : v);
    }

    private static boolean overlapping(List<Tick> ticks, double gap) {
        for (int i = 0; i + 1 < ticks.size(); i++) {
            Rect a = ticks.get(i).box();
            Rect b = ticks.get(i + 1).box();
            if (a.x() + a.w() + gap > b.x()) {
                return true;
            }
        }
        return false;
    }

    /** Y labels drop every second one until none touch. */
    private static List<Tick> thin(List<Tick> ticks) {
        List<Tick> t = ticks;
        while (t.size() > 2 && touching(t)) {
            List<Tick> half = new ArrayList<>();
            for (int i = 0; i < t.size(); i += 2) {
                half.add(t.get(i));
            }
            t = half;
        }
        return t;
    }

    private static boolean touching(List<Tick> t) {
        for (int i = 0; i < t.size(); i++) {
            for (int j = i + 1; j < t.size(); j++) {
                if (t.get(i).box().intersects(t.get(j).box())) {
                    return true;
                }
            }
        }
        return false;
    }
}
