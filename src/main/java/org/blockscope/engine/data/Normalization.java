package org.blockscope.engine.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel standardisation {@code x' = (x − mean[c]) / std[c]}, where {@code x} is the pixel
 * value in [0,1] (the torchvision {@code Normalize} convention). {@link #fit} computes mean and
 * population standard deviation of every channel over all pixels of the <b>training</b> set; the
 * same instance is then applied unchanged to validation batches and to probe images, so the network
 * always sees inputs on the scale it was trained on. A channel with zero spread gets std 1.
 */
public final class Normalization {

    private final float[] mean;
    private final float[] std;
    private final boolean fitted;

    private Normalization(float[] mean, float[] std, boolean fitted) {
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException("mean and std need one value per channel");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive: " + Arrays.toString(std));
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.fitted = fitted;
    }

    /** Given values, e.g. ImageNet's {@code mean (0.485, 0.456, 0.406), std (0.229, 0.224, 0.225)}. */
    public static Normalization of(float[] mean, float[] std) {
        return new Normalization(mean, std, false);
    }

    /** Leaves pixels in [0,1]. */
    public static Normalization identity(int channels) {
        float[] zero = new float[channels];
        float[] one = new float[channels];
        Arrays.fill(one, 1f);
        return new Normalization(zero, one, false);
    }

    /** Mean and std per channel over every pixel of {@code training} (exact, from 8-bit histograms). */
    public static Normalization fit(Dataset training) {
        int channels = training.shape().channels();
        int plane = training.shape().height() * training.shape().width();
        long[][] histogram = new long[channels][256];
        for (int n = 0; n < training.size(); n++) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < plane; i++) {
                    histogram[c][training.raw(n, c * plane + i)]++;
                }
            }
        }
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double count = 0;
            double sum = 0;
            double sumSquares = 0;
            for (int v = 0; v < 256; v++) {
                double x = v / 255.0;
                count += histogram[c][v];
                sum += histogram[c][v] * x;
                sumSquares += histogram[c][v] * x * x;
            }
            double m = count == 0 ? 0 : sum / count;
            double variance = count == 0 ? 0 : Math.max(0, sumSquares / count - m * m);
            mean[c] = (float) m;
            std[c] = variance > 1e-12 ? (float) Math.sqrt(variance) : 1f;
        }
        return new Normalization(mean, std, true);
    }

    public int channels() {
        return mean.length;
    }

    public float mean(int channel) {
        return mean[channel];
    }

    public float std(int channel) {
        return std[channel];
    }

    /** True when computed from training data by {@link #fit}. */
    public boolean fitted() {
        return fitted;
    }

    public float apply(float value, int channel) {
        return (value - mean[channel]) / std[channel];
    }

    /** Lookup table: normalised value of each 8-bit pixel value of {@code channel}. */
    float[] table(int channel) {
        float[] table = new float[256];
        for (int v = 0; v < 256; v++) {
            table[v] = apply(v / 255f, channel);
        }
        return table;
    }

    void checkChannels(int channels) {
        if (channels != mean.length) {
            throw new IllegalArgumentException(
                    "normalisation has " + mean.length + " channels, images have " + channels);
        }
    }

    @Override
    public String toString() {
        return "mean " + format(mean) + ", std " + format(std) + (fitted ? " (fitted on training data)" : " (given)");
    }

    private static String format(float[] values) {
        StringBuilder text = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", values[i]));
        }
        return text.append(')').toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization n
                && Arrays.equals(mean, n.mean)
                && Arrays.equals(std, n.std)
                && fitted == n.fitted;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }
}
