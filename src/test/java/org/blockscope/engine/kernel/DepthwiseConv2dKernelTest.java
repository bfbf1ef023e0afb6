package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DepthwiseConv2dKernelTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static final String CASES = """
      # n, cin, m, h, w, k, s, p, d, bias
        2,   3, 1, 7, 6, 3, 1, 1, 1, true
        2,   3, 2, 7, 7, 3, 1, 1, 1, true
        1,   2, 2, 8, 8, 3, 2, 1, 1, false
        1,   2, 3, 9, 8, 3, 1, 2, 2, true
        2,   4, 2, 9, 9, 5, 2, 2, 1, false
      """;

    private static INDArray x(DataType t, int n, int cin, int h, int w) {
        return Arrays4.rand(1, t, n, cin, h, w);
    }

    private static INDArray w(DataType t, int cin, int m, int k) {
        return Arrays4.rand(2, t, cin * m, 1, k, k);
    }

    private static INDArray b(DataType t, int cin, int m, boolean bias) {
        return bias ? Arrays4.rand(3, t, cin * m) : null;
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void matchesGroupedConvReferenceInDoubleAndFloat(
            int n, int cin, int m, int h, int w, int k, int s, int p, int d, boolean bias) {
        var spec = new DepthwiseConv2dKernel.Spec(k, s, p, p, d, bias);
        DataType D = DataType.DOUBLE;
        double[] ref = Reference.conv2d(
                Arrays4.flat(x(D, n, cin, h, w)),
                n,
                cin,
                h,
                w,
                Arrays4.flat(w(D, cin, m, k)),
                cin * m,
                k,
                s,
                p,
                p,
                d,
                cin,
                bias ? Arrays4.flat(b(D, cin, m, true)) : null);
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray y = DepthwiseConv2dKernel.forward(spec, x(t, n, cin, h, w), w(t, cin, m, k), b(t, cin, m, bias));
            assertThat(y.shape())
                    .containsExactly(
                            n, cin * m, (h + 2 * p - d * (k - 1) - 1) / s + 1, (w + 2 * p - d * (k - 1) - 1) / s + 1);
            assertThat(Arrays4.maxRelDiff(y, Arrays4.of(ref, y.shape())))
                    .as("%s", t)
                    .isLessThan(t == D ? 1e-12 : 1e-5);
        }
        INDArray dy = Arrays4.rand(
                9, n, cin * m, (h + 2 * p - d * (k - 1) - 1) / s + 1, (w + 2 * p - d * (k - 1) - 1) / s + 1);
        DataType f = DataType.FLOAT;
        ParamGrads gd =
                DepthwiseConv2dKernel.backward(spec, x(D, n, cin, h, w), w(D, cin, m, k), b(D, cin, m, bias), dy);
        ParamGrads gf = DepthwiseConv2dKernel.backward(
                spec, x(f, n, cin, h, w), w(f, cin, m, k), b(f, cin, m, bias), dy.castTo(f));
        assertThat(Arrays4.maxRelDiff(gf.dx(), gd.dx())).isLessThan(1e-5);
        assertThat(Arrays4.maxRelDiff(gf.dw(), gd.dw())).isLessThan(1e-5);
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void gradientsMatchCentralDifferences(
            int n, int cin, int m, int h, int w, int k, int s, int p, int d, boolean bias) {
        var spec = new DepthwiseConv2dKernel.Spec(k, s, p, p, d, bias);
        DataType D = DataType.DOUBLE;
        INDArray[] in = bias
                ? new INDArray[] {x(D, n, cin, h, w), w(D, cin, m, k), b(D, cin, m, true)}
                : new INDArray[] {x(D, n, cin, h, w), w(D, cin, m, k)};
        GradCheck.check(
                "depthwise " + spec,
                in,
                a -> DepthwiseConv2dKernel.forward(spec, a[0], a[1], bias ? a[2] : null),
                dy -> {
                    ParamGrads g = DepthwiseConv2dKernel.backward(spec, in[0], in[1], bias ? in[2] : null, dy);
                    return bias ? new INDArray[] {g.dx(), g.dw(), g.db()} : new INDArray[] {g.dx(), g.dw()};
                });
    }
}
