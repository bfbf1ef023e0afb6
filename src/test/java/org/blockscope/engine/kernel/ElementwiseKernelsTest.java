package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Activations, add, concat, scale, channel shuffle, dropout. */
class ElementwiseKernelsTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static double ref(Activation a, double x) {
        double sig = 1 / (1 + Math.exp(-x));
        return switch (a) {
            case RELU -> Math.max(0, x);
            case RELU6 -> Math.min(Math.max(0, x), 6);
            case SIGMOID -> sig;
            case TANH -> Math.tanh(x);
            case SILU -> x * sig;
            case HARDSWISH -> x * Math.min(Math.max(x + 3, 0), 6) / 6;
        };
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationMatchesDefinitionAndGradient(Activation a) {
        // values spread over [-8, 8] so that every branch (x<-3, |x|<3, 3<x<6, x>6) is hit
        INDArray x = Arrays4.rand(1, 2, 3, 4, 5).muli(8);
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            INDArray y = ActivationKernel.forward(a, x.castTo(t));
            assertThat(y.dataType()).isEqualTo(t);
            double[] xf = Arrays4.flat(x), yf = Arrays4.flat(y);
            for (int i = 0; i < xf.length; i++) {
                assertThat(yf[i])
                        .as("%s(%s) %s", a, xf[i], t)
                        .isCloseTo(
                                ref(a, xf[i]),
                                org.assertj.core.data.Offset.offset(t == DataType.DOUBLE ? 1e-12 : 1e-5));
            }
        }
        INDArray[] in = {x};
        GradCheck.check(a.name(), in, v -> ActivationKernel.forward(a, v[0]), dy ->
                new INDArray[] {ActivationKernel.backward(a, in[0], dy)});
        INDArray dy = Arrays4.rand(3, x.shape());
        assertThat(Arrays4.maxRelDiff(
                        ActivationKernel.backward(a, x.castTo(DataType.FLOAT), dy.castTo(DataType.FLOAT)),
                        ActivationKernel.backward(a, x, dy)))
                .isLessThan(1e-5);
    }

    @Test
    void reluGradientIsZeroAtZeroAsPyTorch() {
        for (DataType t : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) { // FLOAT: the Java loop
            INDArray x = Nd4j.createFromArray(0.0, -1.0, 2.0).castTo(t);
            INDArray g = ActivationKernel.backward(
                    Activation.RELU, x, Nd4j.createFromArray(1.0, 1.0, 1.0).castTo(t));
            assertThat(Arrays4.flat(g)).as("%s", t).containsExactly(0.0, 0.0, 1.0);
        }
    }

    @Test
    void addWithFusedReluIsReluOfTheSum() {
        for (int inputs = 2; inputs <= 3; inputs++) {
            INDArray[] xs = new INDArray[inputs];
            for (int i = 0; i < inputs; i++) {
                xs[i] = Arrays4.rand(20 + i, 2, 3, 4, 4);
            }
            INDArray sum = AddKernel.forward(xs);
            INDArray fused = AddKernel.forward(true, xs);
            assertThat(sum.minNumber().doubleValue()).isNegative();
            assertThat(fused).isEqualTo(org.nd4j.linalg.ops.transforms.Transforms.relu(sum, true));
            INDArray[] fl = new INDArray[inputs];
            for (int i = 0; i < inputs; i++) {
                fl[i] = xs[i].castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
            }
            assertThat(AddKernel.forward(true, fl)
                            .castTo(sum.dataType())
                            .sub(fused)
                            .amaxNumber()
                            .doubleValue())
                    .isLessThan(1e-6);
        }
    }

    @Test
    void addAndConcat() {
        INDArray a = Arrays4.rand(1, 2, 3, 4, 4), b = Arrays4.rand(2, 2, 3, 4, 4), c = Arrays4.rand(3, 2, 3, 4, 4);
        INDArray[] in = {a, b, c};
        GradCheck.check("add", in, v -> AddKernel.forward(v), dy -> AddKernel.backward(3, dy));
        INDArray d = Arrays4.rand(4, 2, 1, 4, 4);
        INDArray[] cin = {a, d, c};
        INDArray y = ConcatKernel.forward(cin);
        assertThat(y.shape()).containsExactly(2, 7, 4, 4);
        assertThat(y.getDouble(1, 3, 2, 1)).isEqualTo(d.getDouble(1, 0, 2, 1));
        GradCheck.check("concat", cin, ConcatKernel::forward, dy -> ConcatKernel.backward(new long[] {3, 1, 3}, dy));
    }

    @Test
    void scaleBroadcastsOverSpace() {
        INDArray x = Arrays4.rand(1, 2, 3, 4, 5), s = Arrays4.rand(2, 2, 3);
        INDArray y = ScaleKernel.forward(x, s);
        assertThat(y.getDouble(1, 2, 3, 4)).isEqualTo(x.getDouble(1, 2, 3, 4) * s.getDouble(1, 2));
        INDArray[] in = {x, s};
        GradCheck.check("scale", in, v -> ScaleKernel.forward(v[0], v[1]), dy -> {
            var g = ScaleKernel.backward(in[0], in[1], dy);
            return new INDArray[] {g.dx(), g.ds()};
        });
    }

    @Test
    void channelShuffleInterleavesGroups() {
        INDArray x = Arrays4.rand(1, 2, 6, 2, 3);
        INDArray y = ChannelShuffleKernel.forward(2, x);
        // groups 2, C=6: output channel order 0,3,1,4,2,5 (torch.nn.ChannelShuffle)
        int[] from = {0, 3, 1, 4, 2, 5};
        for (int c = 0; c < 6; c++) {
            assertThat(y.getDouble(1, c, 1, 2)).isEqualTo(x.getDouble(1, from[c], 1, 2));
        }
        INDArray[] in = {x};
        GradCheck.check("shuffle", in, v -> ChannelShuffleKernel.forward(2, v[0]), dy ->
                new INDArray[] {ChannelShuffleKernel.backward(2, dy)});
        GradCheck.check("shuffle3", in, v -> ChannelShuffleKernel.forward(3, v[0]), dy ->
                new INDArray[] {ChannelShuffleKernel.backward(3, dy)});
    }

    @Test
    void dropoutIsSeededInvertedAndIdentityInInference() {
        INDArray x = Arrays4.rand(1, 4, 8, 8, 8);
        var a = DropoutKernel.forwardTrain(0.25, 42, x);
        var b = DropoutKernel.forwardTrain(0.25, 42, x);
        var c = DropoutKernel.forwardTrain(0.25, 43, x);
        assertThat(a.mask()).isEqualTo(b.mask());
        assertThat(a.mask()).isNotEqualTo(c.mask());
        double[] m = Arrays4.flat(a.mask());
        int kept = 0;
        for (double v : m) {
            assertThat(v == 0 || Math.abs(v - 1 / 0.75) < 1e-12).isTrue();
            if (v != 0) {
                kept++;
            }
        }
        assertThat(kept / (double) m.length).isBetween(0.70, 0.80);
        assertThat(DropoutKernel.forwardInference(x)).isEqualTo(x);
        INDArray[] in = {x};
        GradCheck.check(
                "dropout", in, v -> v[0].mul(a.mask()), dy -> new INDArray[] {DropoutKernel.backward(a.mask(), dy)});
        var f = DropoutKernel.forwardTrain(0.5, 1, x.castTo(DataType.FLOAT));
        assertThat(f.y().dataType()).isEqualTo(DataType.FLOAT);
    }
}
