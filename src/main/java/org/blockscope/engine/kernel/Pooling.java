package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.NativeOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.Pad;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Shared plumbing of max and avg pooling. libnd4j pooling takes only symmetric padding; when ceil
 * mode needs extra bottom/right rows, the input is padded explicitly and pooled with padding 0.
 */
final class Pooling {
    private Pooling() {}

    static boolean needsExplicitPad(PoolSpec s, INDArray x) {
        return s.extraH(x.shape()) > 0 || s.extraW(x.shape()) > 0;
    }

    static INDArray padded(PoolSpec s, INDArray x, double value) {
        int p = s.pad();
        int[][] pads = {{0, 0}, {0, 0}, {p, p + s.extraH(x.shape())}, {p, p + s.extraW(x.shape())}};
        return Nd4j.pad(x, pads, Pad.Mode.CONSTANT, value);
    }

    static INDArray unpadded(PoolSpec s, INDArray dxp, long[] xShape) {
        int p = s.pad();
        return dxp.get(
                        NDArrayIndex.all(),
                        NDArrayIndex.all(),
                        NDArrayIndex.interval(p, p + xShape[2]),
                        NDArrayIndex.interval(p, p + xShape[3]))
                .dup('c');
    }

    static INDArray run(String op, INDArray[] in, long[] outShape, int[] iArgs) {
        INDArray y = NativeOps.empty(in[0].dataType(), outShape);
        NativeOps.exec(op, in, new INDArray[] {y}, iArgs);
        return y;
    }
}
