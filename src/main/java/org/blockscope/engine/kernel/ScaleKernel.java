package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * Channel scaling (e.g. squeeze-and-excitation gate): y[n,c,h,w] = x[n,c,h,w] * s[n,c].
 * x: [N, C, H, W], s: [N, C]. Broadcast ops along axes 0 and 1.
 */
public final class ScaleKernel {
  private ScaleKernel() {}

  /** dx like x, ds like s. */
  public record Grads(INDArray dx, INDArray ds) {}

  public static INDArray forward(INDArray x, INDArray s) {
    return Broadcast.mul(x, s, x.ulike(), 0, 1);
  }

  public static Grads backward(INDArray x, INDArray s, INDArray dy) {
    INDArray dx = Broadcast.mul(dy, s, dy.ulike(), 0, 1);
    INDArray ds = dy.mul(x).sum(2, 3);
    return new Grads(dx, ds);
  }
}
