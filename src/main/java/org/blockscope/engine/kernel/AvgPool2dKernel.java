package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Average pooling, NCHW, PyTorch default {@code count_include_pad=True}: x [N, C, H, W] -> y [N, C, Ho, Wo].
 * Native {@code avgpool2d} / {@code avgpool2d_bp} with extraParam0=1 (divide by k*k). In ceil mode the
 * input is zero-padded explicitly and windows that run past the right padding are rescaled: PyTorch
 * divides them by (min(start+k, in+p) - start) per axis, not by k.
 */
public final class AvgPool2dKernel {
    private AvgPool2dKernel() {}

    private static final int INCLUDE_PAD = 1;

    public static INDArray forward(PoolSpec s, INDArray x) {
        long[] out = s.outShape(x.shape());
        if (!Pooling.needsExplicitPad(s, x)) {
            return Pooling.run("avgpool2d", new INDArray[] {x}, out, s.iArgs(s.pad(), INCLUDE_PAD));
        }
        INDArray y = Pooling.run("avgpool2d", new INDArray[] {Pooling.padded(s, x, 0.0)}, out, s.iArgs(0, INCLUDE_PAD));
        return Broadcast.mul(y, rescale(s, x.shape(), out, y), y, 2, 3);
    }

    public static INDArray backward(PoolSpec s, INDArray x, INDArray dy) {
        if (!Pooling.needsExplicitPad(s, x)) {
            return Pooling.run("avgpool2d_bp", new INDArray[] {x, dy}, x.shape(), s.iArgs(s.pad(), INCLUDE_PAD));
        }
        long[] out = s.outShape(x.shape());
        INDArray dys = Broadcast.mul(dy, rescale(s, x.shape(), out, dy), dy.ulike(), 2, 3);
        INDArray xp = Pooling.padded(s, x, 0.0);
        INDArray dxp = Pooling.run("avgpool2d_bp", new INDArray[] {xp, dys}, xp.shape(), s.iArgs(0, INCLUDE_PAD));
        return Pooling.unpadded(s, dxp, x.shape());
    }

    /** [Ho, Wo] factors k*k / (PyTorch divisor) for windows clipped at in + p. */
    private static INDArray rescale(PoolSpec s, long[] x, long[] out, INDArray like) {
        double[] fh = axis(s, (int) x[2], (int) out[2]);
        double[] fw = axis(s, (int) x[3], (int) out[3]);
        double[][] f = new double[fh.length][fw.length];
        for (int i = 0; i < fh.length; i++) {
            for (int j = 0; j < fw.length; j++) {
                f[i][j] = fh[i] * fw[j];
            }
        }
        return Nd4j.create(f).castTo(like.dataType());
    }

    private static double[] axis(PoolSpec s, int in, int out) {
        double[] f = new double[out];
        for (int o = 0; o < out; o++) {
            int start = o * s.stride() - s.pad();
            int end = Math.min(start + s.kernel(), in + s.pad());
            f[o] = (double) s.kernel() / (end - start);
        }
        return f;
    }
}
