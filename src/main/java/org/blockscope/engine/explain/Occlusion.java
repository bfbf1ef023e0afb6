package org.blockscope.engine.explain;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Occlusion sensitivity (Zeiler and Fergus 2014, section 4.2): a grey {@code patch × patch} square slides
 * over the image with {@code stride}; each position records the drop of the class's probability,
 * p(c | image) − p(c | image with the square). Positions start at 0, stride, 2·stride, … and the last
 * one touches the far edge ({@link #starts}). {@code onImage} gives each pixel the mean drop of the
 * squares that cover it.
 *
 * @param drops one value per position, rows × columns of positions
 */
public record Occlusion(int cls, int patch, int stride, double probability, Heatmap drops, Heatmap onImage) {

    private static final int BATCH = 32;

    /** Top-left corners along an axis of {@code extent} pixels: 0, s, 2s, … and extent − patch last. */
    public static int[] starts(int extent, int patch, int stride) {
        int p = Math.min(patch, extent);
        int n = (extent - p + stride - 1) / stride + 1;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.min(i * stride, extent - p);
        }
        return out;
    }

    /**
     * @param image normalised C×H×W
     * @param grey the grey square's value per channel, normalised like the image (pixel value 0.5 usually)
     * @throws CancellationException when {@code cancelled} turns true (checked between batches)
     */
    public static Occlusion compute(
            Model m, float[] image, int cls, int patch, int stride, float[] grey, BooleanSupplier cancelled) {
        Shape s = m.inputShape();
        if (patch < 1 || stride < 1) {
            throw new IllegalArgumentException("patch " + patch + " and stride " + stride + " must be at least 1");
        }
        if (grey.length != s.channels()) {
            throw new IllegalArgumentException("one grey value per channel: " + s.channels() + ", got " + grey.length);
        }
        double base = ClassScores.forward(m, image)[cls];
        int h = s.height();
        int w = s.width();
        int[] ys = starts(h, patch, stride);
        int[] xs = starts(w, patch, stride);
        int n = ys.length * xs.length;
        float[] drops = new float[n];
        for (int from = 0; from < n; from += BATCH) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("occlusion cancelled");
            }
            int count = Math.min(BATCH, n - from);
            float[] batch = new float[count * image.length];
            for (int b = 0; b < count; b++) {
                int pos = from + b;
                occlude(image, batch, b * image.length, s, ys[pos / xs.length], xs[pos % xs.length], patch, grey);
            }
            INDArray x = Nd4j.create(batch, new long[] {count, s.channels(), h, w}, DataType.FLOAT)
                    .castTo(m.dataType());
            double[] p = m.infer(x).getColumn(cls).castTo(DataType.DOUBLE).toDoubleVector();
            for (int b = 0; b < count; b++) {
                drops[from + b] = (float) (base - p[b]);
            }
        }
        return new Occlusion(
                cls,
                patch,
                stride,
                base,
                new Heatmap(ys.length, xs.length, drops),
                perPixel(drops, ys, xs, patch, h, w));
    }

    private static void occlude(
            float[] image, float[] into, int offset, Shape s, int y0, int x0, int patch, float[] grey) {
        System.arraycopy(image, 0, into, offset, image.length);
        int h = s.height();
        int w = s.width();
        for (int c = 0; c < s.channels(); c++) {
            for (int y = y0; y < Math.min(h, y0 + patch); y++) {
                for (int x = x0; x < Math.min(w, x0 + patch); x++) {
                    into[offset + (c * h + y) * w + x] = grey[c];
                }
            }
        }
    }

    private static Heatmap perPixel(float[] drops, int[] ys, int[] xs, int patch, int h, int w) {
        double[] sum = new double[h * w];
        int[] count = new int[h * w];
        for (int i = 0; i < ys.length; i++) {
            for (int j = 0; j < xs.length; j++) {
                for (int y = ys[i]; y < Math.min(h, ys[i] + patch); y++) {
                    for (int x = xs[j]; x < Math.min(w, xs[j] + patch); x++) {
                        sum[y * w + x] += drops[i * xs.length + j];
                        count[y * w + x]++;
                    }
                }
            }
        }
        float[] out = new float[h * w];
        for (int i = 0; i < out.length; i++) {
            out[i] = count[i] == 0 ? 0 : (float) (sum[i] / count[i]);
        }
        return new Heatmap(h, w, out);
    }
}
