package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling, NCHW: x [N, C, H, W] -> y [N, C, Ho, Wo]. Padding never wins (as PyTorch's -inf
 * padding). Native {@code maxpool2d} / {@code maxpool2d_bp}; ceil mode pads explicitly with -inf.
 */
public final class MaxPool2dKernel {
    private MaxPool2dKernel() {}

    public static INDArray forward(PoolSpec s, INDArray x) {
        long[] out = s.outShape(x.shape());
        if (!Pooling.needsExplicitPad(s, x)) {
            return Pooling.run("maxpool2d", new INDArray[] {x}, out, s.iArgs(s.pad(), 0));
        }
        return Pooling.run(
                "maxpool2d", new INDArray[] {Pooling.padded(s, x, Double.NEGATIVE_INFINITY)}, out, s.iArgs(0, 0));
    }

    public static INDArray backward(PoolSpec s, INDArray x, INDArray dy) {
        if (!Pooling.needsExplicitPad(s, x)) {
            return Pooling.run("maxpool2d_bp", new INDArray[] {x, dy}, x.shape(), s.iArgs(s.pad(), 0));
        }
        INDArray xp = Pooling.padded(s, x, Double.NEGATIVE_INFINITY);
        INDArray dxp = Pooling.run("maxpool2d_bp", new INDArray[] {xp, dy}, xp.shape(), s.iArgs(0, 0));
        return Pooling.unpadded(s, dxp, x.shape());
    }
}
