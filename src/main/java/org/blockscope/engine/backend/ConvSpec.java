package org.blockscope.engine.backend;

import org.blockscope.primitive.Padding;

/**
 * The geometry of a 2-D convolution as every backend takes it: square kernel, stride, padding per side
 * (top/bottom, left/right), dilation, groups, and whether it has a bias. Weights are PyTorch's OIHW
 * [Cout, Cin/groups, k, k].
 */
public record ConvSpec(int kernel, int stride, int padH, int padW, int dilation, int groups, boolean bias) {
    public ConvSpec {
        if (kernel < 1 || stride < 1 || dilation < 1 || groups < 1 || padH < 0 || padW < 0) {
            throw new IllegalArgumentException("bad conv spec " + this);
        }
    }

    public static ConvSpec of(int kernel, int stride, int pad) {
        return new ConvSpec(kernel, stride, pad, pad, 1, 1, true);
    }

    /** The same convolution with or without a bias (a batch norm folded into it gives it one). */
    public ConvSpec withBias(boolean b) {
        return b == bias ? this : new ConvSpec(kernel, stride, padH, padW, dilation, groups, b);
    }

    /** [N, Cout, Ho, Wo] for an input [N, Cin, H, W]. */
    public long[] outShape(long[] xShape, long cout) {
        return new long[] {
            xShape[0],
            cout,
            Padding.convOut((int) xShape[2], kernel, stride, padH, dilation),
            Padding.convOut((int) xShape[3], kernel, stride, padW, dilation)
        };
    }

    /** oneDNN's dilated conv2d fails inside libnd4j 1.0.0-M2.1; the generic path is used then. */
    public boolean helpersBroken() {
        return dilation > 1;
    }

    /** libnd4j conv2d integer arguments, NCHW activations, OIHW weights. */
    public int[] iArgs() {
        // kH, kW, sH, sW, pH, pW, dH, dW, sameMode=0, dataFormat=0 (NCHW), wFormat=1 (OIHW)
        return new int[] {kernel, kernel, stride, stride, padH, padW, dilation, dilation, 0, 0, 1};
    }
}
