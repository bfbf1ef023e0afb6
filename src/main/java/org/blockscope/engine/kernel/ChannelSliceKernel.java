package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Channels {@code from} up to {@code from + count} of an [N, C, H, W] (or [N, C]) array, as PyTorch's
 * {@code x[:, from:from+count]}; backward puts the gradient back into those channels of a zero
 * array of the input's shape.
 */
public final class ChannelSliceKernel {
    private ChannelSliceKernel() {}

    public static INDArray forward(INDArray x, long from, long count) {
        return x.get(index(x.rank(), from, count)).dup('c');
    }

    public static INDArray backward(long[] inputShape, long from, INDArray dy) {
        INDArray dx = Nd4j.zeros(dy.dataType(), inputShape);
        dx.get(index(inputShape.length, from, dy.size(1))).assign(dy);
        return dx;
    }

    private static INDArrayIndex[] index(int rank, long from, long count) {
        INDArrayIndex[] ix = new INDArrayIndex[rank];
        for (int d = 0; d < rank; d++) {
            ix[d] = d == 1 ? NDArrayIndex.interval(from, from + count) : NDArrayIndex.all();
        }
        return ix;
    }
}
