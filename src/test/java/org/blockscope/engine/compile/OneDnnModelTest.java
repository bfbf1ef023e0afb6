package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Whole models in FLOAT train the same with the kernels on oneDNN directly (convolutions, SE scaling,
 * global pooling and its gradient added onto the scaling's) as with libnd4j's ops and the Java loops
 * ({@link OneDnn#enable} false): same loss, same gradient for every parameter, same inference output.
 */
class OneDnnModelTest {
    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @AfterEach
    void restore() {
        OneDnn.enable(true);
    }

    static Stream<Object[]> nets() {
        return Stream.concat(
                TinyNets.cases(TinyNets.primitives()).stream(), TinyNets.cases(TinyNets.blocks()).stream());
    }

    private record Run(double loss, Map<String, INDArray> grads, INDArray inferred) {}

    private static Run run(Graph g, boolean oneDnn, boolean shortcuts) {
        OneDnn.enable(oneDnn);
        Model m = Compiler.compile(g, new Compiler.Options(3, DataType.FLOAT));
        m.fastTraining(shortcuts);
        Shape in = m.inputShape();
        INDArray x = TinyNets.randomInput(4, DataType.FLOAT, 3, in.channels(), in.height(), in.width());
        m.forward(x, Mode.TRAINING, 1);
        double loss = m.backward(TinyNets.labels(3));
        Map<String, INDArray> grads = new LinkedHashMap<>();
        m.gradients().forEach((k, v) -> grads.put(k, v.dup()));
        return new Run(loss, grads, m.infer(x).dup());
    }

    private static void agree(String name, Graph g, boolean shortcuts) {
        Run direct = run(g, true, shortcuts), nd4j = run(g, false, shortcuts);
        assertThat(direct.loss())
                .as("%s loss", name)
                .isCloseTo(nd4j.loss(), within(1e-4 * (1 + Math.abs(nd4j.loss()))));
        assertThat(direct.grads().keySet()).as(name).isEqualTo(nd4j.grads().keySet());
        direct.grads().forEach((k, v) -> {
            INDArray ref = nd4j.grads().get(k);
            double scale = Math.max(1e-3, ref.amaxNumber().doubleValue());
            assertThat(v.sub(ref).amaxNumber().doubleValue() / scale)
                    .as("%s: gradient of %s", name, k)
                    .isLessThan(2e-3);
        });
        double scale = Math.max(1, nd4j.inferred().amaxNumber().doubleValue());
        assertThat(direct.inferred().sub(nd4j.inferred()).amaxNumber().doubleValue() / scale)
                .as("%s inference", name)
                .isLessThan(1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void tinyNetsTrainTheSame(String name, Graph g) {
        agree(name, g, false);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"se_resnet20", "densenet_bc40", "mobilenet_mini"})
    void templatesTrainTheSameWithTheTrainersShortcuts(String template) {
        agree(template, Templates.graph(template), true);
    }
}
