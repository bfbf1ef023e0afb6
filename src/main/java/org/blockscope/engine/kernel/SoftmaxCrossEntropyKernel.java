package org.blockscope.engine.kernel;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax + cross-entropy on logits z [N, K] with integer labels y[n] in [0, K): loss = mean over n of
 * (logsumexp(z[n]) - z[n, y[n]]), dlogits = (softmax(z) - onehot(y)) / N. Log-sum-exp is shifted by
 * the row max for stability. One Java pass over the logits in double precision: the eight ND4J calls and
 * per-row element reads it replaced took 1.3-2 ms an iteration on a [64, 10] batch (PyTorch: 0.1 ms).
 */
public final class SoftmaxCrossEntropyKernel {
    private SoftmaxCrossEntropyKernel() {}

    public record Result(double loss, INDArray dlogits, INDArray probabilities) {}

    public static Result forwardBackward(INDArray logits, int[] labels) {
        int n = (int) logits.size(0), k = (int) logits.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("labels " + labels.length + " != batch " + n);
        }
        for (int label : labels) {
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("label " + label + " of " + k);
            }
        }
        double[] z = values(logits);
        double[] p = new double[z.length];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int row = i * k;
            double lse = softmaxRow(z, p, row, k);
            loss += lse - z[row + labels[i]];
        }
        double[] d = p.clone();
        for (int i = 0; i < n; i++) {
            d[i * k + labels[i]] -= 1.0;
        }
        for (int j = 0; j < d.length; j++) {
            d[j] /= n;
        }
        DataType type = logits.dataType();
        return new Result(loss / n, create(d, n, k, type), create(p, n, k, type));
    }

    /** softmax(z) along each row of [N, K] logits. */
    public static INDArray softmax(INDArray logits) {
        int n = (int) logits.size(0), k = (int) logits.size(1);
        double[] z = values(logits);
        double[] p = new double[z.length];
        for (int i = 0; i < n; i++) {
            softmaxRow(z, p, i * k, k);
        }
        return create(p, n, k, logits.dataType());
    }

    /** p[row..row+k) = softmax of z there; returns that row's log-sum-exp. */
    private static double softmaxRow(double[] z, double[] p, int row, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, z[row + j]);
        }
        double sum = 0;
        for (int j = 0; j < k; j++) {
            p[row + j] = Math.exp(z[row + j] - max);
            sum += p[row + j];
        }
        for (int j = 0; j < k; j++) {
            p[row + j] /= sum;
        }
        return Math.log(sum) + max;
    }

    private static double[] values(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
        return c.dataType() == DataType.DOUBLE
                ? c.data().asDouble()
                : c.castTo(DataType.DOUBLE).data().asDouble();
    }

    private static INDArray create(double[] v, int n, int k, DataType type) {
        if (type == DataType.FLOAT) {
            float[] f = new float[v.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) v[i];
            }
            return Nd4j.create(f, new long[] {n, k}, 'c');
        }
        return Nd4j.create(v, new long[] {n, k}, 'c').castTo(type);
    }
}
