package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.stream.Stream;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Model#infer} (channels-last activations, batch norms folded into convolutions) gives the
 * probabilities {@code forward(x, INFERENCE)} gives, for every primitive, every named block and the
 * CIFAR templates, with non-trivial batch-norm statistics.
 */
class FusedInferenceTest {
    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static Stream<Object[]> nets() {
        return Stream.concat(
                TinyNets.cases(TinyNets.primitives()).stream(), TinyNets.cases(TinyNets.blocks()).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void tinyNetsAgree(String name, Graph g) {
        agree(name, g, 3, false, DataType.FLOAT, 2e-5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void tinyNetsAgreeInDouble(String name, Graph g) {
        agree(name, g, 3, false, DataType.DOUBLE, 1e-12); // the kernels' non-FLOAT paths
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet20", "se_resnet20", "densenet_bc40", "mobilenet_mini", "mini_inception", "lenet5"})
    void templatesAgree(String template) {
        agree(template, Templates.graph(template), 2, true, DataType.FLOAT, 2e-5);
    }

    @Test
    void resnetKeepsEveryConvolutionChannelsLastAndFoldsItsBatchNorms() {
        Model m = Compiler.compile(Templates.graph("resnet20"), new Compiler.Options(3, DataType.FLOAT));
        m.infer(TinyNets.randomInput(5, DataType.FLOAT, 2, 3, 32, 32));
        long convs = m.paths().stream()
                .filter(p -> p.endsWith("conv1") || p.endsWith("conv2") || p.endsWith("shortcut_conv"))
                .count();
        assertThat(convs).isEqualTo(21); // stem, 9 blocks × 2, 2 projections
        assertThat(m.channelsLastSteps())
                .hasSizeGreaterThanOrEqualTo(21 + 21 + 19 + 9) // conv, bn, relu, add
                .contains("conv1", "bn1", "stage3_2/conv2", "stage3_2/bn2", "stage2_0/shortcut_bn");
        assertThat(m.activations()).containsOnlyKeys(m.outputPath());
        assertThatThrownBy(() -> m.backward(new int[] {0, 1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("infer()");
    }

    /**
     * SE-ResNet-20's nine gates run in their blocks' residual sums at inference (one pass for x·s + shortcut
     * and the ReLU), and each gate's excitation (FC, ReLU, FC, sigmoid) is one step; the results equal the
     * unfused forward pass in FLOAT (oneDNN's fused product, the gate in one loop) and in DOUBLE (the steps
     * one by one).
     */
    @Test
    void seGatesRunInTheResidualSum() {
        Model m = Compiler.compile(Templates.graph("se_resnet20"), new Compiler.Options(3, DataType.FLOAT));
        assertThat(m.fusions().all().stream().filter(f -> f instanceof Fusion.ScaleIntoAdd))
                .hasSize(9);
        assertThat(m.fusions().all().stream().filter(f -> f instanceof Fusion.Excitation))
                .as("each gate's FC, ReLU, FC, sigmoid as one step")
                .hasSize(9);
        agree("se_resnet20 (double)", Templates.graph("se_resnet20"), 2, true, DataType.DOUBLE, 1e-12);
    }

    private static void agree(String name, Graph g, int n, boolean mustUseChannelsLast, DataType type, double tol) {
        Model m = Compiler.compile(g, new Compiler.Options(7, type));
        Random r = new Random(name.hashCode());
        m.tensors().forEach((k, t) -> {
            INDArray v = t.value();
            if (k.endsWith("running_mean") || k.endsWith("beta")) {
                v.assign(rand(r, v, -0.5, 0.5));
            } else if (k.endsWith("running_var") || k.endsWith("gamma")) {
                v.assign(rand(r, v, 0.5, 2.0));
            }
        });
        Shape in = m.inputShape();
        INDArray x = TinyNets.randomInput(11, type, n, in.channels(), in.height(), in.width());
        int[] labels = TinyNets.labels(n);
        INDArray expected = m.forward(x, Mode.INFERENCE, 1).dup();
        double expectedLoss = m.loss(labels);
        INDArray fused = m.infer(x).dup();
        assertThat(m.loss(labels)).as("%s: loss after infer", name).isCloseTo(expectedLoss, within(1e-4));
        assertThat(fused.shape()).isEqualTo(expected.shape());
        double diff = fused.sub(expected).amaxNumber().doubleValue();
        assertThat(diff)
                .as("%s: max |infer - forward| (expected max %s)", name, expected.amaxNumber())
                .isLessThan(tol);
        if (mustUseChannelsLast) {
            assertThat(m.channelsLastSteps()).as(name).isNotEmpty();
        }
        // again on other images: buffers freed early in the first pass are reused by the second
        INDArray x2 = TinyNets.randomInput(12, type, n, in.channels(), in.height(), in.width());
        INDArray fused2 = m.infer(x2).dup();
        m.infer(x);
        INDArray expected2 = m.forward(x2, Mode.INFERENCE, 1);
        assertThat(fused2.sub(expected2).amaxNumber().doubleValue())
                .as("%s, second batch", name)
                .isLessThan(tol);
    }

    private static INDArray rand(Random r, INDArray like, double lo, double hi) {
        double[] d = new double[(int) like.length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Nd4j.create(d, like.shape(), 'c').castTo(like.dataType());
    }
}
