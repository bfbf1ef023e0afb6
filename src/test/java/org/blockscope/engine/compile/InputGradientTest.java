package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
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
 * Without the gradient with respect to the images (the trainer's setting), every parameter gradient
 * stays what the full backward gives; the first convolution then takes its weights-only path.
 */
class InputGradientTest {
  @BeforeAll
  static void doubles() {
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  @ParameterizedTest(name = "k{0} s{1} p{2} bias {3} groups {4}")
  @CsvSource({"3, 1, 1, false, 1", "3, 1, 1, true, 1", "5, 1, 0, true, 1", "1, 1, 0, false, 1", "3, 2, 1, true, 1",
      "3, 1, 1, true, 2"})
  void weightGradientEqualsConv2dBp(int k, int stride, int pad, boolean bias, int groups) {
    var spec = new Conv2dKernel.Spec(k, stride, pad, pad, 1, groups, bias);
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
    if (bias) assertThat(only.db().sub(full.db()).amaxNumber().doubleValue()).isLessThan(1e-10);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"resnet20", "lenet5", "densenet_bc40", "mini_vgg"})
  void parameterGradientsDoNotDependOnIt(String template) {
    Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(5, DataType.DOUBLE));
    Shape in = m.inputShape();
    INDArray x = TinyNets.randomInput(9, DataType.DOUBLE, 2, in.channels(), in.height(), in.width());
    int[] labels = {1, 3};
    m.forward(x, Mode.TRAINING, 1);
    double loss = m.backward(labels);
    Map<String, INDArray> full = copy(m.gradients());
    assertThat(m.inputGradient()).isNotNull();
    m.computeInputGradient(false);
    m.forward(x, Mode.TRAINING, 1);
    assertThat(m.backward(labels)).isEqualTo(loss);
    assertThat(m.inputGradient()).isNull();
    assertThat(m.gradients().keySet()).containsExactlyInAnyOrderElementsOf(full.keySet());
    full.forEach((name, g) -> assertThat(m.gradients().get(name).sub(g).amaxNumber().doubleValue())
        .as("%s: %s", template, name).isLessThan(1e-9 * Math.max(1, g.amaxNumber().doubleValue())));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"resnet20", "se_resnet20", "densenet_bc40", "mini_inception", "mobilenet_mini"})
  void buffersFreedEarlyAreGivenBackOnceAndPassesRepeat(String template) {
    long before = org.blockscope.engine.kernel.BufferPool.repeatedGives();
    Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(5, DataType.DOUBLE));
    m.keepPreviousPass(false);
    m.computeInputGradient(false);
    Shape in = m.inputShape();
    INDArray x = TinyNets.randomInput(9, DataType.DOUBLE, 2, in.channels(), in.height(), in.width());
    int[] labels = {1, 3};
    m.forward(x, Mode.TRAINING, 1);
    double loss = m.backward(labels);
    Map<String, INDArray> first = copy(m.gradients());
    for (int i = 0; i < 3; i++) {
      m.forward(x, Mode.TRAINING, 1);
      assertThat(m.backward(labels)).as("%s: loss of pass %d", template, i + 2).isEqualTo(loss);
      first.forEach((name, g) -> assertThat(m.gradients().get(name)).as("%s: %s", template, name).isEqualTo(g));
      INDArray fused = m.infer(x).dup();                // running statistics moved: compare with forward
      assertThat(fused.sub(m.forward(x, Mode.INFERENCE, 1)).amaxNumber().doubleValue()).isLessThan(1e-9);
    }
    assertThat(org.blockscope.engine.kernel.BufferPool.repeatedGives()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"resnet20, bn1", "densenet_bc40, dense1/l2_bn1", "mobilenet_mini, sep1/pw_bn"})
  void fastTrainingFusesBatchNormReluWithoutChangingLossOrGradients(String template, String bn) {
    Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(5, DataType.DOUBLE));
    Shape in = m.inputShape();
    INDArray x = TinyNets.randomInput(9, DataType.DOUBLE, 2, in.channels(), in.height(), in.width());
    int[] labels = {1, 3};
    m.forward(x, Mode.TRAINING, 1);
    double loss = m.backward(labels);
    Map<String, INDArray> full = copy(m.gradients());
    INDArray bnOut = m.activation(bn).dup();
    assertThat(bnOut.minNumber().doubleValue()).isNegative();
    m.fastTraining(true);
    m.forward(x, Mode.TRAINING, 1);
    assertThat(m.backward(labels)).isCloseTo(loss, within(1e-12));
    full.forEach((name, g) -> assertThat(m.gradients().get(name).sub(g).amaxNumber().doubleValue())
        .as("%s: %s", template, name).isLessThan(1e-12 * Math.max(1, g.amaxNumber().doubleValue())));
    // the fused batch norm's entry now holds the ReLU's output
    INDArray fused = m.activation(bn);
    assertThat(fused.minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
    assertThat(fused.sub(org.nd4j.linalg.ops.transforms.Transforms.relu(bnOut, true)).amaxNumber().doubleValue())
        .isLessThan(1e-12);
  }

  private static Map<String, INDArray> copy(Map<String, INDArray> m) {
    Map<String, INDArray> c = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, v.dup()));
    return c;
  }
}
