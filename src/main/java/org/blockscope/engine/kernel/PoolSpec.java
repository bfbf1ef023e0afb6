package org.blockscope.engine.kernel;

/**
 * Square 2-D pooling window: kernel k, stride s, symmetric padding p, and PyTorch {@code ceil_mode}.
 * Output size per axis: {@link ConvGeometry#poolOutSize}.
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
            ConvGeometry.poolOutSize((int) x[2], kernel, stride, pad, ceilMode),
            ConvGeometry.poolOutSize((int) x[3], kernel, stride, pad, ceilMode)
        };
    }

    int extraH(long[] x) {
        return ConvGeometry.poolExtraPad((int) x[2], kernel, stride, pad, ceilMode);
    }

    int extraW(long[] x) {
        return ConvGeometry.poolExtraPad((int) x[3], kernel, stride, pad, ceilMode);
    }

    /** libnd4j pooling iArgs: kH,kW,sH,sW,pH,pW,dH,dW,sameMode,extraParam0,dataFormat(0=NCHW). */
    int[] iArgs(int pad, int extraParam0) {
        return new int[] {kernel, kernel, stride, stride, pad, pad, 1, 1, 0, extraParam0, 0};
    }
}
