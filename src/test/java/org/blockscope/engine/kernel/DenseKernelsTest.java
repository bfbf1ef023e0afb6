package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Fully connected, global average pool, flatten, softmax cross-entropy. */
class DenseKernelsTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void fullyConnectedMatchesLoopsAndGradients() {
        INDArray x = Arrays4.rand(1, 3, 5), w = Arrays4.rand(2, 4, 5), b = Arrays4.rand(3, 4);
        INDArray y = FullyConnectedKernel.forward(x, w, b);
        assertThat(y.shape()).containsExactly(3, 4);
        for (int n = 0; n < 3; n++) {
            for (int o = 0; o < 4; o++) {
                double acc = b.getDouble(o);
                for (int i = 0; i < 5; i++) {
                    acc += x.getDouble(n, i) * w.getDouble(o, i);
                }
                assertThat(y.getDouble(n, o)).isCloseTo(acc, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
        INDArray[] in = {x, w, b};
        GradCheck.check("fc", in, a -> FullyConnectedKernel.forward(a[0], a[1], a[2]), dy -> {
            ParamGrads g = FullyConnectedKernel.backward(in[0], in[1], in[2], dy);
            return new INDArray[] {g.dx(), g.dw(), g.db()};
        });
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "batch {0}, {1} -> {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        "6, 12, 3", // tiny
        "64, 64, 16", // SE-ResNet-20's squeeze and excitation at batch 64: 2^16 MACs each
        "64, 16, 64",
        "64, 342, 10", // DenseNet-BC 40's classifier: 218,880 MACs, below the 2^18 limit
        "1, 7, 1"
    })
    void smallFloatLayersRunAsLoopsWithTheGemmResults(int batch, int in, int out) {
        INDArray x = Arrays4.rand(4, batch, in),
                w = Arrays4.rand(5, out, in),
                b = Arrays4.rand(6, out),
                dy = Arrays4.rand(7, batch, out);
        INDArray y = FullyConnectedKernel.forward(x, w, b); // DOUBLE: GEMM
        ParamGrads g = FullyConnectedKernel.backward(x, w, b, dy);
        DataType f = DataType.FLOAT;
        INDArray yf = FullyConnectedKernel.forward(x.castTo(f), w.castTo(f), b.castTo(f));
        ParamGrads gf = FullyConnectedKernel.backward(x.castTo(f), w.castTo(f), b.castTo(f), dy.castTo(f));
        assertThat(yf.dataType()).isEqualTo(f);
        // float sums of up to max(in, batch) products of values in [-1, 1): a rounding error per term
        double tol = 1e-6 * Math.max(8, Math.max(in, batch));
        assertThat(yf.castTo(DataType.DOUBLE).sub(y).amaxNumber().doubleValue()).isLessThan(tol);
        assertThat(gf.dx().castTo(DataType.DOUBLE).sub(g.dx()).amaxNumber().doubleValue())
                .isLessThan(tol);
        assertThat(gf.dw().castTo(DataType.DOUBLE).sub(g.dw()).amaxNumber().doubleValue())
                .isLessThan(tol);
        assertThat(gf.db().shape()).isEqualTo(b.shape());
        assertThat(gf.db().castTo(DataType.DOUBLE).sub(g.db()).amaxNumber().doubleValue())
                .isLessThan(tol);
    }

    /**
     * SE's gate in one call (FLOAT) equals its four steps computed in DOUBLE: sigmoid(W2·relu(W1·x + b1) + b2);
     * with and without biases. DOUBLE arrays (the gradient checks' type) are left to the separate steps.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "batch {0}, {1} -> {2} -> {1}, biases {3}")
    @org.junit.jupiter.params.provider.CsvSource({"64, 16, 4, true", "3, 64, 16, false", "1, 7, 2, true"})
    void excitationIsTheFourStepsInOne(int batch, int c, int hidden, boolean biases) {
        INDArray x = Arrays4.rand(11, batch, c), w1 = Arrays4.rand(12, hidden, c), w2 = Arrays4.rand(13, c, hidden);
        INDArray b1 = biases ? Arrays4.rand(14, hidden) : null, b2 = biases ? Arrays4.rand(15, c) : null;
        INDArray h = FullyConnectedKernel.forward(x, w1, b1);
        INDArray expected = ActivationKernel.forward(
                Activation.SIGMOID, FullyConnectedKernel.forward(ActivationKernel.forward(Activation.RELU, h), w2, b2));
        assertThat(h.minNumber().doubleValue())
                .as("some hidden units are cut by the ReLU")
                .isNegative();
        INDArray gate = FullyConnectedKernel.excitation(
                x.castTo(DataType.FLOAT),
                w1.castTo(DataType.FLOAT),
                biases ? b1.castTo(DataType.FLOAT) : null,
                w2.castTo(DataType.FLOAT),
                biases ? b2.castTo(DataType.FLOAT) : null);
        assertThat(gate.shape()).containsExactly(batch, c);
        assertThat(gate.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(gate.castTo(DataType.DOUBLE).sub(expected).amaxNumber().doubleValue())
                .isLessThan(1e-6);
        assertThat(FullyConnectedKernel.excitation(x, w1, b1, w2, b2))
                .as("DOUBLE")
                .isNull();
    }

    @Test
    void floatPoolAndScaleLoopsEqualTheDoubleOnes() {
        INDArray x = Arrays4.rand(8, 3, 4, 6, 5), s = Arrays4.rand(9, 3, 4), dy = Arrays4.rand(10, 3, 4, 6, 5);
        INDArray dg = Arrays4.rand(11, 3, 4);
        DataType f = DataType.FLOAT;
        close(GlobalAvgPoolKernel.forward(x.castTo(f)), GlobalAvgPoolKernel.forward(x));
        close(GlobalAvgPoolKernel.backward(x.shape(), dg.castTo(f)), GlobalAvgPoolKernel.backward(x.shape(), dg));
        close(ScaleKernel.forward(x.castTo(f), s.castTo(f)), ScaleKernel.forward(x, s));
        ScaleKernel.Grads gf = ScaleKernel.backward(x.castTo(f), s.castTo(f), dy.castTo(f));
        ScaleKernel.Grads gd = ScaleKernel.backward(x, s, dy);
        close(gf.dx(), gd.dx());
        close(gf.ds(), gd.ds());
    }

    private static void close(INDArray fl, INDArray dbl) {
        assertThat(fl.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(fl.shape()).isEqualTo(dbl.shape());
        assertThat(fl.castTo(DataType.DOUBLE).sub(dbl).amaxNumber().doubleValue())
                .isLessThan(1e-5);
    }

    @Test
    void globalAvgPoolAndFlatten() {
        INDArray x = Arrays4.rand(1, 2, 3, 4, 5);
        INDArray g = GlobalAvgPoolKernel.forward(x);
        assertThat(g.shape()).containsExactly(2, 3);
        assertThat(g.getDouble(1, 2)).isCloseTo(meanOf(x, 1, 2), org.assertj.core.data.Offset.offset(1e-12));
        INDArray[] in = {x};
        GradCheck.check("gap", in, a -> GlobalAvgPoolKernel.forward(a[0]), dy ->
                new INDArray[] {GlobalAvgPoolKernel.backward(in[0].shape(), dy)});
        INDArray f = FlattenKernel.forward(x);
        assertThat(f.shape()).containsExactly(2, 60);
        assertThat(f.getDouble(1, 2 * 20 + 3 * 5 + 4)).isEqualTo(x.getDouble(1, 2, 3, 4));
        GradCheck.check("flatten", in, a -> FlattenKernel.forward(a[0]), dy ->
                new INDArray[] {FlattenKernel.backward(in[0].shape(), dy)});
    }

    private static double meanOf(INDArray x, int n, int c) {
        double s = 0;
        for (int i = 0; i < x.size(2); i++) {
            for (int j = 0; j < x.size(3); j++) {
                s += x.getDouble(n, c, i, j);
            }
        }
        return s / (x.size(2) * x.size(3));
    }

    @Test
    void softmaxCrossEntropyIsStableAndMatchesDefinition() {
        INDArray z = Arrays4.rand(1, 4, 5).muli(3);
        int[] labels = {0, 4, 2, 2};
        var r = SoftmaxCrossEntropyKernel.forwardBackward(z, labels);
        double expect = 0;
        for (int n = 0; n < 4; n++) {
            double s = 0;
            for (int k = 0; k < 5; k++) {
                s += Math.exp(z.getDouble(n, k));
            }
            expect += Math.log(s) - z.getDouble(n, labels[n]);
        }
        assertThat(r.loss()).isCloseTo(expect / 4, org.assertj.core.data.Offset.offset(1e-12));
        // huge logits: no overflow
        var big = SoftmaxCrossEntropyKernel.forwardBackward(z.add(1000), labels);
        assertThat(big.loss()).isCloseTo(r.loss(), org.assertj.core.data.Offset.offset(1e-9));
        var f = SoftmaxCrossEntropyKernel.forwardBackward(
                z.castTo(DataType.FLOAT).muli(30), labels);
        assertThat(Double.isFinite(f.loss())).isTrue();
        // numeric gradient of the loss
        for (int n = 0; n < 4; n++) {
            for (int k = 0; k < 5; k++) {
                double o = z.getDouble(n, k);
                z.putScalar(new long[] {n, k}, o + 1e-6);
                double lp = SoftmaxCrossEntropyKernel.forwardBackward(z, labels).loss();
                z.putScalar(new long[] {n, k}, o - 1e-6);
                double lm = SoftmaxCrossEntropyKernel.forwardBackward(z, labels).loss();
                z.putScalar(new long[] {n, k}, o);
                assertThat(r.dlogits().getDouble(n, k))
                        .isCloseTo((lp - lm) / 2e-6, org.assertj.core.data.Offset.offset(1e-8));
            }
        }
    }

    @Test
    void softmaxOfFloatLogitsInAnyOrderMatchesTheDefinition() {
        INDArray zt = Arrays4.rand(2, 5, 3).muli(4).castTo(DataType.FLOAT); // [K, N]
        INDArray z = zt.transpose(); // an f-order view, [N = 3, K = 5]
        int[] labels = {4, 0, 1};
        var r = SoftmaxCrossEntropyKernel.forwardBackward(z, labels);
        INDArray p = SoftmaxCrossEntropyKernel.softmax(z);
        assertThat(r.dlogits().dataType()).isEqualTo(DataType.FLOAT);
        for (int n = 0; n < 3; n++) {
            double s = 0;
            for (int k = 0; k < 5; k++) {
                s += Math.exp(z.getDouble(n, k));
            }
            for (int k = 0; k < 5; k++) {
                double expect = Math.exp(z.getDouble(n, k)) / s;
                assertThat(p.getDouble(n, k)).isCloseTo(expect, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(r.probabilities().getDouble(n, k))
                        .isCloseTo(expect, org.assertj.core.data.Offset.offset(1e-6));
                assertThat(r.dlogits().getDouble(n, k))
                        .isCloseTo((expect - (labels[n] == k ? 1 : 0)) / 3, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
        assertThatThrownBy(() -> SoftmaxCrossEntropyKernel.forwardBackward(z, new int[] {0, 5, 1}))
                .hasMessage("label 5 of 5");
    }
}
