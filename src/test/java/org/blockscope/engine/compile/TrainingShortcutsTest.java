package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.blockscope.engine.backend.ConvSpec;
import org.blockscope.engine.kernel.Conv2dKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer's shortcuts change no loss and no gradient: no gradient with respect to the images (the
 * first convolution's weights-only path), buffers freed as soon as they are dead, BN-ReLU fused.
 */
class TrainingShortcutsTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @ParameterizedTest(name = "k{0} s{1} p{2} bias {3} groups {4}")
    @CsvSource({
        "3, 1, 1, false, 1",
        "3, 1, 1, true, 1",
        "5, 1, 0, true, 1",
        "1, 1, 0, false, 1",
        "3, 2, 1, true, 1",
        "3, 1, 1, true, 2"
    })
    void weightGradientEqualsConv2dBp(int k, int stride, int pad, boolean bias, int groups) {
        var spec = new ConvSpec(k, stride, pad, pad, 1, groups, bias);
        INDArray x = TinyNets.randomInput(1, DataType.DOUBLE, 3, 4, 9, 9);
        INDArray w = TinyNets.randomInput(2, DataType.DOUBLE, 6, 4 / groups, k, k);
        INDArray b = bias ? TinyNets.randomInput(3, DataType.DOUBLE, 6) : null;
        INDArray y = Conv2dKernel.forward(spec, x, w, b);
        INDArray dy = TinyNets.randomInput(4, DataType.DOUBLE, y.shape());
        ParamGrads full = Conv2dKernel.backward(spec, x, w, b, dy);
        ParamGrads only = Conv2dKernel.weightGradient(spec, x, w, b, dy);
        assertThat(only.dx()).isNull();
        assertThat(only.dw().shape()).isEqualTo(w.shape());
        assertThat(only.dw().sub(full.dw()).amaxNumber().doubleValue()).isLessThan(1e-10);
        if (bias) {
            assertThat(only.db().sub(full.db()).amaxNumber().doubleValue()).isLessThan(1e-10);
        }
    }

    /** A model of the template, a batch of 2, and the loss and gradients of one plain training pass. */
    private record Reference(Model model, INDArray x, int[] labels, double loss, Map<String, INDArray> grads) {
        static Reference of(String template) {
            Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(5, DataType.DOUBLE));
            Shape in = m.inputShape();
            INDArray x = TinyNets.randomInput(9, DataType.DOUBLE, 2, in.channels(), in.height(), in.width());
            int[] labels = {1, 3};
            m.forward(x, Mode.TRAINING, 1);
            double loss = m.backward(labels);
            return new Reference(m, x, labels, loss, copy(m.gradients()));
        }

        /** Another training pass gives the same loss and gradients (to tol, relative). */
        void repeatAndCompare(String what, double tol) {
            model.forward(x, Mode.TRAINING, 1);
            assertThat(model.backward(labels))
                    .as("%s: loss", what)
                    .isCloseTo(loss, within(tol * Math.max(1, Math.abs(loss))));
            assertThat(model.gradients().keySet()).containsExactlyInAnyOrderElementsOf(grads.keySet());
            grads.forEach((name, g) -> assertThat(
                            model.gradients().get(name).sub(g).amaxNumber().doubleValue())
                    .as("%s: %s", what, name)
                    .isLessThanOrEqualTo(tol * Math.max(1, g.amaxNumber().doubleValue())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet20", "lenet5", "densenet_bc40", "mini_vgg"})
    void parameterGradientsDoNotDependOnIt(String template) {
        Reference r = Reference.of(template);
        assertThat(r.model().inputGradient()).isNotNull();
        r.model().computeInputGradient(false);
        r.repeatAndCompare(template, 1e-9);
        assertThat(r.model().inputGradient()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet20", "se_resnet20", "densenet_bc40", "mini_inception", "mobilenet_mini"})
    void buffersFreedEarlyAreGivenBackOnceAndPassesRepeat(String template) {
        long before = org.blockscope.engine.backend.BufferPool.repeatedGives();
        Reference r = Reference.of(template);
        Model m = r.model();
        m.keepPreviousPass(false);
        m.computeInputGradient(false);
        for (int i = 0; i < 3; i++) {
            r.repeatAndCompare(template + ", pass " + (i + 2), 1e-12);
            INDArray fused = m.infer(r.x()).dup(); // running statistics moved: compare with forward
            assertThat(fused.sub(m.forward(r.x(), Mode.INFERENCE, 1))
                            .amaxNumber()
                            .doubleValue())
                    .isLessThan(1e-9);
        }
        assertThat(org.blockscope.engine.backend.BufferPool.repeatedGives()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"resnet20, bn1", "densenet_bc40, dense1/l2_bn1", "mobilenet_mini, sep1/pw_bn"})
    void fastTrainingFusesBatchNormReluWithoutChangingLossOrGradients(String template, String bn) {
        Reference r = Reference.of(template);
        INDArray bnOut = r.model().activation(bn).dup();
        assertThat(bnOut.minNumber().doubleValue()).isNegative();
        r.model().fastTraining(true);
        r.repeatAndCompare(template, 1e-12);
        // the fused batch norm's entry now holds the ReLU's output
        INDArray fused = r.model().activation(bn);
        assertThat(fused.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(fused.sub(org.nd4j.linalg.ops.transforms.Transforms.relu(bnOut, true))
                        .amaxNumber()
                        .doubleValue())
                .isLessThan(1e-12);
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> m) {
        Map<String, INDArray> c = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }
}
