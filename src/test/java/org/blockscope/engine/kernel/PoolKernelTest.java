package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PoolKernelTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static final String CASES = """
      # max,   n, c, h, w, k, s, p, ceil
        true,  2, 3, 8, 8, 2, 2, 0, false
        true,  2, 2, 7, 6, 3, 2, 1, false
        true,  1, 2, 7, 7, 3, 2, 0, true
        true,  2, 2, 8, 9, 3, 2, 1, true
        true,  1, 3, 6, 6, 2, 2, 1, true
        true,  1, 2, 5, 7, 3, 3, 1, true
        false, 2, 3, 8, 8, 2, 2, 0, false
        false, 2, 2, 7, 6, 3, 2, 1, false
        false, 1, 2, 7, 7, 3, 2, 0, true
        false, 2, 2, 8, 9, 3, 2, 1, true
        false, 1, 3, 6, 6, 2, 2, 1, true
        false, 1, 2, 5, 7, 3, 3, 1, true
        false, 2, 2, 6, 6, 3, 1, 1, true
        true,  1, 2, 5, 5, 2, 2, 0, true
        true,  2, 2, 4, 6, 3, 2, 0, true
        true,  1, 2, 9, 9, 2, 2, 1, true
        false, 1, 2, 5, 5, 2, 2, 0, true
        false, 2, 2, 4, 6, 3, 2, 0, true
        false, 1, 2, 9, 9, 2, 2, 1, true
      """;

    private static INDArray forward(boolean max, PoolSpec s, INDArray x) {
        return max ? MaxPool2dKernel.forward(s, x) : AvgPool2dKernel.forward(s, x);
    }

    private static INDArray backward(boolean max, PoolSpec s, INDArray x, INDArray dy) {
        return max ? MaxPool2dKernel.backward(s, x, dy) : AvgPool2dKernel.backward(s, x, dy);
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void matchesPyTorchReferenceInDoubleAndFloat(
            boolean max, int n, int c, int h, int w, int k, int s, int p, boolean ceil) {
        PoolSpec spec = new PoolSpec(k, s, p, ceil);
        INDArray xd = Arrays4.rand(1, n, c, h, w);
        double[] ref = Reference.pool(max, Arrays4.flat(xd), n, c, h, w, k, s, p, ceil);
        long[] shape = {n, c, Reference.poolOut(h, k, s, p, ceil), Reference.poolOut(w, k, s, p, ceil)};
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray y = forward(max, spec, xd.castTo(t));
            assertThat(y.shape()).containsExactly(shape);
            assertThat(y.dataType()).isEqualTo(t);
            assertThat(Arrays4.maxRelDiff(y, Arrays4.of(ref, shape)))
                    .as("%s", t)
                    .isLessThan(t == DataType.DOUBLE ? 1e-12 : 1e-6);
        }
        INDArray dy = Arrays4.rand(5, shape);
        INDArray gd = backward(max, spec, xd, dy);
        INDArray gf = backward(max, spec, xd.castTo(DataType.FLOAT), dy.castTo(DataType.FLOAT));
        assertThat(gf.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(Arrays4.maxRelDiff(gf, gd)).isLessThan(1e-6);
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void gradientsMatchCentralDifferences(boolean max, int n, int c, int h, int w, int k, int s, int p, boolean ceil) {
        PoolSpec spec = new PoolSpec(k, s, p, ceil);
        INDArray[] in = {Arrays4.rand(1, n, c, h, w)};
        GradCheck.check((max ? "max " : "avg ") + spec, in, a -> forward(max, spec, a[0]), dy ->
                new INDArray[] {backward(max, spec, in[0], dy)});
    }
}
