package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch normalisation over channel axis 1, PyTorch BatchNorm2d (x [N, C, H, W]) and BatchNorm1d
 * (x [N, C]). gamma, beta, runningMean, runningVar: [C].
 *
 * <p>Training: normalise with the batch mean and biased batch variance; update the running stats in
 * place, running = (1 - momentum) * running + momentum * batch, with the unbiased variance
 * (PyTorch BatchNorm docs). Inference: normalise with the running stats.
 *
 * <p>Hand-written INDArray math (broadcast ops along axis 1), so that the backward rule is the full
 * batch-statistics gradient: dx = gamma * invStd / M * (M dy - sum(dy) - xhat * sum(dy xhat)).
 */
public final class BatchNormKernel {
  private BatchNormKernel() {}

  public static final double DEFAULT_EPS = 1e-5;
  public static final double DEFAULT_MOMENTUM = 0.1;

  /** What the training forward keeps for the backward rule: xhat [like x], invStd [C]. */
  public record Saved(INDArray xhat, INDArray invStd) {}

  public record TrainOut(INDArray y, Saved saved) {}

  public static TrainOut forwardTrain(INDArray x, INDArray gamma, INDArray beta, INDArray runningMean,
      INDArray runningVar, double momentum, double eps) {
    int[] dims = reduceDims(x);
    long m = x.length() / x.size(1);
    INDArray mean = x.mean(dims);
    INDArray xc = Broadcast.sub(x, mean, x.ulike(), 1);
    INDArray var = xc.mul(xc).mean(dims);                      // biased
    INDArray invStd = Transforms.pow(var.add(eps), -0.5, false);
    INDArray xhat = Broadcast.mul(xc, invStd, xc, 1);          // in place on xc
    INDArray y = affine(xhat, gamma, beta);
    if (runningMean != null) {
      runningMean.muli(1 - momentum).addi(mean.muli(momentum));
      double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
      runningVar.muli(1 - momentum).addi(var.muli(momentum * unbias));
    }
    return new TrainOut(y, new Saved(xhat, invStd));
  }

  public static INDArray forwardInference(INDArray x, INDArray gamma, INDArray beta, INDArray runningMean,
      INDArray runningVar, double eps) {
    INDArray invStd = Transforms.pow(runningVar.add(eps), -0.5, false);
    INDArray xhat = Broadcast.sub(x, runningMean, x.ulike(), 1);
    Broadcast.mul(xhat, invStd, xhat, 1);
    return affine(xhat, gamma, beta);
  }

  /** Training-mode backward: dx, dgamma (as dw), dbeta (as db). */
  public static ParamGrads backward(Saved saved, INDArray gamma, INDArray dy) {
    int[] dims = reduceDims(dy);
    long m = dy.length() / dy.size(1);
    INDArray dbeta = dy.sum(dims);
    INDArray dgamma = dy.mul(saved.xhat()).sum(dims);
    // dx = (gamma*invStd/M) * (M*dy - dbeta - xhat*dgamma)
    INDArray t = Broadcast.mul(saved.xhat(), dgamma, saved.xhat().ulike(), 1);
    INDArray dx = dy.mul(m).subi(t);
    Broadcast.sub(dx, dbeta, dx, 1);
    Broadcast.mul(dx, gamma.mul(saved.invStd()).divi(m), dx, 1);
    return new ParamGrads(dx, dgamma, dbeta);
  }

  private static INDArray affine(INDArray xhat, INDArray gamma, INDArray beta) {
    INDArray y = Broadcast.mul(xhat, gamma, xhat.ulike(), 1);
    return Broadcast.add(y, beta, y, 1);
  }

  private static int[] reduceDims(INDArray x) {
    if (x.rank() == 4) return new int[] {0, 2, 3};
    if (x.rank() == 2) return new int[] {0};
    throw new IllegalArgumentException("batchnorm expects [N,C] or [N,C,H,W], got " + Conv2dKernel.shape(x));
  }
}
