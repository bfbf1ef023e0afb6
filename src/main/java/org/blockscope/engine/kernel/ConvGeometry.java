package org.blockscope.engine.kernel;

/** Output-size formulas shared by convolution and pooling kernels. */
public final class ConvGeometry {
    private ConvGeometry() {}

    /** out = floor((in + 2p - d(k-1) - 1) / s) + 1   (PyTorch Conv2d docs) */
    public static int outSize(int in, int k, int s, int p, int d) {
        return Math.floorDiv(in + 2 * p - d * (k - 1) - 1, s) + 1;
    }

    /**
     * Pooling output size, PyTorch {@code pooling_output_shape}: with ceilMode
     * out = ceil((in + 2p - k) / s) + 1, minus one if the last window would start past the input and
     * left padding (it must start at an index < in + p).
     */
    public static int poolOutSize(int in, int k, int s, int p, boolean ceilMode) {
        int out = Math.floorDiv(in + 2 * p - k + (ceilMode ? s - 1 : 0), s) + 1;
        if (ceilMode && (long) (out - 1) * s >= in + p) {
            out--;
        }
        return out;
    }

    /** Extra zero rows/columns needed after the right padding so that the last pool window fits. */
    public static int poolExtraPad(int in, int k, int s, int p, boolean ceilMode) {
        int out = poolOutSize(in, k, s, p, ceilMode);
        return Math.max(0, (out - 1) * s + k - (in + 2 * p));
    }
}
