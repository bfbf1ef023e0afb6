package org.blockscope.app.inspect;

import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    public static ChannelGrid of(String path, Shape shape, INDArray value) {
        float[] v = value.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int c;
        int h;
        int w;
        if (value.rank() == 3) {
            c = (int) value.size(0);
            h = (int) value.size(1);
            w = (int) value.size(2);
        } else {
            c = (int) value.length();
            h = 1;
            w = 1;
        }
        TensorStats s = TensorStats.of(v);
        return new ChannelGrid(path, shape, c, h, w, v, (float) s.min(), (float) s.max(), s);
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
