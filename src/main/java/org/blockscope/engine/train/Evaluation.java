package org.blockscope.engine.train;

import java.util.Iterator;
import org.blockscope.engine.compile.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference-mode results over a data set: mean loss (Σ lossWeight × cross-entropy over the
 * inference heads, averaged per image), accuracy, per-class accuracy (recall) and the confusion
 * matrix {@code confusion[true][predicted]}.
 */
public record Evaluation(double loss, long[][] confusion) {

    public static Evaluation of(Model model, BatchSource data) {
        int k = model.classCount();
        long[][] confusion = new long[k][k];
        double lossSum = 0;
        long n = 0;
        for (Iterator<Batch> it = data.epoch(0); it.hasNext(); ) {
            Batch b = it.next();
            INDArray p = model.infer(b.x());
            lossSum += model.loss(b.labels()) * b.size();
            INDArray arg = p.argMax(1);
            for (int i = 0; i < b.size(); i++) {
                confusion[b.labels()[i]][arg.getInt(i)]++;
            }
            n += b.size();
        }
        return new Evaluation(n == 0 ? Double.NaN : lossSum / n, confusion);
    }

    public int classes() {
        return confusion.length;
    }

    public long total() {
        long t = 0;
        for (long[] row : confusion) {
            for (long v : row) {
                t += v;
            }
        }
        return t;
    }

    public double accuracy() {
        long right = 0;
        for (int i = 0; i < confusion.length; i++) {
            right += confusion[i][i];
        }
        long t = total();
        return t == 0 ? Double.NaN : (double) right / t;
    }

    /** Fraction of each true class predicted correctly (NaN for a class absent from the data). */
    public double[] perClassAccuracy() {
        double[] a = new double[confusion.length];
        for (int i = 0; i < a.length; i++) {
            long row = 0;
            for (long v : confusion[i]) {
                row += v;
            }
            a[i] = row == 0 ? Double.NaN : (double) confusion[i][i] / row;
        }
        return a;
    }
}
