package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Central-difference gradient check in DOUBLE of L = sum(forward(inputs) * r) for a fixed random r:
 * the analytic gradient of input i must be backward(inputs, dy = r)[i].
 */
final class GradCheck {
    private GradCheck() {}

    static final double EPS = 1e-6;
    static final double TOL = 1e-5;
    private static final int MAX_CHECKS_PER_INPUT = 60;

    /**
     * @param inputs arrays to check (contiguous, DOUBLE); perturbed in place and restored
     * @param forward computes the output from the inputs
     * @param backward given dy, returns the gradients, one per input (null = skip)
     */
    static void check(
            String what,
            INDArray[] inputs,
            Function<INDArray[], INDArray> forward,
            Function<INDArray, INDArray[]> backward) {
        for (INDArray a : inputs) {
            assertThat(a.dataType()).isEqualTo(DataType.DOUBLE);
        }
        INDArray y0 = forward.apply(inputs);
        INDArray r = Arrays4.rand(12345, y0.shape());
        INDArray[] grads = backward.apply(r);
        Random pick = new Random(7);
        for (int i = 0; i < inputs.length; i++) {
            if (grads[i] == null) {
                continue;
            }
            INDArray a = inputs[i];
            assertThat(grads[i].shape()).as(what + " grad shape of input " + i).isEqualTo(a.shape());
            double[] g = Arrays4.flat(grads[i]);
            long n = a.length();
            int checks = (int) Math.min(n, MAX_CHECKS_PER_INPUT);
            for (int c = 0; c < checks; c++) {
                long j = n <= MAX_CHECKS_PER_INPUT ? c : pick.nextInt((int) n);
                double orig = a.getDouble(j);
                a.putScalar(j, orig + EPS);
                double lp = forward.apply(inputs).mul(r).sumNumber().doubleValue();
                a.putScalar(j, orig - EPS);
                double lm = forward.apply(inputs).mul(r).sumNumber().doubleValue();
                a.putScalar(j, orig);
                double num = (lp - lm) / (2 * EPS);
                double err = Math.abs(num - g[(int) j]) / Math.max(1e-3, Math.max(Math.abs(num), Math.abs(g[(int) j])));
                assertThat(err)
                        .as("%s: input %d element %d analytic %s numeric %s", what, i, j, g[(int) j], num)
                        .isLessThan(TOL);
            }
        }
    }
}
