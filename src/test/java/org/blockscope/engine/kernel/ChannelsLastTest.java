package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.backend.ConvSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Channels-last kernels against plain loops over the NCHW values, FLOAT (the fast paths) and DOUBLE. */
class ChannelsLastTest {
    private static INDArray rand(DataType t, long seed, long... shape) {
        return Arrays4.rand(seed, shape).castTo(t);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void affineWithAndWithoutReluScalesEachChannel(String type) {
        DataType t = DataType.valueOf(type);
        INDArray x = rand(t, 1, 2, 5, 3, 4); // NCHW
        double[] scale = {0.5, -2, 1.5, 3, -0.25}, shift = {0.1, 0.2, -0.3, 0, 1};
        INDArray xh = ChannelsLast.fromNchw(x);
        assertThat(xh.shape()).containsExactly(2, 3, 4, 5);
        for (boolean relu : new boolean[] {false, true}) {
            INDArray y = ChannelsLast.asNchw(ChannelsLast.affine(xh, scale, shift, relu));
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < 5; c++) {
                    for (int h = 0; h < 3; h++) {
                        for (int w = 0; w < 4; w++) {
                            double v = x.getDouble(n, c, h, w) * scale[c] + shift[c];
                            assertThat(y.getDouble(n, c, h, w))
                                    .isCloseTo(relu ? Math.max(v, 0) : v, org.assertj.core.data.Offset.offset(1e-5));
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void poolScaleAndConcatMatchLoops(String type) {
        DataType t = DataType.valueOf(type);
        INDArray x = rand(t, 2, 3, 4, 5, 6), s = rand(t, 3, 3, 4), z = rand(t, 4, 3, 2, 5, 6);
        INDArray xh = ChannelsLast.fromNchw(x), zh = ChannelsLast.fromNchw(z);
        INDArray gap = ChannelsLast.globalAvgPool(xh);
        INDArray scaled = ChannelsLast.asNchw(ChannelsLast.scale(xh, s));
        INDArray cat = ChannelsLast.asNchw(ChannelsLast.concat(xh, zh));
        assertThat(cat.shape()).containsExactly(3, 6, 5, 6);
        for (int n = 0; n < 3; n++) {
            for (int c = 0; c < 4; c++) {
                double sum = 0;
                for (int h = 0; h < 5; h++) {
                    for (int w = 0; w < 6; w++) {
                        sum += x.getDouble(n, c, h, w);
                        assertThat(scaled.getDouble(n, c, h, w))
                                .isCloseTo(
                                        x.getDouble(n, c, h, w) * s.getDouble(n, c),
                                        org.assertj.core.data.Offset.offset(1e-6));
                        assertThat(cat.getDouble(n, c, h, w)).isEqualTo(x.getDouble(n, c, h, w));
                        if (c < 2) {
                            assertThat(cat.getDouble(n, 4 + c, h, w)).isEqualTo(z.getDouble(n, c, h, w));
                        }
                    }
                }
                assertThat(gap.getDouble(n, c)).isCloseTo(sum / 30, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"FLOAT", "DOUBLE"})
    void convolutionAndFoldedBatchNormEqualTheNchwOnes(String type) {
        DataType t = DataType.valueOf(type);
        var spec = new ConvSpec(3, 2, 1, 1, 1, 1, true);
        INDArray x = rand(t, 5, 2, 4, 9, 9), w = rand(t, 6, 5, 4, 3, 3), b = rand(t, 7, 5);
        INDArray ref = Conv2dKernel.forward(spec, x, w, b);
        INDArray y = ChannelsLast.asNchw(Conv2dKernel.forwardChannelsLast(spec, ChannelsLast.fromNchw(x), w, b, false));
        assertThat(y.shape()).isEqualTo(ref.shape());
        assertThat(y.sub(ref).amaxNumber().doubleValue()).isLessThan(1e-5);
        INDArray gamma = rand(t, 8, 5).addi(1),
                beta = rand(t, 9, 5),
                mean = rand(t, 10, 5),
                var = rand(t, 11, 5).addi(1.5);
        INDArray bn = BatchNormKernel.forwardInference(ref, gamma, beta, mean, var, 1e-5);
        INDArray[] f = BatchNormFold.intoConv(w, b, gamma, beta, mean, var, 1e-5);
        INDArray folded = Conv2dKernel.forward(spec, x, f[0], f[1]);
        assertThat(folded.sub(bn).amaxNumber().doubleValue()).isLessThan(1e-4);
    }
}
