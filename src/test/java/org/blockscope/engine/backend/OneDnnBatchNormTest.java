package org.blockscope.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.blockscope.engine.kernel.BatchNormChannelsLast;
import org.blockscope.engine.kernel.BatchNormKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Batch norm on oneDNN ({@link OneDnnBatchNorm}) against the engine's own kernel (batch statistics,
 * the full backward rule; {@code BatchNormKernelTest} checks that one against PyTorch's formulas and
 * central differences), in NHWC and NCHW, with and without the ReLU fused in.
 */
class OneDnnBatchNormTest {
    private static INDArray rand(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(4);
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue()
                / Math.max(1e-6, b.amaxNumber().doubleValue());
    }

    @ParameterizedTest(name = "C = {0}, relu {1}, {2}x{3}x{3}")
    @CsvSource({
        "6, false, 3, 5",
        "6, true, 3, 5",
        "8, true, 3, 5",
        "13, false, 3, 5",
        "13, true, 3, 5",
        // 16 pixel groups of 450 pixels, read in chunks of 315 (4096 / 13 values): a full and a partial chunk
        "13, true, 2, 60",
        "36, true, 2, 60"
    })
    void channelsLastDispatchMatchesTheEnginesKernel(int c, boolean relu, int n, int hw) {
        // C = 8 runs on oneDNN's jit kernel (when loaded), 6, 13 and 36 (on AVX2) as Java loops
        INDArray x = rand(5, n, c, hw, hw), dy = rand(6, n, c, hw, hw);
        INDArray gamma = rand(7, c).addi(3), beta = rand(8, c);
        BatchNormKernel.TrainOut ref = BatchNormKernel.forwardTrain(x, gamma, beta, null, null, 0.1, 1e-5, relu);
        INDArray maskedDy = relu ? dy.mul(Transforms.step(ref.y())) : dy;
        ParamGrads refGrads = BatchNormKernel.backward(ref.saved(), gamma, maskedDy);
        BatchNormChannelsLast.Out out =
                BatchNormChannelsLast.forwardTrain(ChannelsLast.fromNchw(x), gamma, beta, 1e-5, relu);
        ParamGrads g = BatchNormChannelsLast.backward(out.saved(), gamma, beta, ChannelsLast.fromNchw(dy));
        assertThat(maxDiff(ChannelsLast.asNchw(out.y()), ref.y())).as("y").isLessThan(1e-5);
        assertThat(maxDiff(ChannelsLast.asNchw(g.dx()), refGrads.dx())).as("dx").isLessThan(1e-4);
        assertThat(maxDiff(g.dw(), refGrads.dw())).as("dgamma").isLessThan(1e-4);
        assertThat(maxDiff(g.db(), refGrads.db())).as("dbeta").isLessThan(1e-4);
        for (int ch = 0; ch < c; ch++) {
            assertThat(out.mean()[ch]).isCloseTo(ref.saved().mean()[ch], org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @ParameterizedTest(name = "channels-last {0}, relu {1}")
    @CsvSource({"true, false", "true, true", "false, false", "false, true"})
    void matchesTheEnginesKernel(boolean channelsLast, boolean relu) {
        assumeTrue(OneDnn.available(), "no oneDNN preset here");
        INDArray x = rand(1, 4, 6, 5, 7), dy = rand(2, 4, 6, 5, 7); // NCHW, C = 6
        INDArray gamma = rand(3, 6).addi(3), beta = rand(4, 6);
        BatchNormKernel.TrainOut ref = BatchNormKernel.forwardTrain(x, gamma, beta, null, null, 0.1, 1e-5, relu);
        // the ReLU's backward masks dy by the output's sign, then batch norm's backward
        INDArray maskedDy = relu ? dy.mul(Transforms.step(ref.y())) : dy;
        ParamGrads refGrads = BatchNormKernel.backward(ref.saved(), gamma, maskedDy);

        INDArray in = channelsLast ? ChannelsLast.fromNchw(x) : x;
        INDArray din = channelsLast ? ChannelsLast.fromNchw(dy) : dy;
        OneDnnBatchNorm.Out out = OneDnnBatchNorm.forwardTraining(in, channelsLast, gamma, beta, 1e-5, relu);
        OneDnnBatchNorm.Grads g = OneDnnBatchNorm.backward(out.saved(), channelsLast, gamma, beta, din);
        INDArray y = channelsLast ? ChannelsLast.asNchw(out.y()) : out.y();
        INDArray dx = channelsLast ? ChannelsLast.asNchw(g.dx()) : g.dx();
        assertThat(maxDiff(y, ref.y())).as("y").isLessThan(1e-5);
        assertThat(maxDiff(dx, refGrads.dx())).as("dx").isLessThan(1e-4);
        assertThat(maxDiff(g.dgamma(), refGrads.dw())).as("dgamma").isLessThan(1e-4);
        assertThat(maxDiff(g.dbeta(), refGrads.db())).as("dbeta").isLessThan(1e-4);
        double[] mean = ref.saved().mean();
        for (int c = 0; c < 6; c++) {
            double var = 1 / (ref.saved().invStd()[c] * ref.saved().invStd()[c]) - 1e-5;
            assertThat(out.saved().mean().getDouble(c)).isCloseTo(mean[c], org.assertj.core.data.Offset.offset(1e-5));
            assertThat(out.saved().variance().getDouble(c))
                    .as("biased batch variance")
                    .isCloseTo(var, org.assertj.core.data.Offset.offset(1e-4 * Math.max(1, var)));
        }
    }

    @ParameterizedTest(name = "C = {0}, relu {1}")
    @CsvSource({"36, true", "36, false", "16, true", "12, false"})
    void inferenceUsesTheRunningStatisticsAsTheDefinitionDoes(int c, boolean relu) {
        assumeTrue(OneDnn.available(), "no oneDNN preset here");
        INDArray xh = rand(11, 2, 5, 3, c);
        INDArray gamma = rand(12, c), beta = rand(13, c), mean = rand(14, c);
        INDArray var = rand(15, c).addi(2.5); // positive: rand gives [-2, 2)
        assertThat(OneDnnBatchNorm.handlesInference(xh)).isTrue();
        INDArray y = OneDnnBatchNorm.forwardInference(xh, gamma, beta, mean, var, 1e-3, relu);
        assertThat(y.shape()).containsExactly(2, 5, 3, c);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 5; h++) {
                for (int w = 0; w < 3; w++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = gamma.getDouble(ch)
                                        * (xh.getDouble(n, h, w, ch) - mean.getDouble(ch))
                                        / Math.sqrt(var.getDouble(ch) + 1e-3)
                                + beta.getDouble(ch);
                        assertThat(y.getDouble(n, h, w, ch))
                                .as("y[%d, %d, %d, %d]", n, h, w, ch)
                                .isCloseTo(relu ? Math.max(v, 0) : v, org.assertj.core.data.Offset.offset(1e-5));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "C = {0}")
    @CsvSource({"13", "6", "1"})
    void inferenceLeavesChannelCountsWithoutAJitKernelToTheJavaLoop(int c) {
        // oneDNN would run them on its reference kernel
        assertThat(OneDnnBatchNorm.handlesInference(rand(16, 2, 4, 4, c))).isFalse();
    }
}
