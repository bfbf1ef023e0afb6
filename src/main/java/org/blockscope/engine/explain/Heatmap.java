package org.blockscope.engine.explain;

import java.util.Arrays;

/**
 * One value per pixel of an {@code height × width} grid, row-major: a Grad-CAM, saliency or occlusion
 * map, at its own resolution or resized to the image's. Plain values, no ND4J: views and the command
 * line draw it.
 */
public record Heatmap(int height, int width, float[] values) {

    public Heatmap {
        if (height < 1 || width < 1 || values.length != height * width) {
            throw new IllegalArgumentException(
                    "a " + height + "×" + width + " map needs " + height * width + " values, got " + values.length);
        }
    }

    public float at(int y, int x) {
        return values[y * width + x];
    }

    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    /**
     * Bilinear resize to {@code h × w}, pixel centres aligned as in PyTorch's
     * {@code interpolate(mode="bilinear", align_corners=False)}: source coordinate = (dst + 0.5)·in/out − 0.5,
     * clamped at the borders.
     */
    public Heatmap resized(int h, int w) {
        if (h == height && w == width) {
            return new Heatmap(h, w, values.clone());
        }
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            double sy = Math.max(0, (y + 0.5) * height / h - 0.5);
            int y0 = Math.min((int) sy, height - 1);
            int y1 = Math.min(y0 + 1, height - 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.max(0, (x + 0.5) * width / w - 0.5);
                int x0 = Math.min((int) sx, width - 1);
                int x1 = Math.min(x0 + 1, width - 1);
                double fx = sx - x0;
                double top = at(y0, x0) * (1 - fx) + at(y0, x1) * fx;
                double bottom = at(y1, x0) * (1 - fx) + at(y1, x1) * fx;
                out[y * w + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return new Heatmap(h, w, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Heatmap m && m.height == height && m.width == width && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Heatmap " + height + "×" + width + " [" + min() + ", " + max() + "]";
    }
}
