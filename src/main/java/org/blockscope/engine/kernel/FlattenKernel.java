package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Flatten in c order (as PyTorch): x [N, C, H, W] -> y [N, C*H*W]; backward reshapes back. */
public final class FlattenKernel {
    private FlattenKernel() {}

    public static INDArray forward(INDArray x) {
        return x.reshape('c', x.size(0), x.length() / x.size(0));
    }

    public static INDArray backward(long[] xShape, INDArray dy) {
        return dy.reshape('c', xShape);
    }
}
