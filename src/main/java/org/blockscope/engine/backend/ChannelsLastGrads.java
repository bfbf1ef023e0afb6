package org.blockscope.engine.backend;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Backward loops on channels-last arrays [N, H, W, C] (see {@link ChannelsLast}): global pooling's
 * gradient, SE scaling's gradient with respect to its scale, and a concatenation's split. FLOAT arrays
 * run as Java loops over whole images (each image's block read once), other types through ND4J.
 */
public final class ChannelsLastGrads {
    private ChannelsLastGrads() {}

    private static boolean floats(INDArray... as) {
        for (INDArray a : as) {
            if (a.dataType() != DataType.FLOAT || !OneDnn.isDense(a)) {
                return false;
            }
        }
        return true;
    }

    /** dx [N, H, W, C] with dx[n, h, w, c] = dy[n, c] / (H·W): global average pooling's gradient. */
    public static INDArray globalAvgPool(long[] shape, INDArray dy) {
        int n = (int) shape[0], hw = (int) (shape[1] * shape[2]), c = (int) shape[3];
        INDArray dx = NativeOps.empty(dy.dataType(), shape);
        if (!floats(dy)) {
            dx.assign(0);
            return Broadcast.add(dx, dy.div(hw), dx, 0, 3);
        }
        float[] d = dy.data().asFloat();
        FloatBuffer out = dx.data().asNioFloat();
        Workers.forEach(n, dx.length(), img -> {
            float[] p = ChannelPlanes.fscratch(0, hw * c);
            for (int j = 0; j < c; j++) {
                p[j] = d[img * c + j] / hw;
            }
            for (int px = 1; px < hw; px++) {
                System.arraycopy(p, 0, p, px * c, c);
            }
            out.put(img * hw * c, p, 0, hw * c);
        });
        return dx;
    }

    /** ds [N, C] with ds[n, c] = Σ over pixels of dy·x: the gradient of SE scaling with respect to the scale. */
    public static INDArray scaleGradient(INDArray xh, INDArray dyh) {
        int n = (int) xh.size(0), hw = (int) (xh.size(1) * xh.size(2)), c = (int) xh.size(3);
        if (!floats(xh, dyh)) {
            return dyh.mul(xh).sum(1, 2);
        }
        FloatBuffer x = xh.data().asNioFloat(), d = dyh.data().asNioFloat();
        float[] ds = new float[n * c];
        Workers.forEach(n, xh.length(), img -> {
            // float partial sums over 64 pixels (an elementwise loop over channels, vectorised), added in double
            float[] px = ChannelPlanes.fscratch(0, hw * c), pd = ChannelPlanes.fscratch(1, hw * c);
            float[] part = ChannelPlanes.fscratch(2, c);
            x.get(img * hw * c, px, 0, hw * c);
            d.get(img * hw * c, pd, 0, hw * c);
            double[] acc = new double[c];
            for (int start = 0; start < hw; start += 64) {
                java.util.Arrays.fill(part, 0, c, 0f);
                for (int i = start, end = Math.min(hw, start + 64); i < end; i++) {
                    int off = i * c;
                    for (int j = 0; j < c; j++) {
                        part[j] += pd[off + j] * px[off + j];
                    }
                }
                for (int j = 0; j < c; j++) {
                    acc[j] += part[j];
                }
            }
            for (int j = 0; j < c; j++) {
                ds[img * c + j] = (float) acc[j];
            }
        });
        return Nd4j.create(ds, new long[] {n, c}, 'c');
    }

    /** dyh [N, H, W, ΣCi] split along C into the parts [N, H, W, Ci] (a concatenation's gradient). */
    public static INDArray[] split(INDArray dyh, long[] channels) {
        if (ChannelsLast.ONEDNN_CONCAT
                && OneDnnPlanes.handles(dyh)
                && dyh.rank() == 4
                && Arrays.stream(channels).sum() == dyh.size(3)) {
            return OneDnnConcat.split(dyh, channels);
        }
        return splitLoops(dyh, channels);
    }

    /** {@link #split} by Java loops (each image through heap arrays). */
    static INDArray[] splitLoops(INDArray dyh, long[] channels) {
        int k = channels.length;
        INDArray[] parts = new INDArray[k];
        if (!floats(dyh)) {
            long from = 0;
            for (int i = 0; i < k; i++) {
                parts[i] = dyh.get(
                                NDArrayIndex.all(),
                                NDArrayIndex.all(),
                                NDArrayIndex.all(),
                                NDArrayIndex.interval(from, from + channels[i]))
                        .dup('c');
                from += channels[i];
            }
            return parts;
        }
        int n = (int) dyh.size(0), hw = (int) (dyh.size(1) * dyh.size(2)), ctot = (int) dyh.size(3);
        FloatBuffer in = dyh.data().asNioFloat();
        FloatBuffer[] out = new FloatBuffer[k];
        int[] cs = new int[k];
        for (int i = 0; i < k; i++) {
            cs[i] = (int) channels[i];
            parts[i] = NativeOps.empty(DataType.FLOAT, dyh.size(0), dyh.size(1), dyh.size(2), channels[i]);
            out[i] = parts[i].data().asNioFloat();
        }
        // per image: one bulk read, each part gathered per pixel into a scratch block, one bulk write
        Workers.forEach(n, dyh.length(), img -> {
            float[] p = ChannelPlanes.fscratch(0, hw * ctot), o = ChannelPlanes.fscratch(1, hw * ctot);
            in.get(img * hw * ctot, p, 0, hw * ctot);
            int at = 0;
            for (int i = 0; i < k; i++) {
                int c = cs[i];
                for (int px = 0; px < hw; px++) {
                    System.arraycopy(p, px * ctot + at, o, px * c, c);
                }
                out[i].put(img * hw * c, o, 0, hw * c);
                at += c;
            }
        });
        return parts;
    }
}
