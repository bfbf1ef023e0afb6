package org.blockscope.engine.kernel;

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

    public record Spec(int kernel, int stride, int padH, int padW, int dilation, int groups, boolean bias) {
        public Spec {
            if (kernel < 1 || stride < 1 || dilation < 1 || groups < 1 || padH < 0 || padW < 0) {
                throw new IllegalArgumentException("bad conv spec " + this);
            }
        }

        public static Spec of(int kernel, int stride, int pad) {
            return new Spec(kernel, stride, pad, pad, 1, 1, true);
        }

        /** oneDNN's dilated conv2d fails in 1.0.0-M2.1; the generic path is used then. */
        boolean helpersBroken() {
            return dilation > 1;
        }

        int[] iArgs() {
            // kH, kW, sH, sW, pH, pW, dH, dW, sameMode=0, dataFormat=0 (NCHW), wFormat=1 (OIHW)
            return new int[] {kernel, kernel, stride, stride, padH, padW, dilation, dilation, 0, 0, 1};
        }
    }

    public static long[] outShape(Spec s, long[] xShape, long cout) {
        return new long[] {
            xShape[0],
            cout,
            ConvGeometry.outSize((int) xShape[2], s.kernel(), s.stride(), s.padH(), s.dilation()),
            ConvGeometry.outSize((int) xShape[3], s.kernel(), s.stride(), s.padW(), s.dilation())
        };
    }

    public static INDArray forward(Spec s, INDArray x, INDArray w, INDArray b) {
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

    public static ParamGrads backward(Spec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
        check(s, x, w, b);
        if (OneDnnConv.handles(x)) {
            return OneDnnConv.backward(s, x, w, b, dy, true);
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
    public static ParamGrads weightGradient(Spec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
        check(s, x, w, b);
        if (OneDnnConv.handles(x)) {
            return OneDnnConv.backward(s, x, w, b, dy, false);
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

    private static INDArray conv(Spec s, INDArray x, INDArray w, INDArray b) {
        INDArray y = NativeOps.empty(x.dataType(), outShape(s, x.shape(), w.size(0)));
        INDArray[] in = b == null ? new INDArray[] {x, w} : new INDArray[] {x, w, b};
        exec(s, "conv2d", in, new INDArray[] {y});
        return y;
    }

    private static ParamGrads convBp(Spec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
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

    private static void exec(Spec s, String op, INDArray[] in, INDArray[] out) {
        if (s.helpersBroken()) {
            NativeOps.execWithoutHelpers(op, in, out, s.iArgs());
        } else {
            NativeOps.exec(op, in, out, s.iArgs());
        }
    }

    private static DepthwiseConv2dKernel.Spec depthwise(Spec s) {
        return new DepthwiseConv2dKernel.Spec(s.kernel(), s.stride(), s.padH(), s.padW(), s.dilation(), s.bias());
    }

    /** Contiguous copy of channels [from, from+n) of an NCHW array. */
    static INDArray channels(INDArray a, long from, long n) {
        return a.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + n)).dup('c');
    }

    private static INDArray slice0(INDArray a, long from, long n) {
        return a.get(NDArrayIndex.interval(from, from + n)).dup('c');
    }

    private static void check(Spec s, INDArray x, INDArray w, INDArray b) {
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
