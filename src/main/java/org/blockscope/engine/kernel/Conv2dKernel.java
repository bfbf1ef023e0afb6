package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.backend.ConvSpec;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.backend.OneDnnConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * 2-D convolution (cross-correlation, as PyTorch), NCHW.
 *
 * <ul>
 *   <li>x: [N, Cin, H, W]</li>
 *   <li>w: [Cout, Cin/groups, k, k] (PyTorch OIHW); passed to libnd4j {@code conv2d} as wFormat=1</li>
 *   <li>b: [Cout] or null</li>
 *   <li>y: [N, Cout, Ho, Wo], Ho = floor((H + 2 padH - d(k-1) - 1) / s) + 1</li>
 * </ul>
 * libnd4j 1.0.0-M2.1 {@code conv2d} has no groups argument: groups == Cin runs {@code depthwise_conv2d},
 * other groups loop over channel slices.
 */
public final class Conv2dKernel {
    private Conv2dKernel() {}

    /** [N, Cout, Ho, Wo] for x [N, Cin, H, W]. */
    public static long[] outShape(ConvSpec s, long[] xShape, long cout) {
        return s.outShape(xShape, cout);
    }

    public static INDArray forward(ConvSpec s, INDArray x, INDArray w, INDArray b) {
        check(s, x, w, b);
        if (OneDnnConv.handles(x)) {
            return OneDnnConv.forward(s, x, w, b);
        }
        long cin = x.size(1);
        long cout = w.size(0);
        if (s.groups() == 1) {
            return conv(s, x, w, b);
        }
        if (s.groups() == cin) {
            return DepthwiseConv2dKernel.forward(depthwise(s), x, w, b);
        }
        int g = s.groups();
        long cinG = cin / g;
        long coutG = cout / g;
        INDArray[] parts = new INDArray[g];
        for (int i = 0; i < g; i++) {
            parts[i] = conv(
                    s,
                    channels(x, i * cinG, cinG),
                    slice0(w, i * coutG, coutG),
                    b == null ? null : slice0(b, i * coutG, coutG));
        }
        return Nd4j.concat(1, parts);
    }

    public static ParamGrads backward(ConvSpec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
        check(s, x, w, b);
        if (OneDnnConv.handles(x)) {
            return oneDnnBackward(s, x, w, b, dy, true);
        }
        long cin = x.size(1);
        long cout = w.size(0);
        if (s.groups() == 1) {
            return convBp(s, x, w, b, dy);
        }
        if (s.groups() == cin) {
            return DepthwiseConv2dKernel.backward(depthwise(s), x, w, b, dy);
        }
        int g = s.groups();
        long cinG = cin / g;
        long coutG = cout / g;
        INDArray[] dx = new INDArray[g];
        INDArray[] dw = new INDArray[g];
        INDArray[] db = new INDArray[g];
        for (int i = 0; i < g; i++) {
            ParamGrads pg = convBp(
                    s,
                    channels(x, i * cinG, cinG),
                    slice0(w, i * coutG, coutG),
                    b == null ? null : slice0(b, i * coutG, coutG),
                    channels(dy, i * coutG, coutG));
            dx[i] = pg.dx();
            dw[i] = pg.dw();
            db[i] = pg.db();
        }
        return new ParamGrads(Nd4j.concat(1, dx), Nd4j.concat(0, dw), b == null ? null : Nd4j.concat(0, db));
    }

    /**
     * dw and db only (dx = null), for a convolution whose input needs no gradient (the image). For a
     * plain stride-1 convolution dw is itself one convolution: dw[o,c,i,j] = Σ_n,h,w x[n,c,h+i-p,w+j-p]
     * dy[n,o,h,w], i.e. the images' channels as a batch of C, the batch as input channels and dy as a
     * Ho×Wo kernel. That skips {@code conv2d_bp}'s input gradient, which oneDNN computes by Winograd
     * at about 7.7 ms for ResNet-20's 3-channel stem, the most expensive backward convolution of the net.
     * Other convolutions take {@code conv2d_bp} and drop dx.
     */
    public static ParamGrads weightGradient(ConvSpec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
        check(s, x, w, b);
        if (OneDnnConv.handles(x)) {
            return oneDnnBackward(s, x, w, b, dy, false);
        }
        if (s.groups() != 1
                || s.stride() != 1
                || s.dilation() != 1
                || s.padH() != s.padW()
                || x.size(2) != x.size(3)
                || dy.size(2) != dy.size(3)) {
            ParamGrads g = backward(s, x, w, b, dy);
            BufferPool.give(g.dx().data());
            return new ParamGrads(null, g.dw(), g.db());
        }
        long n = x.size(0), c = x.size(1), o = w.size(0);
        INDArray xt = NativeOps.empty(x.dataType(), c, n, x.size(2), x.size(3));
        xt.assign(x.permute(1, 0, 2, 3));
        INDArray kt = NativeOps.empty(dy.dataType(), o, n, dy.size(2), dy.size(3));
        kt.assign(dy.permute(1, 0, 2, 3));
        INDArray out = NativeOps.empty(x.dataType(), c, o, s.kernel(), s.kernel());
        int kh = (int) dy.size(2);
        NativeOps.exec("conv2d", new INDArray[] {xt, kt}, new INDArray[] {out}, new int[] {
            kh, kh, 1, 1, s.padH(), s.padW(), 1, 1, 0, 0, 1
        });
        INDArray dw = NativeOps.empty(w.dataType(), w.shape());
        dw.assign(out.permute(1, 0, 2, 3));
        BufferPool.give(xt.data());
        BufferPool.give(kt.data());
        BufferPool.give(out.data());
        INDArray db = b == null ? null : dy.sum(0, 2, 3).castTo(b.dataType()).reshape(b.shape());
        return new ParamGrads(null, dw, db);
    }

    /** dx (null unless needDx), dw and db (null without bias) on oneDNN directly. */
    private static ParamGrads oneDnnBackward(
            ConvSpec s, INDArray x, INDArray w, INDArray b, INDArray dy, boolean needDx) {
        INDArray dx = needDx ? NativeOps.empty(DataType.FLOAT, x.shape()) : null;
        INDArray dw = NativeOps.empty(DataType.FLOAT, w.shape());
        INDArray db = b == null ? null : NativeOps.empty(DataType.FLOAT, b.shape());
        OneDnnConv.backward(s, x, w, dy, dx, dw, db);
        return new ParamGrads(dx, dw, db);
    }

    /**
     * Whether {@link #forwardChannelsLast} runs this convolution channels-last: any convolution when oneDNN
     * is called directly ({@link OneDnn}), else plain ones (groups 1, dilation 1: libnd4j's NHWC conv2d).
     */
    public static boolean supportsChannelsLast(ConvSpec s) {
        return OneDnn.available() || (s.groups() == 1 && s.dilation() == 1);
    }

    /**
     * Convolution of channels-last xh [N, H, W, Cin] with PyTorch-layout w [Cout, Cin/groups, k, k]: y [N,
     * Ho, Wo, Cout], then max(y, 0) when relu. FLOAT runs on oneDNN directly with the ReLU as a post-op
     * (one pass); otherwise libnd4j's NHWC conv2d for plain convolutions, or the NCHW kernel with layout
     * copies, then a ReLU loop.
     */
    public static INDArray forwardChannelsLast(ConvSpec s, INDArray xh, INDArray w, INDArray b, boolean relu) {
        if (xh.rank() != 4 || xh.size(3) != w.size(1) * s.groups()) {
            throw new IllegalArgumentException("channels-last conv2d " + s + ": x " + shape(xh) + ", w " + shape(w));
        }
        s = s.withBias(b != null); // a batch norm folded into a convolution gives it a bias
        if (OneDnnConv.handles(xh)) {
            return OneDnnConv.forwardChannelsLast(s, xh, w, b, relu);
        }
        INDArray y;
        if (s.groups() == 1 && s.dilation() == 1) {
            long[] out = s.outShape(new long[] {xh.size(0), xh.size(3), xh.size(1), xh.size(2)}, w.size(0));
            y = NativeOps.empty(xh.dataType(), out[0], out[2], out[3], out[1]);
            INDArray[] in = b == null ? new INDArray[] {xh, w} : new INDArray[] {xh, w, b};
            // kH, kW, sH, sW, pH, pW, dH, dW, sameMode=0, dataFormat=1 (NHWC), wFormat=1 (OIHW)
            NativeOps.exec("conv2d", in, new INDArray[] {y}, new int[] {
                s.kernel(), s.kernel(), s.stride(), s.stride(), s.padH(), s.padW(), 1, 1, 0, 1, 1
            });
        } else {
            INDArray yc = forward(s, ChannelsLast.asNchw(xh).dup('c'), w, b);
            y = ChannelsLast.fromNchw(yc);
            BufferPool.give(yc.data());
        }
        if (!relu) {
            return y;
        }
        INDArray r = ActivationKernel.forward(Activation.RELU, y);
        BufferPool.give(y.data());
        return r;
    }

    private static INDArray conv(ConvSpec s, INDArray x, INDArray w, INDArray b) {
        INDArray y = NativeOps.empty(x.dataType(), outShape(s, x.shape(), w.size(0)));
        INDArray[] in = b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b};
        exec(s, "conv2d", in, new INDArray[] {y});
        return y;
    }

    private static ParamGrads convBp(ConvSpec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
        INDArray dx = NativeOps.empty(x.dataType(), x.shape());
        INDArray dw = NativeOps.empty(w.dataType(), w.shape());
        if (b == null) {
            exec(s, "conv2d_bp", new INDArray[] {x, w, dy}, new INDArray[] {dx, dw});
            return new ParamGrads(dx, dw, null);
        }
        INDArray db = NativeOps.empty(b.dataType(), b.shape());
        exec(s, "conv2d_bp", new INDArray[] {x, w, b, dy}, new INDArray[] {dx, dw, db});
        return new ParamGrads(dx, dw, db);
    }

    private static void exec(ConvSpec s, String op, INDArray[] in, INDArray[] out) {
        if (s.helpersBroken()) {
            NativeOps.execWithoutHelpers(op, in, out, s.iArgs());
        } else {
            NativeOps.exec(op, in, out, s.iArgs());
        }
    }

    private static DepthwiseConv2dKernel.Spec depthwise(ConvSpec s) {
        return new DepthwiseConv2dKernel.Spec(s.kernel(), s.stride(), s.padH(), s.padW(), s.dilation(), s.bias());
    }

    /** Contiguous copy of channels [from, from+n) of an NCHW array. */
    static INDArray channels(INDArray a, long from, long n) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + n)).dup('c');
    }

    private static INDArray slice0(INDArray a, long from, long n) {
        return a.get(NDArrayIndex.interval(from, from + n)).dup('c');
    }

    private static void check(ConvSpec s, INDArray x, INDArray w, INDArray b) {
        if (x.rank() != 4
                || w.rank() != 4
                || w.size(2) != s.kernel()
                || w.size(3) != s.kernel()
                || x.size(1) != w.size(1) * s.groups()
                || w.size(0) % s.groups() != 0
                || (b != null) != s.bias()
                || (b != null && b.length() != w.size(0))) {
            throw new IllegalArgumentException(
                    "conv2d " + s + ": x " + shape(x) + ", w " + shape(w) + ", b " + (b == null ? "none" : shape(b)));
        }
    }

    static String shape(INDArray a) {
        return java.util.Arrays.toString(a.shape());
    }
}
