package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Concatenation along channels (axis 1) of [N, Ci, H, W] (or [N, Ci]) inputs; backward splits. */
public final class ConcatKernel {
  private ConcatKernel() {}

  public static INDArray forward(INDArray... xs) {
    return Nd4j.concat(1, xs);
  }

  /** @param channels Ci of each input, in order */
  public static INDArray[] backward(long[] channels, INDArray dy) {
    INDArray[] d = new INDArray[channels.length];
    long from = 0;
    for (int i = 0; i < channels.length; i++) {
      d[i] = Conv2dKernel.channels(dy, from, channels[i]);
      from += channels[i];
    }
    if (from != dy.size(1)) throw new IllegalArgumentException("concat: channels sum " + from + " != " + dy.size(1));
    return d;
  }
}
