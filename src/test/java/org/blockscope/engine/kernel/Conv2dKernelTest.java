package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.engine.backend.ConvSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Conv2dKernelTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static final String CASES = """
      # n, cin, h, w, cout, k, s, ph, pw, d, g, bias
        2,   3, 7, 6,    4, 3, 1,  1,  1, 1, 1, true
        2,   3, 8, 8,    4, 3, 2,  1,  1, 1, 1, true
        1,   2, 9, 7,    3, 3, 1,  2,  2, 2, 1, false
        2,   3, 9, 9,    2, 3, 2,  0,  0, 2, 1, true
        2,   4, 6, 6,    6, 3, 1,  1,  1, 1, 2, true
        1,   4, 7, 7,    4, 3, 2,  1,  1, 1, 2, false
        2,   3, 6, 6,    6, 3, 1,  1,  1, 1, 3, true
        1,   4, 7, 6,    4, 3, 2,  2,  2, 2, 4, false
        1,   2, 5, 5,    3, 1, 1,  0,  0, 1, 1, true
        2,   2, 7, 7,    2, 5, 2,  2,  1, 1, 1, true
      """;

    private record Case(int n, int cin, int h, int w, int cout, ConvSpec spec) {
        INDArray x(DataType t) {
            return Arrays4.rand(1, t, n, cin, h, w);
        }

        INDArray w(DataType t) {
            return Arrays4.rand(2, t, cout, cin / spec.groups(), spec.kernel(), spec.kernel());
        }

        INDArray b(DataType t) {
            return spec.bias() ? Arrays4.rand(3, t, cout) : null;
        }

        double[] reference() {
            ConvSpec s = spec;
            return Reference.conv2d(
                    Arrays4.flat(x(DataType.DOUBLE)),
                    n,
                    cin,
                    h,
                    w,
                    Arrays4.flat(w(DataType.DOUBLE)),
                    cout,
                    s.kernel(),
                    s.stride(),
                    s.padH(),
                    s.padW(),
                    s.dilation(),
                    s.groups(),
                    s.bias() ? Arrays4.flat(b(DataType.DOUBLE)) : null);
        }
    }

    private static Case c(
            int n, int cin, int h, int w, int cout, int k, int s, int ph, int pw, int d, int g, boolean bias) {
        return new Case(n, cin, h, w, cout, new ConvSpec(k, s, ph, pw, d, g, bias));
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void forwardMatchesNaiveReference(
            int n, int cin, int h, int w, int cout, int k, int s, int ph, int pw, int d, int g, boolean bias) {
        Case t = c(n, cin, h, w, cout, k, s, ph, pw, d, g, bias);
        INDArray y = Conv2dKernel.forward(t.spec, t.x(DataType.DOUBLE), t.w(DataType.DOUBLE), t.b(DataType.DOUBLE));
        // out = floor((in + 2p - d(k-1) - 1) / s) + 1
        assertThat(y.shape())
                .containsExactly(
                        n, cout, (h + 2 * ph - d * (k - 1) - 1) / s + 1, (w + 2 * pw - d * (k - 1) - 1) / s + 1);
        assertThat(Arrays4.maxRelDiff(y, Arrays4.of(t.reference(), y.shape()))).isLessThan(1e-12);
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void floatForwardAndBackwardMatchDouble(
            int n, int cin, int h, int w, int cout, int k, int s, int ph, int pw, int d, int g, boolean bias) {
        Case t = c(n, cin, h, w, cout, k, s, ph, pw, d, g, bias);
        DataType f = DataType.FLOAT, D = DataType.DOUBLE;
        INDArray yf = Conv2dKernel.forward(t.spec, t.x(f), t.w(f), t.b(f));
        assertThat(yf.dataType()).isEqualTo(f);
        assertThat(Arrays4.maxRelDiff(yf, Arrays4.of(t.reference(), yf.shape())))
                .isLessThan(1e-5);
        INDArray dy = Arrays4.rand(9, yf.shape());
        ParamGrads gf = Conv2dKernel.backward(t.spec, t.x(f), t.w(f), t.b(f), dy.castTo(f));
        ParamGrads gd = Conv2dKernel.backward(t.spec, t.x(D), t.w(D), t.b(D), dy);
        assertThat(Arrays4.maxRelDiff(gf.dx(), gd.dx())).isLessThan(1e-5);
        assertThat(Arrays4.maxRelDiff(gf.dw(), gd.dw())).isLessThan(1e-5);
        if (bias) {
            assertThat(Arrays4.maxRelDiff(gf.db(), gd.db())).isLessThan(1e-5);
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = CASES)
    void gradientsMatchCentralDifferences(
            int n, int cin, int h, int w, int cout, int k, int s, int ph, int pw, int d, int g, boolean bias) {
        Case t = c(n, cin, h, w, cout, k, s, ph, pw, d, g, bias);
        DataType D = DataType.DOUBLE;
        INDArray[] in = bias ? new INDArray[] {t.x(D), t.w(D), t.b(D)} : new INDArray[] {t.x(D), t.w(D)};
        GradCheck.check("conv " + t.spec, in, a -> Conv2dKernel.forward(t.spec, a[0], a[1], bias ? a[2] : null), dy -> {
            ParamGrads p = Conv2dKernel.backward(t.spec, in[0], in[1], bias ? in[2] : null, dy);
            return bias ? new INDArray[] {p.dx(), p.dw(), p.db()} : new INDArray[] {p.dx(), p.dw()};
        });
    }
}
