package org.blockscope.app.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The series the four charts draw, built from the visible runs (no JavaFX): loss per iteration
 * (raw, faint, and smoothed), accuracy and loss per epoch (training dashed, validation solid) and
 * the learning rate.
 */
public final class ChartData {

    /** Run colours (Okabe–Ito, readable by colour-blind viewers and on projectors). */
    public static final String[] PALETTE = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"
    };

    private ChartData() {}

    public enum Style {
        SOLID,
        DASHED,
        FAINT
    }

    public record Series(String name, int colour, Style style, double[] x, double[] y) {
        public int size() {
            return x.length;
        }
    }

    /** One chart; {@code log}: the y axis is logarithmic (loss). */
    public record Chart(
            String title, String xLabel, String yLabel, List<Series> series, double yMin, double yMax, boolean log) {
        public Chart(String title, String xLabel, String yLabel, List<Series> series, double yMin, double yMax) {
            this(title, xLabel, yLabel, series, yMin, yMax, false);
        }

        public int points() {
            return series.stream().mapToInt(Series::size).sum();
        }

        public Chart withLog(boolean on) {
            return new Chart(title, xLabel, yLabel, series, on ? Double.NaN : yMin, yMax, on);
        }
    }

    public static Chart iterationLoss(List<TrainingRunRecord> runs) {
        return iterationLoss(runs, RunMetrics.SMOOTHING);
    }

    /** Loss per iteration, raw (faint) and smoothed with past weight {@code smoothing} (the slider). */
    public static Chart iterationLoss(List<TrainingRunRecord> runs, double smoothing) {
        List<Series> out = new ArrayList<>();
        for (TrainingRunRecord r : visible(runs)) {
            List<RunMetrics.IterationPoint> it = r.metrics().iterations();
            double[] x = new double[it.size()];
            double[] raw = new double[it.size()];
            double[] smooth = new double[it.size()];
            for (int i = 0; i < it.size(); i++) {
                x[i] = it.get(i).iteration() + 1;
                raw[i] = it.get(i).loss();
            }
            double[] smoothed = RunMetrics.smooth(raw, smoothing);
            System.arraycopy(smoothed, 0, smooth, 0, smooth.length);
            out.add(new Series("Run " + r.number() + " loss", r.colour(), Style.FAINT, x, raw));
            out.add(new Series("Run " + r.number() + " smoothed", r.colour(), Style.SOLID, x, smooth));
        }
        return new Chart("Training loss per iteration", "iteration", "loss", out, 0, Double.NaN);
    }

    public static Chart learningRate(List<TrainingRunRecord> runs) {
        List<Series> out = new ArrayList<>();
        for (TrainingRunRecord r : visible(runs)) {
            List<RunMetrics.IterationPoint> it = r.metrics().iterations();
            double[] x = new double[it.size()];
            double[] y = new double[it.size()];
            for (int i = 0; i < it.size(); i++) {
                x[i] = it.get(i).iteration() + 1;
                y[i] = it.get(i).lr();
            }
            out.add(new Series("Run " + r.number() + " lr", r.colour(), Style.SOLID, x, y));
        }
        return new Chart("Learning rate", "iteration", "lr", out, 0, Double.NaN);
    }

    public static Chart epochAccuracy(List<TrainingRunRecord> runs) {
        return perEpoch(runs, "Accuracy per epoch", "accuracy", true);
    }

    public static Chart epochLoss(List<TrainingRunRecord> runs) {
        return perEpoch(runs, "Loss per epoch", "loss", false);
    }

    private static Chart perEpoch(List<TrainingRunRecord> runs, String title, String yLabel, boolean accuracy) {
        List<Series> out = new ArrayList<>();
        for (TrainingRunRecord r : visible(runs)) {
            List<RunMetrics.EpochPoint> ep = r.metrics().epochs();
            double[] x = new double[ep.size()];
            double[] train = new double[ep.size()];
            double[] val = new double[ep.size()];
            for (int i = 0; i < ep.size(); i++) {
                x[i] = ep.get(i).epoch() + 1;
                train[i] = accuracy ? ep.get(i).trainAcc() : ep.get(i).trainLoss();
                val[i] = accuracy ? ep.get(i).valAcc() : ep.get(i).valLoss();
            }
            out.add(new Series("Run " + r.number() + " train", r.colour(), Style.DASHED, x, train));
            out.add(new Series("Run " + r.number() + " validation", r.colour(), Style.SOLID, x, val));
        }
        return new Chart(title, "epoch", yLabel, out, accuracy ? 0 : 0, accuracy ? 1 : Double.NaN);
    }

    private static List<TrainingRunRecord> visible(List<TrainingRunRecord> runs) {
        return runs.stream().filter(TrainingRunRecord::isVisible).toList();
    }
}
