package org.blockscope.app.inspect;

import java.util.Locale;

/** Summary numbers of a tensor's values: the step-through and feature-map views print these. */
public record TensorStats(
        int count,
        double mean,
        double std,
        double min,
        double max,
        double negativeFraction,
        double zeroFraction,
        int[] histogram) {

    public static final int BINS = 24;

    public static TensorStats of(float[] v) {
        if (v.length == 0) {
            return new TensorStats(
                    0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, new int[BINS]);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int neg = 0;
        int zero = 0;
        for (float x : v) {
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            if (x < 0) {
                neg++;
            } else if (x == 0) {
                zero++;
            }
        }
        double mean = sum / v.length;
        double sq = 0;
        for (float x : v) {
            sq += (x - mean) * (x - mean);
        }
        int[] hist = new int[BINS];
        double span = max - min;
        for (float x : v) {
            int b = span > 0 ? (int) ((x - min) / span * BINS) : BINS / 2;
            hist[Math.min(BINS - 1, Math.max(0, b))]++;
        }
        return new TensorStats(
                v.length,
                mean,
                Math.sqrt(sq / v.length),
                min,
                max,
                neg / (double) v.length,
                zero / (double) v.length,
                hist);
    }

    public String text() {
        return String.format(Locale.ROOT, "mean %.3g · std %.3g · min %.3g · max %.3g", mean, std, min, max);
    }
}
