package org.blockscope.design;

import java.util.List;
import java.util.Locale;

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
        return svg(W, H, panel(0, Plot.paramsVsMacs(cs, title)));
    }

    /** Accuracy against MACs (left) and the error EDF (right), side by side. */
    public static String results(List<Trial> trials, String title) {
        return svg(
                2 * W,
                H,
                panel(0, Plot.accuracyVsMacs(trials, title + ": accuracy vs MACs")) + panel(W, Plot.errorEdf(trials)));
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
    private static String panel(int ox, Plot plot) {
        String title = plot.title();
        String xLabel = plot.xLabel();
        String yLabel = plot.yLabel();
        List<double[]> pts = plot.points();
        Plot.Axis x = plot.x();
        Plot.Axis y = plot.y();
        int highlight = plot.highlight();
        boolean steps = plot.staircase();
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
}
