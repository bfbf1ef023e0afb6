package org.blockscope.app.inspect;

import org.blockscope.engine.inspect.Planes;

/**
 * First-layer filters as small pictures: weights [F, Cin, k, k] on a symmetric scale (grey 50% = 0,
 * brighter = positive), RGB when the conv reads 3 channels, grey from channel 0 otherwise.
 */
public record FilterTiles(String path, int filters, int inChannels, int k, float maxAbs, float[] weights) {

    /** From a copy of the weights [F, Cin, k, k]. */
    public static FilterTiles of(String path, Planes weight) {
        float[] w = weight.values();
        float m = 0;
        for (float v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return new FilterTiles(path, weight.dims()[0], weight.dims()[1], weight.dims()[2], m, w);
    }

    public boolean rgb() {
        return inChannels == 3;
    }

    public int[] tile(int f) {
        int plane = k * k;
        int base = f * inChannels * plane;
        int[] out = new int[plane];
        for (int i = 0; i < plane; i++) {
            int r = level(w(base + i));
            int g = rgb() ? level(w(base + plane + i)) : r;
            int b = rgb() ? level(w(base + 2 * plane + i)) : r;
            out[i] = 0xFF000000 | r << 16 | g << 8 | b;
        }
        return out;
    }

    private float w(int i) {
        return weights[i];
    }

    private int level(float v) {
        float t = maxAbs > 0 ? 0.5f + 0.5f * v / maxAbs : 0.5f;
        return Math.max(0, Math.min(255, Math.round(t * 255)));
    }
}
