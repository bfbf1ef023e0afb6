package org.blockscope.engine.kernel;

import org.blockscope.engine.backend.ConvSpec;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnnConv;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Depthwise 2-D convolution with channel multiplier m, NCHW, PyTorch semantics
 * ({@code Conv2d(groups=Cin, out_channels=Cin*m)}).
 *
 * <ul>
 *   <li>x: [N, Cin, H, W]</li>
 *   <li>w: [Cin*m, 1, k, k] (PyTorch layout; output channel o reads input channel o / m)</li>
 *   <li>b: [Cin*m] or null</li>
 *   <li>y: [N, Cin*m, Ho, Wo]</li>
 * </ul>
 * FLOAT arrays run on oneDNN's depthwise kernels directly ({@link OneDnnConv}, a grouped convolution
 * with groups = Cin). Otherwise (DOUBLE, or no oneDNN preset for the platform) two paths, both checked
 * against the same reference:
 * <ul>
 *   <li>dilation 1 and Cin <= {@value #DENSE_MAX_CIN}: a dense {@code conv2d} (oneDNN) with a block-diagonal
 *   weight [Cin*m, Cin, k, k]. It does Cin times the multiply-adds but is still about 18x faster than
 *   libnd4j's depthwise op here (64x32x32x32, 3x3, FLOAT: 14 ms vs 255 ms forward).</li>
 *   <li>otherwise libnd4j {@code depthwise_conv2d} / {@code depthwise_conv2d_bp} with wFormat=1, whose
 *   weight is [m, Cin, k, k] ([Cin*m,1,k,k] -> [Cin,m,k,k] -> [m,Cin,k,k]). oneDNN conv2d cannot take
 *   dilation in 1.0.0-M2.1, so dilated depthwise stays on this op.</li>
 * </ul>
 */
public final class DepthwiseConv2dKernel {
    private DepthwiseConv2dKernel() {}

    public record Spec(int kernel, int stride, int padH, int padW, int dilation, boolean bias) {
        int[] iArgs() {
            return new int[] {kernel, kernel, stride, stride, padH, padW, dilation, dilation, 0, 0, 1};
        }
    }

    static final int DENSE_MAX_CIN = 128;

    static boolean useDense(Spec s, long cin) {
        return s.dilation() == 1 && cin <= DENSE_MAX_CIN;
    }

    public static INDArray forward(Spec s, INDArray x, INDArray w, INDArray b) {
        check(s, x, w, b);
        if (OneDnnConv.handles(x)) {
            return OneDnnConv.forward(grouped(s, x.size(1)), x, w, b);
        }
        if (useDense(s, x.size(1))) {
            return Conv2dKernel.forward(dense(s), x, blockDiagonal(w, x.size(1)), b);
        }
        INDArray y = NativeOps.empty(x.dataType(), grouped(s, x.size(1)).outShape(x.shape(), w.size(0)));
        INDArray wn = toNative(w, x.size(1));
        INDArray[] in = b == null ? new INDArray[] {x, wn} : new INDArray[] {x, wn, b};
        NativeOps.exec("depthwise_conv2d", in, new INDArray[] {y}, s.iArgs());
        return y;
    }

    public static ParamGrads backward(Spec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
        check(s, x, w, b);
        long cin = x.size(1);
        if (OneDnnConv.handles(x)) {
            INDArray dx = NativeOps.empty(DataType.FLOAT, x.shape()), dw = NativeOps.empty(DataType.FLOAT, w.shape());
            INDArray db = b == null ? null : NativeOps.empty(DataType.FLOAT, b.shape());
            OneDnnConv.backward(grouped(s, cin), x, w, dy, dx, dw, db);
            return new ParamGrads(dx, dw, db);
        }
        if (useDense(s, cin)) {
            ParamGrads g = Conv2dKernel.backward(dense(s), x, blockDiagonal(w, cin), b, dy);
            return new ParamGrads(g.dx(), diagonal(g.dw(), w), g.db());
        }
        INDArray wn = toNative(w, cin);
        INDArray dx = NativeOps.empty(x.dataType(), x.shape());
        INDArray dwn = NativeOps.empty(w.dataType(), wn.shape());
        INDArray db = null;
        if (b == null) {
            NativeOps.exec("depthwise_conv2d_bp", new INDArray[] {x, wn, dy}, new INDArray[] {dx, dwn}, s.iArgs());
        } else {
            db = NativeOps.empty(b.dataType(), b.shape());
            NativeOps.exec(
                    "depthwise_conv2d_bp", new INDArray[] {x, wn, b, dy}, new INDArray[] {dx, dwn, db}, s.iArgs());
        }
        return new ParamGrads(dx, fromNative(dwn, w.shape()), db);
    }

    /** The same convolution as a grouped one (groups = Cin): oneDNN's depthwise kernels take it as such. */
    private static ConvSpec grouped(Spec s, long cin) {
        return new ConvSpec(s.kernel(), s.stride(), s.padH(), s.padW(), s.dilation(), (int) cin, s.bias());
    }

    private static ConvSpec dense(Spec s) {
        return new ConvSpec(s.kernel(), s.stride(), s.padH(), s.padW(), 1, 1, s.bias());
    }

    /** [Cin*m, 1, k, k] -> [Cin*m, Cin, k, k] with W[o, o/m] = w[o, 0], zero elsewhere. */
    private static INDArray blockDiagonal(INDArray w, long cin) {
        int cout = (int) w.size(0), kk = (int) (w.size(2) * w.size(3)), m = (int) (cout / cin);
        double[] src = w.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] dst = new double[(int) (cout * cin * kk)];
        for (int o = 0; o < cout; o++) {
            System.arraycopy(src, o * kk, dst, (int) ((o * cin + o / m) * kk), kk);
        }
        return Nd4j.create(dst, new long[] {cout, cin, w.size(2), w.size(3)}, 'c')
                .castTo(w.dataType());
    }

    /** Inverse of {@link #blockDiagonal}: picks the [Cin*m, 1, k, k] entries of a dense weight gradient. */
    private static INDArray diagonal(INDArray dense, INDArray like) {
        int cout = (int) dense.size(0), cin = (int) dense.size(1), kk = (int) (dense.size(2) * dense.size(3));
        int m = cout / cin;
        double[] src = dense.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] dst = new double[cout * kk];
        for (int o = 0; o < cout; o++) {
            System.arraycopy(src, (o * cin + o / m) * kk, dst, o * kk, kk);
        }
        return Nd4j.create(dst, like.shape(), 'c').castTo(like.dataType());
    }

    /** [Cin*m, 1, k, k] -> [m, Cin, k, k] */
    private static INDArray toNative(INDArray w, long cin) {
        long m = w.size(0) / cin;
        return w.reshape('c', cin, m, w.size(2), w.size(3)).permute(1, 0, 2, 3).dup('c');
    }

    /** [m, Cin, k, k] -> [Cin*m, 1, k, k] */
    private static INDArray fromNative(INDArray wn, long[] shape) {
        return wn.permute(1, 0, 2, 3).dup('c').reshape('c', shape);
    }

    private static void check(Spec s, INDArray x, INDArray w, INDArray b) {
        if (x.rank() != 4
                || w.rank() != 4
                || w.size(1) != 1
                || w.size(0) % x.size(1) != 0
                || w.size(2) != s.kernel()
                || w.size(3) != s.kernel()
                || (b != null) != s.bias()
                || (b != null && b.length() != w.size(0))) {
            throw new IllegalArgumentException(
                    "depthwise " + s + ": x " + Conv2dKernel.shape(x) + ", w " + Conv2dKernel.shape(w));
        }
    }
}
