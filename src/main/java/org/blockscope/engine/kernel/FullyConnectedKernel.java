package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fully connected layer, y = x W^T + b (PyTorch Linear).
 * <ul>
 *   <li>x: [N, in]</li>
 *   <li>w: [out, in] (PyTorch layout)</li>
 *   <li>b: [out] or null</li>
 *   <li>y: [N, out]</li>
 * </ul>
 * Plain GEMM calls.
 */
public final class FullyConnectedKernel {
  private FullyConnectedKernel() {}

  public static INDArray forward(INDArray x, INDArray w, INDArray b) {
    if (x.rank() != 2 || w.rank() != 2 || x.size(1) != w.size(1))
      throw new IllegalArgumentException("fc: x " + Conv2dKernel.shape(x) + ", w " + Conv2dKernel.shape(w));
    INDArray y = Nd4j.gemm(x, w, false, true);
    if (b != null) y.addiRowVector(b);
    return y;
  }

  public static ParamGrads backward(INDArray x, INDArray w, INDArray b, INDArray dy) {
    INDArray dx = Nd4j.gemm(dy, w, false, false);   // [N,out] x [out,in]
    INDArray dw = Nd4j.gemm(dy, x, true, false);    // [out,N] x [N,in]
    INDArray db = b == null ? null : dy.sum(0);
    return new ParamGrads(dx, dw, db);
  }
}
