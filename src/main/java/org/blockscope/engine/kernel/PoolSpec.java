package org.blockscope.engine.kernel;

import org.blockscope.primitive.Padding;

/**
 * Square 2-D pooling window: kernel k, stride s, symmetric padding p, and PyTorch {@code ceil_mode}.
 * Output size per axis: {@link Padding#poolOut}.
 */
public record PoolSpec(int kernel, int stride, int pad, boolean ceilMode) {
    public PoolSpec {
        // PyTorch: pad should be at most half of kernel size
        if (kernel < 1 || stride < 1 || pad < 0 || 2 * pad > kernel) {
            throw new IllegalArgumentException("bad pool spec " + this);
        }
    }

    long[] outShape(long[] x) {
        return new long[] {
            x[0],
            x[1],
            Padding.poolOut((int) x[2], kernel, stride, pad, ceilMode),
            Padding.poolOut((int) x[3], kernel, stride, pad, ceilMode)
        };
    }

    int extraH(long[] x) {
        return extraPad((int) x[2], kernel, stride, pad, ceilMode);
    }

    int extraW(long[] x) {
        return extraPad((int) x[3], kernel, stride, pad, ceilMode);
    }

    /**
     * Extra zero rows/columns needed after the right padding so that the last window of a ceil-mode pooling
     * fits: libnd4j's pooling takes symmetric padding only.
     */
    static int extraPad(int in, int k, int s, int p, boolean ceilMode) {
        int out = Padding.poolOut(in, k, s, p, ceilMode);
        return Math.max(0, (out - 1) * s + k - (in + 2 * p));
    }

    /** libnd4j pooling iArgs: kH,kW,sH,sW,pH,pW,dH,dW,sameMode,extraParam0,dataFormat(0=NCHW). */
    int[] iArgs(int pad, int extraParam0) {
        return new int[] {kernel, kernel, stride, stride, pad, pad, 1, 1, 0, extraParam0, 0};
    }
}
