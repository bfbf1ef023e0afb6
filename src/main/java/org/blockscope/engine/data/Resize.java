package org.blockscope.engine.data;

/**
 * Separable resampling of one channel plane. Each axis is resampled on its own:
 * <ul>
 *   <li>shrinking: <b>area averaging</b>, each output pixel is the mean of the source pixels its
 *       footprint covers, weighted by the covered fraction (OpenCV {@code INTER_AREA});</li>
 *   <li>enlarging: <b>bilinear</b> with half-pixel centres, {@code src = (dst + 0.5)·in/out − 0.5}
 *       clamped at the border (PyTorch {@code interpolate(align_corners=False)}, OpenCV
 *       {@code INTER_LINEAR});</li>
 *   <li>same size: a copy.</li>
 * </ul>
 */
final class Resize {

    /** For each output index: the source indices it reads and their weights (summing to 1). */
    record Axis(int[][] index, float[][] weight) {}

    private Resize() {}

    static Axis axis(int in, int out) {
        int[][] index = new int[out][];
        float[][] weight = new float[out][];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            if (in == out) {
                index[o] = new int[] {o};
                weight[o] = new float[] {1f};
            } else if (out < in) {
                double start = o * scale;
                double end = (o + 1) * scale;
                int first = (int) Math.floor(start);
                int last = Math.min(in - 1, (int) Math.ceil(end) - 1);
                index[o] = new int[last - first + 1];
                weight[o] = new float[last - first + 1];
                for (int i = first; i <= last; i++) {
                    double covered = Math.min(end, i + 1) - Math.max(start, i);
                    index[o][i - first] = i;
                    weight[o][i - first] = (float) (covered / scale);
                }
            } else {
                double src = Math.max(0, Math.min(in - 1, (o + 0.5) * scale - 0.5));
                int i0 = (int) Math.floor(src);
                int i1 = Math.min(i0 + 1, in - 1);
                float frac = (float) (src - i0);
                index[o] = new int[] {i0, i1};
                weight[o] = new float[] {1f - frac, frac};
            }
        }
        return new Axis(index, weight);
    }

    /** Resamples a {@code h×w} plane to {@code outH×outW}. */
    static float[] plane(float[] src, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return src;
        }
        Axis xs = axis(w, outW);
        Axis ys = axis(h, outH);
        float[] rows = new float[h * outW];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < outW; x++) {
                rows[y * outW + x] = weighted(src, y * w, 1, xs.index()[x], xs.weight()[x]);
            }
        }
        float[] out = new float[outH * outW];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                out[y * outW + x] = weighted(rows, x, outW, ys.index()[y], ys.weight()[y]);
            }
        }
        return out;
    }

    private static float weighted(float[] values, int base, int stride, int[] index, float[] weight) {
        float sum = 0;
        for (int k = 0; k < index.length; k++) {
            sum += weight[k] * values[base + index[k] * stride];
        }
        return sum;
    }
}
