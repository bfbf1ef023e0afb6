package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.PrimitiveNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every primitive and every named block, compiled and run: activation shapes against the shapes
 * the core inferred, tensor sizes against the core's parameter counts, gradients against central
 * differences.
 */
class CompiledModelTest {
    private static final int N = 3;

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Stream<Object[]> primitives() {
        return TinyNets.cases(TinyNets.primitives()).stream();
    }

    static Stream<Object[]> blocks() {
        return TinyNets.cases(TinyNets.blocks()).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void primitiveMatchesCoreAndGradients(String name, Graph g) {
        checkAll(name, g);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void blockMatchesCoreAndGradients(String name, Graph g) {
        checkAll(name, g);
    }

    private static void checkAll(String name, Graph g) {
        Model m = Compiler.compile(g, new Compiler.Options(7, DataType.DOUBLE));
        Shape in = m.inputShape();
        INDArray x = TinyNets.randomInput(11, DataType.DOUBLE, N, in.channels(), in.height(), in.width());
        m.forward(x, Mode.TRAINING, 1);
        Map<String, INDArray> act = m.activations();
        NetworkAnalysis analysis = NetworkAnalysis.of(g);
        assertThat(act.keySet()).as(name).containsExactlyElementsOf(m.paths());
        for (PrimitiveNode p : m.expanded().nodes()) {
            Shape s = p.output();
            long[] expected =
                    s.vector() ? new long[] {N, s.channels()} : new long[] {N, s.channels(), s.height(), s.width()};
            assertThat(act.get(p.path()).shape())
                    .as("%s: activation of %s (%s)", name, p.path(), s)
                    .isEqualTo(expected);
            Cost c = analysis.primitive(p.path()).orElseThrow().cost();
            long params = m.tensors().values().stream()
                    .filter(t -> t.trainable() && owner(t).equals(p.path()))
                    .mapToLong(t -> t.value().length())
                    .sum();
            long state = m.tensors().values().stream()
                    .filter(t -> !t.trainable() && owner(t).equals(p.path()))
                    .mapToLong(t -> t.value().length())
                    .sum();
            assertThat(params).as("%s: params of %s", name, p.path()).isEqualTo(c.params());
            assertThat(state).as("%s: state of %s", name, p.path()).isEqualTo(c.state());
        }
        assertThat(m.parameterCount()).isEqualTo(analysis.total().params());
        int checked = ModelGradCheck.check(name, m, x, TinyNets.labels(N));
        assertThat(checked).isGreaterThan(8);
    }

    private static String owner(Tensor t) {
        return t.name().substring(0, t.name().lastIndexOf('/'));
    }
}
