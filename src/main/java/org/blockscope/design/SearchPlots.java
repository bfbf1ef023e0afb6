package org.blockscope.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.blockscope.analysis.Numbers;

/**
 * The plots of a design-space study as SVG: sampled networks as params against MACs; trained ones as
 * accuracy against MACs; and the error EDF, F(e) = the fraction of models with error below e, which
 * Radosavovic et al. (2019) use to compare design spaces. Pure Java, for the CLI and the docs.
 */
public final class SearchPlots {

    private SearchPlots() {}

    static final int W = 420;
    static final int H = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 30;
    private static final int BOTTOM = 44;

    /** Params (y, log) against MACs (x, log) of every candidate. */
    public static String scatter(List<Candidate> cs, String title) {
        List<double[]> pts =
                cs.stream().map(c -> new double[] {c.macs(), c.params()}).toList();
        return svg(W, H, panel(0, title, "MACs per image", "parameters", pts, true, true, -1, false));
    }

    /** Accuracy against MACs (left) and the error EDF (right), side by side. */
    public static String results(List<Trial> trials, String title) {
        List<Trial> ok = trials.stream().filter(Trial::ok).toList();
        List<double[]> acc = ok.stream()
                .map(t -> new double[] {t.candidate().macs(), t.accuracy()})
                .toList();
        int best = -1;
        for (int i = 0; i < ok.size(); i++) {
            if (best < 0 || ok.get(i).accuracy() > ok.get(best).accuracy()) {
                best = i;
            }
        }
        List<Double> errors =
                ok.stream().map(Trial::error).sorted(Comparator.naturalOrder()).toList();
        List<double[]> edf = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            edf.add(new double[] {errors.get(i), (i + 1.0) / errors.size()});
        }
        String left = panel(
                0,
                title + ": accuracy vs MACs",
                "MACs per image",
                "validation accuracy",
                acc,
                true,
                false,
                best,
                false);
        String right = panel(
                W,
                "error EDF (" + ok.size() + " models)",
                "validation error e",
                "fraction with error ≤ e",
                edf,
                false,
                false,
                -1,
                true);
        return svg(2 * W, H, left + right);
    }

    private static String svg(int w, int h, String body) {
        return String.format(
                        Locale.ROOT,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                                + " font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"%d\" height=\"%d\""
                                + " fill=\"white\"/>\n",
                        w,
                        h,
                        w,
                        h,
                        w,
                        h)
                + body + "</svg>\n";
    }

    /** One plot at x offset {@code ox}: axes, ticks, points (or an EDF staircase). */
    private static String panel(
            int ox,
            String title,
            String xLabel,
            String yLabel,
            List<double[]> pts,
            boolean logX,
            boolean logY,
            int highlight,
            boolean steps) {
        Axis x = Axis.of(pts.stream().mapToDouble(p -> p[0]).toArray(), logX, steps);
        Axis y = steps
                ? new Axis(0, 1, false)
                : Axis.of(pts.stream().mapToDouble(p -> p[1]).toArray(), logY, false);
        int pw = W - LEFT - RIGHT;
        int ph = H - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<g transform=\"translate(%d,0)\">%n", ox));
        sb.append(text(W / 2.0, 18, title, "middle", "bold"));
        sb.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                LEFT,
                TOP,
                pw,
                ph));
        for (double t : x.ticks()) {
            double px = LEFT + x.frac(t) * pw;
            sb.append(line(px, TOP + ph, px, TOP + ph + 4));
            sb.append(text(px, TOP + ph + 16, x.label(t), "middle", null));
        }
        for (double t : y.ticks()) {
            double py = TOP + ph - y.frac(t) * ph;
            sb.append(line(LEFT - 4, py, LEFT, py));
            sb.append(text(LEFT - 6, py + 4, y.label(t), "end", null));
        }
        sb.append(text(LEFT + pw / 2.0, H - 8, xLabel, "middle", null));
        sb.append(String.format(
                Locale.ROOT,
                "<text x=\"14\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 14 %.1f)\">%s</text>%n",
                TOP + ph / 2.0,
                TOP + ph / 2.0,
                esc(yLabel)));
        if (steps && !pts.isEmpty()) {
            StringBuilder d = new StringBuilder(
                    String.format(Locale.ROOT, "M%.1f %.1f", LEFT + x.frac(pts.get(0)[0]) * pw, (double) TOP + ph));
            for (double[] p : pts) {
                double px = LEFT + x.frac(p[0]) * pw;
                d.append(String.format(Locale.ROOT, " V%.1f H%.1f", TOP + ph - y.frac(p[1]) * ph, px));
            }
            d.append(String.format(Locale.ROOT, " H%.1f", (double) LEFT + pw));
            sb.append(String.format(
                    Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\"/>%n", d));
        } else {
            for (int i = 0; i < pts.size(); i++) {
                double[] p = pts.get(i);
                sb.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\" fill-opacity=\"0.8\"/>%n",
                        LEFT + x.frac(p[0]) * pw,
                        TOP + ph - y.frac(p[1]) * ph,
                        i == highlight ? 6 : 4,
                        i == highlight ? "#d62728" : "#1f77b4"));
            }
        }
        return sb.append("</g>\n").toString();
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\"/>%n",
                x1,
                y1,
                x2,
                y2);
    }

    private static String text(double x, double y, String s, String anchor, String weight) {
        return String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
                x,
                y,
                anchor,
                weight == null ? "" : " font-weight=\"" + weight + "\"",
                esc(s));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A linear or logarithmic axis over the data, padded a little, with a few round ticks. */
    record Axis(double lo, double hi, boolean log) {

        static Axis of(double[] v, boolean log, boolean fromZero) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double d : v) {
                lo = Math.min(lo, d);
                hi = Math.max(hi, d);
            }
            if (v.length == 0) {
                return new Axis(log ? 1 : 0, log ? 10 : 1, log);
            }
            if (log) {
                return new Axis(lo / 1.3, hi * 1.3, true);
            }
            double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.05, 0.01);
            return new Axis(fromZero ? Math.min(0, lo) : lo - pad, hi + pad, false);
        }

        double frac(double v) {
            return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
        }

        List<Double> ticks() {
            List<Double> t = new ArrayList<>();
            if (log) {
                for (double p = Math.pow(10, Math.floor(Math.log10(lo))); p <= hi; p *= 10) {
                    for (double m : new double[] {1, 2, 5}) {
                        if (p * m >= lo && p * m <= hi) {
                            t.add(p * m);
                        }
                    }
                }
                return t;
            }
            double step = Math.pow(10, Math.floor(Math.log10((hi - lo) / 4)));
            if ((hi - lo) / step > 10) {
                step *= 2;
            }
            for (double v = Math.ceil(lo / step) * step; v <= hi + 1e-12; v += step) {
                t.add(v);
            }
            return t;
        }

        String label(double v) {
            if (log || Math.abs(v) >= 1000) {
                return Numbers.compact(Math.round(v)).strip();
            }
            return String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
