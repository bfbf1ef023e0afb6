package org.blockscope.cost;

import java.util.List;

/**
 * Where each position of a tensor looks on the input image along one axis: position i sees input pixels
 * {@code lo[i]..hi[i]} (inclusive), clipped at the image borders. Away from the borders the span of a
 * position is {@link ReceptiveField#size()} pixels and neighbouring positions are {@link ReceptiveField#jump()}
 * apart; at the borders a window that hangs over the edge sees only the pixels inside it. A vector (one
 * position) sees everything its inputs saw.
 */
public record ReceptiveSpan(int[] lo, int[] hi) {

    public int size() {
        return lo.length;
    }

    /** The image itself: pixel i sees pixel i. */
    public static ReceptiveSpan identity(int n) {
        int[] lo = new int[n];
        for (int i = 0; i < n; i++) {
            lo[i] = i;
        }
        return new ReceptiveSpan(lo, lo.clone());
    }

    /** The union of every position: what a vector computed from the whole map sees. */
    public ReceptiveSpan whole() {
        int l = Integer.MAX_VALUE;
        int h = Integer.MIN_VALUE;
        for (int i = 0; i < size(); i++) {
            l = Math.min(l, lo[i]);
            h = Math.max(h, hi[i]);
        }
        return new ReceptiveSpan(new int[] {l}, new int[] {h});
    }

    /**
     * A window of k taps, stride s, padding pad, dilation d: output i reads input positions
     * i·s − pad + t·d for t = 0..k−1 (PyTorch Conv2d's indexing) and sees what the taps inside the input saw.
     */
    public ReceptiveSpan window(int outSize, int k, int s, int pad, int d) {
        int[] l = new int[outSize];
        int[] h = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            l[i] = Integer.MAX_VALUE;
            h[i] = Integer.MIN_VALUE;
            for (int t = 0; t < k; t++) {
                int q = i * s - pad + t * d;
                if (q >= 0 && q < size()) {
                    l[i] = Math.min(l[i], lo[q]);
                    h[i] = Math.max(h[i], hi[q]);
                }
            }
        }
        return new ReceptiveSpan(l, h);
    }

    /**
     * Inputs merged position by position into {@code outSize} positions (add, concat, scale); an input with one
     * position is a vector and joins every position.
     */
    public static ReceptiveSpan union(List<ReceptiveSpan> in, int outSize) {
        int[] l = new int[outSize];
        int[] h = new int[outSize];
        java.util.Arrays.fill(l, Integer.MAX_VALUE);
        java.util.Arrays.fill(h, Integer.MIN_VALUE);
        for (ReceptiveSpan a : in) {
            for (int i = 0; i < outSize; i++) {
                int j = a.size() == 1 ? 0 : Math.min(i, a.size() - 1);
                l[i] = Math.min(l[i], a.lo[j]);
                h[i] = Math.max(h[i], a.hi[j]);
            }
        }
        return new ReceptiveSpan(l, h);
    }
}
