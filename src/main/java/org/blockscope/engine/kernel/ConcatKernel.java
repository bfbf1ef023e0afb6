package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.JavaLoops;
import org.blockscope.engine.backend.NativeOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Concatenation along channels (axis 1) of [N, Ci, H, W] (or [N, Ci]) inputs; backward splits. */
public final class ConcatKernel {
    private ConcatKernel() {}

    public static INDArray forward(INDArray... xs) {
        if (!fast(xs)) {
            return Nd4j.concat(1, xs);
        }
        long[] shape = xs[0].shape().clone();
        long c = 0;
        for (INDArray x : xs) {
            c += x.size(1);
        }
        shape[1] = c;
        long inner = xs[0].length() / (xs[0].size(0) * xs[0].size(1)); // H*W (1 for [N, C])
        INDArray y = NativeOps.empty(xs[0].dataType(), shape);
        long off = 0;
        for (INDArray x : xs) {
            long block = x.size(1) * inner;
            JavaLoops.copyBlocks(x, 0, block, y, off * inner, c * inner, block, (int) shape[0]);
            off += x.size(1);
        }
        return y;
    }

    /** Same rank, batch and spatial size, contiguous FLOAT/DOUBLE: per-image block copies. */
    private static boolean fast(INDArray... xs) {
        if (!JavaLoops.contiguousSameType(xs)) {
            return false;
        }
        for (INDArray x : xs) {
            if (x.rank() != xs[0].rank() || (x.rank() != 4 && x.rank() != 2) || x.size(0) != xs[0].size(0)) {
                return false;
            }
            for (int d = 2; d < x.rank(); d++) {
                if (x.size(d) != xs[0].size(d)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @param channels Ci of each input, in order */
    public static INDArray[] backward(long[] channels, INDArray dy) {
        INDArray[] d = new INDArray[channels.length];
        long total = 0;
        for (long ch : channels) {
            total += ch;
        }
        if (total == dy.size(1) && fast(dy)) {
            long inner = dy.length() / (dy.size(0) * dy.size(1));
            long off = 0;
            for (int i = 0; i < channels.length; i++) {
                long[] shape = dy.shape().clone();
                shape[1] = channels[i];
                d[i] = NativeOps.empty(dy.dataType(), shape);
                long block = channels[i] * inner;
                JavaLoops.copyBlocks(dy, off * inner, total * inner, d[i], 0, block, block, (int) shape[0]);
                off += channels[i];
            }
            return d;
        }
        long from = 0;
        for (int i = 0; i < channels.length; i++) {
            d[i] = Conv2dKernel.channels(dy, from, channels[i]);
            from += channels[i];
        }
        if (from != dy.size(1)) {
            throw new IllegalArgumentException("concat: channels sum " + from + " != " + dy.size(1));
        }
        return d;
    }
}
