package org.blockscope.app.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.blockscope.engine.train.TrainingEvent;

/**
 * The numbers of one run as they arrive: loss and learning rate per iteration (raw and smoothed) and
 * the per-epoch means. Touched on the UI thread only (events reach it coalesced, see {@link EventInbox}).
 */
public final class RunMetrics {

    /** Weight of the past in the smoothed loss (TensorBoard's default smoothing is 0.6; 0.9 suits noisy small batches). */
    public static final double SMOOTHING = 0.9;

    public record IterationPoint(
            long iteration, int epoch, double loss, double smoothed, double lr, double imagesPerSecond) {}

    public record EpochPoint(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc) {}

    private final List<IterationPoint> iterations = new ArrayList<>();
    private final List<EpochPoint> epochs = new ArrayList<>();
    private double ema;
    private long emaCount;

    public void add(TrainingEvent.IterationDone it) {
        // debiased exponential moving average: ema_t = b·ema_{t-1} + (1-b)·x_t, shown as ema_t / (1 - b^t)
        // (the bias correction of Adam, Kingma and Ba 2015, section 3), so the first points are not pulled to 0
        if (Double.isFinite(it.loss())) {
            ema = SMOOTHING * ema + (1 - SMOOTHING) * it.loss();
            emaCount++;
        }
        double smoothed = emaCount == 0 ? Double.NaN : ema / (1 - Math.pow(SMOOTHING, emaCount));
        iterations.add(
                new IterationPoint(it.iteration(), it.epoch(), it.loss(), smoothed, it.lr(), it.imagesPerSecond()));
    }

    /** {@code raw} smoothed as {@link #add} smooths the loss, with past weight {@code b} (0: raw). */
    public static double[] smooth(double[] raw, double b) {
        double[] out = new double[raw.length];
        double e = 0;
        long n = 0;
        for (int i = 0; i < raw.length; i++) {
            if (Double.isFinite(raw[i])) {
                e = b * e + (1 - b) * raw[i];
                n++;
            }
            out[i] = n == 0 ? Double.NaN : e / (1 - Math.pow(b, n));
        }
        return out;
    }

    public void add(TrainingEvent.EpochDone e) {
        epochs.add(new EpochPoint(e.epoch(), e.trainLoss(), e.trainAcc(), e.valLoss(), e.valAcc()));
    }

    public List<IterationPoint> iterations() {
        return Collections.unmodifiableList(iterations);
    }

    public List<EpochPoint> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public IterationPoint last() {
        return iterations.isEmpty() ? null : iterations.get(iterations.size() - 1);
    }

    /**
     * CSV with one row per iteration; the epoch columns are filled on the last iteration of each
     * epoch. Empty cells for missing values, '.' as the decimal separator.
     */
    public String toCsv(String title) {
        StringBuilder s = new StringBuilder();
        s.append("# ").append(title.replace('\n', ' ')).append('\n');
        s.append("iteration,epoch,loss,smoothed_loss,lr,images_per_second,train_loss,train_acc,val_loss,val_acc\n");
        int e = 0;
        for (int i = 0; i < iterations.size(); i++) {
            IterationPoint p = iterations.get(i);
            s.append(p.iteration())
                    .append(',')
                    .append(p.epoch() + 1)
                    .append(',')
                    .append(num(p.loss()))
                    .append(',')
                    .append(num(p.smoothed()))
                    .append(',')
                    .append(num(p.lr()))
                    .append(',')
                    .append(num(p.imagesPerSecond()));
            boolean lastOfEpoch =
                    i + 1 == iterations.size() || iterations.get(i + 1).epoch() != p.epoch();
            EpochPoint ep =
                    e < epochs.size() && epochs.get(e).epoch() == p.epoch() && lastOfEpoch ? epochs.get(e++) : null;
            if (ep != null) {
                s.append(',')
                        .append(num(ep.trainLoss()))
                        .append(',')
                        .append(num(ep.trainAcc()))
                        .append(',')
                        .append(num(ep.valLoss()))
                        .append(',')
                        .append(num(ep.valAcc()));
            } else {
                s.append(",,,,");
            }
            s.append('\n');
        }
        return s.toString();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "";
    }
}
