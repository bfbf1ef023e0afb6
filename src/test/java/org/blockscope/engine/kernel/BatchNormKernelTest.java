package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BatchNormKernelTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static long[] shape(int n, int c, int hw) {
        return hw == 0 ? new long[] {n, c} : new long[] {n, c, hw, hw};
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
      # n, c, hw (0 = BatchNorm1d)
        2, 3, 4
        4, 2, 3
        5, 3, 0
      """)
    void trainingForwardAndRunningStatsMatchReference(int n, int c, int hw) {
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = Arrays4.rand(1, t, shape(n, c, hw)).muli(3).addi(0.5);
            INDArray gamma = Arrays4.rand(2, t, c), beta = Arrays4.rand(3, t, c);
            INDArray rm = Arrays4.rand(4, t, c), rv = Arrays4.rand(5, t, c).addi(2);
            double[] rm0 = Arrays4.flat(rm), rv0 = Arrays4.flat(rv);
            var out = BatchNormKernel.forwardTrain(x, gamma, beta, rm, rv, 0.1, 1e-5);
            int area = hw == 0 ? 1 : hw * hw;
            double[] mean = new double[c], var = new double[c];
            double[] ref = Reference.batchNormTrain(
                    Arrays4.flat(x), n, c, area, Arrays4.flat(gamma), Arrays4.flat(beta), 1e-5, mean, var);
            double tol = t == DataType.DOUBLE ? 1e-12 : 1e-5;
            assertThat(out.y().dataType()).isEqualTo(t);
            assertThat(Arrays4.maxRelDiff(out.y(), Arrays4.of(ref, x.shape()))).isLessThan(tol);
            int m = n * area;
            double[] rmNow = Arrays4.flat(rm), rvNow = Arrays4.flat(rv);
            for (int ch = 0; ch < c; ch++) {
                // running = (1 - momentum) * running + momentum * batch, unbiased variance (PyTorch)
                assertThat(rmNow[ch])
                        .isCloseTo(0.9 * rm0[ch] + 0.1 * mean[ch], org.assertj.core.data.Offset.offset(tol));
                assertThat(rvNow[ch])
                        .isCloseTo(
                                0.9 * rv0[ch] + 0.1 * var[ch] * m / (m - 1), org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @Test
    void inferenceUsesRunningStats() {
        INDArray x = Arrays4.rand(1, 2, 3, 4, 4);
        INDArray gamma = Arrays4.rand(2, 3), beta = Arrays4.rand(3, 3);
        INDArray rm = Arrays4.rand(4, 3), rv = Arrays4.rand(5, 3).addi(2);
        INDArray y = BatchNormKernel.forwardInference(x, gamma, beta, rm, rv, 1e-5);
        double[] xf = Arrays4.flat(x), yf = Arrays4.flat(y);
        for (int i = 0; i < xf.length; i++) {
            int ch = (i / 16) % 3;
            double expect = (xf[i] - rm.getDouble(ch)) / Math.sqrt(rv.getDouble(ch) + 1e-5) * gamma.getDouble(ch)
                    + beta.getDouble(ch);
            assertThat(yf[i]).isCloseTo(expect, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
        2, 3, 4
        3, 2, 3
        5, 3, 0
      """)
    void trainingGradientsMatchCentralDifferences(int n, int c, int hw) {
        INDArray[] in = {Arrays4.rand(1, shape(n, c, hw)).muli(2), Arrays4.rand(2, c), Arrays4.rand(3, c)};
        GradCheck.check(
                "batchnorm",
                in,
                a -> BatchNormKernel.forwardTrain(a[0], a[1], a[2], null, null, 0.1, 1e-5)
                        .y(),
                dy -> {
                    var saved = BatchNormKernel.forwardTrain(in[0], in[1], in[2], null, null, 0.1, 1e-5)
                            .saved();
                    ParamGrads g = BatchNormKernel.backward(saved, in[1], dy);
                    return new INDArray[] {g.dx(), g.dw(), g.db()};
                });
    }
}
