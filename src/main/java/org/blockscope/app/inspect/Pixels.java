package org.blockscope.app.inspect;

import org.blockscope.engine.inspect.FeatureMapImages;
import org.blockscope.graph.Shape;

/** ARGB pixel arrays for thumbnails and feature maps, built off the UI thread (plain Java, no JavaFX). */
public final class Pixels {

    private Pixels() {}

    /** An image with values in [0,1], CHW order: grey for 1 channel, RGB from the first 3 otherwise. */
    public static int[] photo(float[] chw, Shape shape) {
        int plane = shape.height() * shape.width();
        int[] out = new int[plane];
        boolean rgb = shape.channels() >= 3;
        for (int i = 0; i < plane; i++) {
            int r = byteOf(chw[i]);
            int g = rgb ? byteOf(chw[plane + i]) : r;
            int b = rgb ? byteOf(chw[2 * plane + i]) : r;
            out[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    /** {@code n} values from {@code offset}, coloured with the viridis-like map of FeatureMapImages on [min, max]. */
    public static int[] colourMap(float[] values, int offset, int n, float min, float max) {
        int[] out = new int[n];
        float span = max - min;
        for (int i = 0; i < n; i++) {
            float t = span > 0 ? (values[offset + i] - min) / span : 0.5f;
            out[i] = 0xFF000000 | FeatureMapImages.colour(t);
        }
        return out;
    }

    /** A horizontal colour-scale bar of {@code width} pixels, low on the left. */
    public static int[] scaleBar(int width) {
        int[] out = new int[width];
        for (int i = 0; i < width; i++) {
            out[i] = 0xFF000000 | FeatureMapImages.colour(i / (float) Math.max(1, width - 1));
        }
        return out;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
