package org.blockscope.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.blockscope.analysis.Numbers;

/**
 * One plot of a design-space study, as data: points (or an EDF staircase), axes, which point to
 * highlight. The CLI draws it as SVG ({@link SearchPlots}), the app on a canvas.
 */
public record Plot(
        String title,
        String xLabel,
        String yLabel,
        List<double[]> points,
        Axis x,
        Axis y,
        int highlight,
        boolean staircase) {

    /** Params (y, log) against MACs (x, log) of every candidate. */
    public static Plot paramsVsMacs(List<Candidate> cs, String title) {
        List<double[]> pts =
                cs.stream().map(c -> new double[] {c.macs(), c.params()}).toList();
        return new Plot(
                title, "MACs per image", "parameters", pts, Axis.of(pts, 0, true), Axis.of(pts, 1, true), -1, false);
    }

    /** Validation accuracy against MACs (log) of the trained candidates; the best is highlighted. */
    public static Plot accuracyVsMacs(List<Trial> trials, String title) {
        List<Trial> ok = trials.stream().filter(Trial::ok).toList();
        List<double[]> pts = ok.stream()
                .map(t -> new double[] {t.candidate().macs(), t.accuracy()})
                .toList();
        int best = -1;
        for (int i = 0; i < ok.size(); i++) {
            if (best < 0 || ok.get(i).accuracy() > ok.get(best).accuracy()) {
                best = i;
            }
        }
        return new Plot(
                title,
                "MACs per image",
                "validation accuracy",
                pts,
                Axis.of(pts, 0, true),
                Axis.of(pts, 1, false),
                best,
                false);
    }

    /**
     * The error EDF, F(e) = fraction of models with error ≤ e (Radosavovic et al. 2019, section 3): the
     * further left and the steeper, the better the design space.
     */
    public static Plot errorEdf(List<Trial> trials) {
        List<Double> errors = trials.stream()
                .filter(Trial::ok)
                .map(Trial::error)
                .sorted(Comparator.naturalOrder())
                .toList();
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < errors.size(); i++) {
            pts.add(new double[] {errors.get(i), (i + 1.0) / errors.size()});
        }
        Axis x = Axis.of(pts, 0, false);
        return new Plot(
                "error EDF (" + errors.size() + " models)",
                "validation error e",
                "fraction with error ≤ e",
                pts,
                new Axis(Math.min(0, x.lo()), x.hi(), false),
                new Axis(0, 1, false),
                -1,
                true);
    }

    /** A linear or logarithmic axis over the data, padded a little, with a few round ticks. */
    public record Axis(double lo, double hi, boolean log) {

        static Axis of(List<double[]> pts, int coordinate, boolean log) {
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double[] p : pts) {
                lo = Math.min(lo, p[coordinate]);
                hi = Math.max(hi, p[coordinate]);
            }
            if (pts.isEmpty()) {
                return new Axis(log ? 1 : 0, log ? 10 : 1, log);
            }
            if (log) {
                return new Axis(lo / 1.3, hi * 1.3, true);
            }
            double pad = hi > lo ? (hi - lo) * 0.08 : Math.max(Math.abs(hi) * 0.05, 0.01);
            return new Axis(lo - pad, hi + pad, false);
        }

        /** Where v lies between lo (0) and hi (1). */
        public double frac(double v) {
            return log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
        }

        /** 1-2-5 ticks on a log axis, about five round ticks on a linear one. */
        public List<Double> ticks() {
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

        public String label(double v) {
            if (log || Math.abs(v) >= 1000) {
                return Numbers.compact(Math.round(v)).strip();
            }
            return String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
