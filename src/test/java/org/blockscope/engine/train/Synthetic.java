package org.blockscope.engine.train;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Separable synthetic images: class k has a bright 6×6 patch at its own place, plus noise. */
final class Synthetic {
    private Synthetic() {}

    static ArrayData digits(int n, int classes, int size, long seed) {
        Random r = new Random(seed);
        float[] pixels = new float[n * size * size];
        int[] labels = new int[n];
        int cells = (int) Math.ceil(Math.sqrt(classes));
        int step = (size - 6) / Math.max(1, cells - 1);
        for (int i = 0; i < n; i++) {
            int k = i % classes;
            labels[i] = k;
            int top = (k / cells) * step;
            int left = (k % cells) * step;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    boolean on = y >= top && y < top + 6 && x >= left && x < left + 6;
                    pixels[(i * size + y) * size + x] = (on ? 1.5f : 0f) + (float) (r.nextGaussian() * 0.3);
                }
            }
        }
        return new ArrayData(
                Nd4j.create(pixels, new long[] {n, 1, size, size}, 'c').castTo(DataType.FLOAT), labels, true);
    }
}
