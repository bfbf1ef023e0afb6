package org.blockscope.engine.backend;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Layout conversions and loops on channels-last activations: contiguous c-order [N, H, W, C] arrays
 * ("NHWC"), used by the fused inference pass ({@code Model.infer}) and the trainer's passes. oneDNN's fastest FP32 convolution here (brgconv) works
 * in this layout, so an NCHW network pays two layout conversions per convolution (measured with
 * DNNL_VERBOSE: about a third of the convolution time); channels-last activations avoid them.
 * Weights stay in PyTorch's [Cout, Cin, k, k] layout.
 */
public final class ChannelsLast {
    private ChannelsLast() {}

    /** [N, C, H, W] (any strides) as a contiguous [N, H, W, C] copy. */
    public static INDArray fromNchw(INDArray x) {
        INDArray y = NativeOps.empty(x.dataType(), x.size(0), x.size(2), x.size(3), x.size(1));
        if (OneDnnPlanes.handles(x)) {
            OneDnnPlanes.reorder(x, false, y); // a jit reorder: several times ND4J's strided assign
        } else {
            y.assign(x.permute(0, 2, 3, 1));
        }
        return y;
    }

    /** The [N, C, H, W] view of a channels-last array (no copy). */
    public static INDArray asNchw(INDArray xh) {
        return xh.permute(0, 3, 1, 2);
    }

    /** Channels-last xh [N, H, W, C] (any strides) as a contiguous [N, C, H, W] copy. */
    public static INDArray toNchw(INDArray xh) {
        INDArray y = NativeOps.empty(xh.dataType(), xh.size(0), xh.size(3), xh.size(1), xh.size(2));
        if (OneDnnPlanes.handles(xh)) {
            OneDnnPlanes.reorder(xh, true, y);
        } else {
            y.assign(asNchw(xh));
        }
        return y;
    }

    /** y = x * scale[c] + shift[c] on channels-last x (batch norm at inference). */
    public static INDArray affine(INDArray xh, double[] scale, double[] shift) {
        return affine(xh, scale, shift, false);
    }

    /** y = x * scale[c] + shift[c], then max(y, 0) when relu, on channels-last x. */
    public static INDArray affine(INDArray xh, double[] scale, double[] shift, boolean relu) {
        int c = (int) xh.size(3);
        INDArray y = NativeOps.empty(xh.dataType(), xh.shape());
        if (xh.dataType() == DataType.FLOAT && !xh.isView()) {
            float[] s = toFloats(scale), t = toFloats(shift);
            FloatBuffer in = xh.data().asNioFloat(), out = y.data().asNioFloat();
            long pixels = xh.length() / c;
            int rows = (int) Math.max(1, Math.min(pixels, 4096 / Math.max(1, c))); // pixels per chunk
            Workers.forRanges((int) ((pixels + rows - 1) / rows), xh.length(), (from, to) -> {
                float[] p = ChannelPlanes.fscratch(0, rows * c);
                for (int r = from; r < to; r++) {
                    int off = r * rows * c;
                    int len = (int) Math.min((long) rows * c, xh.length() - off);
                    in.get(off, p, 0, len);
                    for (int i = 0; i < len; i += c) {
                        for (int j = 0; j < c; j++) {
                            p[i + j] = p[i + j] * s[j] + t[j];
                        }
                    }
                    if (relu) {
                        for (int i = 0; i < len; i++) {
                            p[i] = Math.max(p[i], 0f);
                        }
                    }
                    out.put(off, p, 0, len);
                }
            });
            return y;
        }
        INDArray sv = Nd4j.createFromArray(scale).castTo(xh.dataType()),
                tv = Nd4j.createFromArray(shift).castTo(xh.dataType());
        INDArray r =
                xh.reshape(xh.length() / c, c).mulRowVector(sv.reshape(1, c)).addiRowVector(tv.reshape(1, c));
        if (relu) {
            r = org.nd4j.linalg.ops.transforms.Transforms.relu(r, false);
        }
        y.assign(r.reshape(xh.shape()));
        return y;
    }

    /** Mean over H and W of channels-last x: [N, C]. */
    public static INDArray globalAvgPool(INDArray xh) {
        if (xh.rank() == 4 && OneDnnPlanes.handles(xh)) {
            return OneDnnPlanes.meanChannelsLast(xh);
        }
        int n = (int) xh.size(0), c = (int) xh.size(3);
        int hw = (int) (xh.size(1) * xh.size(2));
        if (xh.dataType() != DataType.FLOAT || xh.isView()) {
            return xh.mean(1, 2);
        }
        FloatBuffer in = xh.data().asNioFloat();
        float[] out = new float[n * c];
        Workers.forEach(n, xh.length(), img -> {
            // the image's block in one bulk read; float partial sums over 64 pixels (an elementwise loop
            // over channels, vectorised), added up in double
            float[] p = ChannelPlanes.fscratch(0, hw * c), part = ChannelPlanes.fscratch(1, c);
            in.get(img * hw * c, p, 0, hw * c);
            double[] acc = new double[c];
            for (int start = 0; start < hw; start += 64) {
                java.util.Arrays.fill(part, 0, c, 0f);
                int end = Math.min(hw, start + 64);
                for (int i = start; i < end; i++) {
                    int off = i * c;
                    for (int j = 0; j < c; j++) {
                        part[j] += p[off + j];
                    }
                }
                for (int j = 0; j < c; j++) {
                    acc[j] += part[j];
                }
            }
            for (int j = 0; j < c; j++) {
                out[img * c + j] = (float) (acc[j] / hw);
            }
        });
        return Nd4j.create(out, new long[] {n, c}, 'c');
    }

    /** Whether {@link #scaleAdd} runs: FLOAT dense arrays on oneDNN, xh and other [N, H, W, C], s [N, C]. */
    public static boolean canScaleAdd(INDArray xh, INDArray s, INDArray other) {
        return xh.rank() == 4
                && s.rank() == 2
                && s.size(0) == xh.size(0)
                && s.size(1) == xh.size(3)
                && java.util.Arrays.equals(xh.shape(), other.shape())
                && OneDnnPlanes.handles(xh, s, other);
    }

    /**
     * xh·s + other, then max(·, 0) when relu: a squeeze-and-excitation gate s [N, C] applied to channels-last
     * xh [N, H, W, C] and the residual sum in one pass (see {@link #canScaleAdd}).
     */
    public static INDArray scaleAdd(INDArray xh, INDArray s, INDArray other, boolean relu) {
        INDArray y = NativeOps.empty(DataType.FLOAT, xh.shape());
        OneDnnPlanes.scaleAddChannelsLast(xh, s, other, relu, y);
        return y;
    }

    /** y[n,h,w,c] = x[n,h,w,c] * s[n,c] (squeeze-and-excitation gate) on channels-last x. */
    public static INDArray scale(INDArray xh, INDArray s) {
        if (s.rank() == 2 && OneDnnPlanes.handles(xh, s)) {
            return OneDnnPlanes.scaleChannelsLast(xh, s);
        }
        int n = (int) xh.size(0), c = (int) xh.size(3);
        int hw = (int) (xh.size(1) * xh.size(2));
        if (xh.dataType() != DataType.FLOAT || xh.isView()) {
            INDArray x = asNchw(xh).dup('c');
            return fromNchw(org.nd4j.linalg.factory.Broadcast.mul(x, s, x.ulike(), 0, 1));
        }
        INDArray y = NativeOps.empty(xh.dataType(), xh.shape());
        float[] sv = s.dup('c').castTo(DataType.FLOAT).data().asFloat();
        FloatBuffer in = xh.data().asNioFloat(), out = y.data().asNioFloat();
        Workers.forEach(n, xh.length(), img -> {
            float[] p = ChannelPlanes.fscratch(0, hw * c);
            in.get(img * hw * c, p, 0, hw * c);
            int base = img * c;
            for (int i = 0; i < hw * c; i += c) {
                for (int j = 0; j < c; j++) {
                    p[i + j] *= sv[base + j];
                }
            }
            out.put(img * hw * c, p, 0, hw * c);
        });
        return y;
    }

    /** Channels-last inputs joined along C (oneDNN's concat when it takes them, else Java loops). */
    public static INDArray concat(INDArray... xhs) {
        if (ONEDNN_CONCAT && OneDnnConcat.handles(xhs)) {
            return OneDnnConcat.concat(xhs);
        }
        return concatLoops(xhs);
    }

    /** For A/B benchmarks: -Dblockscope.onednnConcat=false keeps concatenations and splits in Java loops. */
    static final boolean ONEDNN_CONCAT = !"false".equals(System.getProperty("blockscope.onednnConcat"));

    /** Channels-last inputs joined along C by Java loops (each image through heap arrays). */
    static INDArray concatLoops(INDArray... xhs) {
        long n = xhs[0].size(0), h = xhs[0].size(1), w = xhs[0].size(2);
        int total = 0;
        for (INDArray x : xhs) {
            if (x.rank() != 4
                    || x.size(0) != n
                    || x.size(1) != h
                    || x.size(2) != w
                    || x.dataType() != DataType.FLOAT
                    || x.isView()) {
                return Nd4j.concat(3, xhs);
            }
            total += (int) x.size(3);
        }
        int hw = (int) (h * w), ctot = total, k = xhs.length;
        int[] cs = new int[k];
        FloatBuffer[] in = new FloatBuffer[k];
        for (int i = 0; i < k; i++) {
            cs[i] = (int) xhs[i].size(3);
            in[i] = xhs[i].data().asNioFloat();
        }
        INDArray y = NativeOps.empty(DataType.FLOAT, n, h, w, total);
        FloatBuffer out = y.data().asNioFloat();
        // per image: each input's block into a scratch array, interleaved per pixel, one bulk write
        Workers.forEach((int) n, y.length(), img -> {
            float[] o = ChannelPlanes.fscratch(0, hw * ctot), p = ChannelPlanes.fscratch(1, hw * ctot);
            int at = 0;
            for (int i = 0; i < k; i++) {
                int c = cs[i];
                in[i].get(img * hw * c, p, 0, hw * c);
                for (int px = 0; px < hw; px++) {
                    System.arraycopy(p, px * c, o, px * ctot + at, c);
                }
                at += c;
            }
            out.put(img * hw * ctot, o, 0, hw * ctot);
        });
        return y;
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
