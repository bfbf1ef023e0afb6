package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax + cross-entropy on logits z [N, K] with integer labels y[n] in [0, K): loss = mean over n of
 * (logsumexp(z[n]) - z[n, y[n]]), dlogits = (softmax(z) - onehot(y)) / N. Log-sum-exp is shifted by
 * the row max for stability.
 */
public final class SoftmaxCrossEntropyKernel {
    private SoftmaxCrossEntropyKernel() {}

    public record Result(double loss, INDArray dlogits, INDArray probabilities) {}

    public static Result forwardBackward(INDArray logits, int[] labels) {
        long n = logits.size(0);
        long k = logits.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("labels " + labels.length + " != batch " + n);
        }
        INDArray max = logits.max(1);
        INDArray e = Transforms.exp(logits.subColumnVector(max), false);
        INDArray sum = e.sum(1);
        INDArray p = e.diviColumnVector(sum);
        INDArray lse = Transforms.log(sum, false).addi(max);
        double loss = 0;
        INDArray d = p.dup();
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of " + k);
            }
            loss += lse.getDouble(i) - logits.getDouble(i, labels[i]);
            d.putScalar(i, labels[i], d.getDouble(i, labels[i]) - 1.0);
        }
        return new Result(loss / n, d.divi(n), p);
    }
}
