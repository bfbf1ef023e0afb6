package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;

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
 * Runs libnd4j {@code depthwise_conv2d} / {@code depthwise_conv2d_bp} with wFormat=1, whose weight is
 * [m, Cin, k, k]; the weight is permuted here ([Cin*m,1,k,k] -> [Cin,m,k,k] -> [m,Cin,k,k]).
 */
public final class DepthwiseConv2dKernel {
  private DepthwiseConv2dKernel() {}

  public record Spec(int kernel, int stride, int padH, int padW, int dilation, boolean bias) {
    int[] iArgs() {
      return new int[] {kernel, kernel, stride, stride, padH, padW, dilation, dilation, 0, 0, 1};
    }
  }

  public static INDArray forward(Spec s, INDArray x, INDArray w, INDArray b) {
    check(s, x, w, b);
    long cout = w.size(0);
    INDArray y = NativeOps.empty(x.dataType(), x.size(0), cout,
        ConvGeometry.outSize((int) x.size(2), s.kernel(), s.stride(), s.padH(), s.dilation()),
        ConvGeometry.outSize((int) x.size(3), s.kernel(), s.stride(), s.padW(), s.dilation()));
    INDArray wn = toNative(w, x.size(1));
    INDArray[] in = b == null ? new INDArray[] {x, wn} : new INDArray[] {x, wn, b};
    NativeOps.exec("depthwise_conv2d", in, new INDArray[] {y}, s.iArgs());
    return y;
  }

  public static ParamGrads backward(Spec s, INDArray x, INDArray w, INDArray b, INDArray dy) {
    check(s, x, w, b);
    long cin = x.size(1);
    INDArray wn = toNative(w, cin);
    INDArray dx = NativeOps.empty(x.dataType(), x.shape());
    INDArray dwn = NativeOps.empty(w.dataType(), wn.shape());
    INDArray db = null;
    if (b == null) {
      NativeOps.exec("depthwise_conv2d_bp", new INDArray[] {x, wn, dy}, new INDArray[] {dx, dwn}, s.iArgs());
    } else {
      db = NativeOps.empty(b.dataType(), b.shape());
      NativeOps.exec("depthwise_conv2d_bp", new INDArray[] {x, wn, b, dy}, new INDArray[] {dx, dwn, db},
          s.iArgs());
    }
    return new ParamGrads(dx, fromNative(dwn, w.shape()), db);
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
    if (x.rank() != 4 || w.rank() != 4 || w.size(1) != 1 || w.size(0) % x.size(1) != 0
        || w.size(2) != s.kernel() || w.size(3) != s.kernel() || (b != null) != s.bias()
        || (b != null && b.length() != w.size(0)))
      throw new IllegalArgumentException("depthwise " + s + ": x " + Conv2dKernel.shape(x) + ", w "
          + Conv2dKernel.shape(w));
  }
}
