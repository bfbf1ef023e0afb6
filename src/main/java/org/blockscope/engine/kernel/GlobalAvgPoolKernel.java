package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;

/** Global average pooling: x [N, C, H, W] -> y [N, C]. */
public final class GlobalAvgPoolKernel {
  private GlobalAvgPoolKernel() {}

  public static INDArray forward(INDArray x) {
    return x.mean(2, 3);
  }

  /** dx[n,c,h,w] = dy[n,c] / (H*W) */
  public static INDArray backward(long[] xShape, INDArray dy) {
    INDArray dx = Nd4j.zeros(dy.dataType(), xShape);
    return Broadcast.add(dx, dy.div(xShape[2] * xShape[3]), dx, 0, 1);
  }
}
