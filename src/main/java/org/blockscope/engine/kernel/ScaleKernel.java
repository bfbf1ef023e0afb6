package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.ChannelPlanes;
import org.blockscope.engine.backend.JavaLoops;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnnPlanes;
import org.blockscope.engine.backend.Workers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Channel scaling (e.g. squeeze-and-excitation gate): y[n,c,h,w] = x[n,c,h,w] * s[n,c].
 * x: [N, C, H, W], s: [N, C]. Per-plane parallel Java loops on contiguous FLOAT arrays
 * ({@link ChannelPlanes}), otherwise broadcast ops along axes 0 and 1 (DOUBLE: the gradient checks).
 */
public final class ScaleKernel {
    private ScaleKernel() {}

    /** dx like x, ds like s. */
    public record Grads(INDArray dx, INDArray ds) {}

    public static INDArray forward(INDArray x, INDArray s) {
        if (shapesMatch(x, s) && OneDnnPlanes.handles(x, s)) {
            return OneDnnPlanes.scale(x, s);
        }
        if (fast(x, s) && x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            ChannelPlanes in = new ChannelPlanes(x);
            INDArray y = NativeOps.empty(x.dataType(), x.shape());
            ChannelPlanes out = new ChannelPlanes(y);
            float[] sv = s.dup('c').data().asFloat();
            Workers.forEach(
                    in.n * in.c,
                    x.length(),
                    plane -> { // plane = n * C + c
                        float[] p = ChannelPlanes.fscratch(0, in.hw);
                        float k = sv[plane];
                        in.getF(plane / in.c, plane % in.c, p);
                        for (int j = 0; j < in.hw; j++) {
                            p[j] *= k;
                        }
                        out.putF(plane / in.c, plane % in.c, p);
                    });
            return y;
        }
        // a strided view (e.g. the NCHW view of a channels-last array) gave wrong products here: copy first
        INDArray xc = x.isView() || x.ordering() != 'c' ? x.dup('c') : x;
        return Broadcast.mul(xc, s, xc.ulike(), 0, 1);
    }

    /** x contiguous [N, C, H, W], s [N, C], same type: per-plane Java loops (for FLOAT). */
    private static boolean fast(INDArray x, INDArray s) {
        return shapesMatch(x, s) && JavaLoops.contiguousSameType(x) && s.dataType() == x.dataType();
    }

    private static boolean shapesMatch(INDArray x, INDArray s) {
        return x.rank() == 4 && s.rank() == 2 && s.size(0) == x.size(0) && s.size(1) == x.size(1);
    }

    public static Grads backward(INDArray x, INDArray s, INDArray dy) {
        if (shapesMatch(x, s) && java.util.Arrays.equals(x.shape(), dy.shape()) && OneDnnPlanes.handles(x, s, dy)) {
            // dx = dy * s on oneDNN; ds[n, c] = Σ dy·x as a Java loop (oneDNN's product-then-sum took longer)
            ChannelPlanes xs = new ChannelPlanes(x), ds = new ChannelPlanes(dy);
            float[] dsv = new float[(int) s.length()];
            Workers.forEach(xs.n * xs.c, x.length(), plane -> {
                float[] px = ChannelPlanes.fscratch(0, xs.hw), pd = ChannelPlanes.fscratch(1, xs.hw);
                xs.getF(plane / xs.c, plane % xs.c, px);
                ds.getF(plane / xs.c, plane % xs.c, pd);
                double acc = 0;
                for (int j = 0; j < xs.hw; j++) {
                    acc += pd[j] * px[j];
                }
                dsv[plane] = (float) acc;
            });
            return new Grads(OneDnnPlanes.scale(dy, s), Nd4j.create(dsv, s.shape(), 'c'));
        }
        if (fast(x, s)
                && JavaLoops.applicable(x, dy)
                && java.util.Arrays.equals(x.shape(), dy.shape())
                && x.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            ChannelPlanes xs = new ChannelPlanes(x), ds = new ChannelPlanes(dy);
            INDArray dx = NativeOps.empty(dy.dataType(), dy.shape());
            ChannelPlanes out = new ChannelPlanes(dx);
            float[] sv = s.dup('c').data().asFloat();
            float[] dsv = new float[sv.length];
            Workers.forEach(xs.n * xs.c, x.length(), plane -> {
                float[] px = ChannelPlanes.fscratch(0, xs.hw), pd = ChannelPlanes.fscratch(1, xs.hw);
                int n = plane / xs.c, c = plane % xs.c;
                float k = sv[plane];
                xs.getF(n, c, px);
                ds.getF(n, c, pd);
                double acc = 0;
                for (int j = 0; j < xs.hw; j++) {
                    acc += pd[j] * px[j];
                    pd[j] *= k;
                }
                dsv[plane] = (float) acc;
                out.putF(n, c, pd);
            });
            return new Grads(dx, Nd4j.create(dsv, s.shape(), 'c'));
        }
        INDArray dyc = NativeOps.contiguous(dy), xc = NativeOps.contiguous(x); // broadcasts and views: see forward
        INDArray dx = Broadcast.mul(dyc, s, dyc.ulike(), 0, 1);
        INDArray ds = dyc.mul(xc).sum(2, 3);
        return new Grads(dx, ds);
    }
}
