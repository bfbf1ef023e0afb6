package org.blockscope.app.inspect;

import org.blockscope.engine.inspect.Planes;
import org.blockscope.graph.Shape;

/**
 * One node's output for one image, ready to draw: one tile per channel (a [C] vector gives C tiles
 * of 1×1), all tiles on one colour scale from {@link #min} to {@link #max} (the scale bar), so
 * channels can be compared.
 */
public record ChannelGrid(
        String path,
        Shape shape,
        int channels,
        int height,
        int width,
        float[] values,
        float min,
        float max,
        TensorStats stats) {

    /** From a private copy [C,H,W] or [C]. */
    public static ChannelGrid of(String path, Shape shape, Planes value) {
        float[] v = value.values();
        int c = value.rank() == 3 ? value.channels() : v.length;
        TensorStats s = TensorStats.of(v);
        return new ChannelGrid(path, shape, c, value.height(), value.width(), v, (float) s.min(), (float) s.max(), s);
    }

    /** ARGB pixels of channel {@code c} ({@code width × height}). */
    public int[] tile(int c) {
        return Pixels.colourMap(values, c * height * width, height * width, min, max);
    }

    /** Values of channel {@code c}. */
    public float[] channel(int c) {
        float[] out = new float[height * width];
        System.arraycopy(values, c * height * width, out, 0, out.length);
        return out;
    }

    public boolean isVector() {
        return height == 1 && width == 1;
    }
}
