package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.ChannelPlanes;
import org.blockscope.engine.backend.JavaLoops;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnnPlanes;
import org.blockscope.engine.backend.Workers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** Global average pooling: x [N, C, H, W] -> y [N, C]. */
public final class GlobalAvgPoolKernel {
    private GlobalAvgPoolKernel() {}

    public static INDArray forward(INDArray x) {
        if (x.rank() == 4 && OneDnnPlanes.handles(x)) {
            return OneDnnPlanes.mean(x);
        }
        if (x.rank() == 4
                && x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                && JavaLoops.contiguousSameType(x)) {
            ChannelPlanes in = new ChannelPlanes(x); // one sum per plane, planes split over threads
            float[] y = new float[in.n * in.c];
            Workers.forEach(in.n * in.c, x.length(), plane -> {
                float[] p = ChannelPlanes.fscratch(0, in.hw);
                in.getF(plane / in.c, plane % in.c, p);
                double acc = 0;
                for (int j = 0; j < in.hw; j++) {
                    acc += p[j];
                }
                y[plane] = (float) (acc / in.hw);
            });
            return Nd4j.create(y, new long[] {in.n, in.c}, 'c');
        }
        return x.mean(2, 3);
    }

    /**
     * g + dx for a gradient g [N, C, H, W] the input already has (in SE blocks, from the scaling): one
     * pass over g instead of building dx and adding it. In place when inPlace (g belongs to the caller),
     * else into a new array. Null when this path does not apply; then use {@link #backward} and add.
     */
    public static INDArray addBackwardTo(INDArray g, INDArray dy, boolean inPlace) {
        if (g.rank() != 4
                || dy.rank() != 2
                || g.size(0) != dy.size(0)
                || g.size(1) != dy.size(1)
                || !OneDnnPlanes.handles(g, dy)) {
            return null;
        }
        INDArray v = dy.div(g.size(2) * g.size(3));
        INDArray y = inPlace ? g : NativeOps.empty(g.dataType(), g.shape());
        OneDnnPlanes.addPerPlane(g, v, y);
        return y;
    }

    /** dx[n,c,h,w] = dy[n,c] / (H*W) */
    public static INDArray backward(long[] xShape, INDArray dy) {
        if (xShape.length == 4 && dy.rank() == 2 && dy.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            INDArray dx = NativeOps.empty(dy.dataType(), xShape);
            ChannelPlanes out = new ChannelPlanes(dx);
            float[] d = dy.dup('c').data().asFloat();
            Workers.forEach(out.n * out.c, dx.length(), plane -> {
                float[] p = ChannelPlanes.fscratch(0, out.hw);
                java.util.Arrays.fill(p, 0, out.hw, d[plane] / out.hw);
                out.putF(plane / out.c, plane % out.c, p);
            });
            return dx;
        }
        if (xShape.length == 4
                && dy.rank() == 2
                && (dy.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                        || dy.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE)) {
            INDArray dx = NativeOps.empty(dy.dataType(), xShape);
            ChannelPlanes out = new ChannelPlanes(dx);
            double[] d = dy.dup('c').data().asDouble();
            double[] p = ChannelPlanes.scratch(0, out.hw);
            for (int n = 0; n < out.n; n++) {
                for (int c = 0; c < out.c; c++) {
                    java.util.Arrays.fill(p, 0, out.hw, d[n * out.c + c] / out.hw);
                    out.put(n, c, p);
                }
            }
            return dx;
        }
        INDArray dx = Nd4j.zeros(dy.dataType(), xShape);
        return Broadcast.add(dx, dy.div(xShape[2] * xShape[3]), dx, 0, 1);
    }
}
