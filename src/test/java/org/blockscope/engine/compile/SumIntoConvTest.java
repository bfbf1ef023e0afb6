package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A residual sum computed by the convolution before it (oneDNN's sum post-op into the other input's buffer,
 * {@link Fusion.SumIntoConv}) gives exactly what the separate add gives, pass after pass; it is taken
 * where the other input may be overwritten and nowhere else.
 */
class SumIntoConvTest {
    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @AfterEach
    void restore() {
        Model.sumIntoConv(true);
    }

    private static Model compile(Graph g) {
        assumeTrue(OneDnn.available(), "oneDNN: " + OneDnn.failure());
        return Compiler.compile(g, new Compiler.Options(11, DataType.FLOAT));
    }

    /** The plan's residual sums that convolutions may compute. */
    private static List<Fusion.SumIntoConv> sumFusions(Model m) {
        return m.fusions().all().stream()
                .filter(f -> f instanceof Fusion.SumIntoConv)
                .map(f -> (Fusion.SumIntoConv) f)
                .toList();
    }

    /** The fused pass with every residual sum as its own step. */
    private static INDArray separate(Model m, INDArray x) {
        Model.sumIntoConv(false);
        try {
            INDArray y = m.infer(x).dup();
            assertThat(m.summedAdds()).isEmpty();
            return y;
        } finally {
            Model.sumIntoConv(true);
        }
    }

    @Test
    void resNet20sNineResidualSumsRunInTheirConvolutionsWithTheSameResult() {
        Model m = compile(Templates.graph("resnet20"));
        List<String> adds = new ArrayList<>();
        for (String stage : List.of("stage1", "stage2", "stage3")) {
            for (int block = 0; block < 3; block++) {
                adds.add(stage + "_" + block + "/add");
            }
        }
        assertThat(sumFusions(m)).hasSize(9);
        for (int batch : new int[] {2, 5, 2}) { // a new batch size, then the first again (plans and pool reused)
            INDArray x = TinyNets.randomInput(batch, DataType.FLOAT, batch, 3, 32, 32);
            INDArray fused = m.infer(x).dup();
            assertThat(m.summedAdds()).containsExactlyElementsOf(adds);
            assertThat(fused).isEqualTo(separate(m, x));
            assertThat(m.infer(x)).as("again, batch " + batch).isEqualTo(fused);
        }
    }

    static Stream<Arguments> residualNets() {
        List<Arguments> l = new ArrayList<>();
        for (String t : List.of("se_resnet20", "mobilenet_mini", "resnet56")) {
            l.add(Arguments.of(t, Templates.graph(t)));
        }
        for (Map<String, Graph> m : List.of(TinyNets.primitives(), TinyNets.blocks())) {
            m.forEach((name, g) -> l.add(Arguments.of("tiny net " + name, g)));
        }
        return l.stream();
    }

    /** Every tiny net and the residual templates: the same output with and without the fusion. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("residualNets")
    void everyNetGivesTheSameOutputWithTheFusion(String name, Graph g) {
        Model m = compile(g);
        var s = m.inputShape();
        INDArray x = TinyNets.randomInput(7, DataType.FLOAT, 3, s.channels(), s.height(), s.width());
        INDArray fused = m.infer(x).dup();
        assertThat(m.summedAdds()).hasSizeLessThanOrEqualTo(sumFusions(m).size());
        assertThat(fused).as(name).isEqualTo(separate(m, x));
    }

    /**
     * The identity is read again after the add (by a concatenation): the convolution must not write over it,
     * so there is no fusion, and the concatenation sees the identity's own values.
     */
    @Test
    void anIdentityReadAfterTheAddIsNotOverwritten() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.conv("c0", b.input(3, 6, 6), 4, 3, 1, 1, 1, true);
        String branch =
                b.bn("bn", b.conv("c2", b.relu("r1", b.conv("c1", x, 4, 3, 1, 1, 1, true)), 4, 3, 1, 1, 1, false));
        String sum = b.sum("add", branch, x);
        String y = b.concat("cat", b.relu("relu", sum), x);
        Model m = compile(TinyNets.head(b, y, true));
        assertThat(sumFusions(m)).isEmpty();

        // the same graph without the concatenation's second reading: fused (c2 adds into c0's output)
        SubgraphBuilder b2 = new SubgraphBuilder();
        String x2 = b2.conv("c0", b2.input(3, 6, 6), 4, 3, 1, 1, 1, true);
        String c2 = b2.conv("c2", b2.relu("r1", b2.conv("c1", x2, 4, 3, 1, 1, 1, true)), 4, 3, 1, 1, 1, false);
        String sum2 = b2.sum("add", b2.bn("bn", c2), x2);
        Model m2 = compile(TinyNets.head(b2, b2.relu("relu", sum2), true));
        assertThat(sumFusions(m2)).hasSize(1);
        INDArray in = TinyNets.randomInput(4, DataType.FLOAT, 2, 3, 6, 6);
        INDArray fused = m2.infer(in).dup();
        assertThat(m2.summedAdds()).containsExactly("add");
        assertThat(fused).isEqualTo(separate(m2, in));
    }

    /**
     * The identity is a dropout (at inference the same buffer as its input), and that input is read again
     * after the add: the plan allows the fusion, but the pass sees that the buffer is not the identity's
     * alone and keeps the separate add.
     */
    @Test
    void aBufferThatAnotherLiveOutputSharesIsNotOverwritten() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.conv("c0", b.input(3, 6, 6), 4, 3, 1, 1, 1, true);
        String d = b.dropout("drop", x, 0.3);
        String c2 = b.conv("c2", b.relu("r1", b.conv("c1", d, 4, 3, 1, 1, 1, true)), 4, 3, 1, 1, 1, false);
        String sum = b.sum("add", b.bn("bn", c2), d);
        Model m = compile(TinyNets.head(b, b.concat("cat", b.relu("relu", sum), x), true));
        assertThat(sumFusions(m)).hasSize(1);
        INDArray in = TinyNets.randomInput(5, DataType.FLOAT, 2, 3, 6, 6);
        INDArray fused = m.infer(in).dup();
        assertThat(m.summedAdds()).isEmpty();
        assertThat(fused).isEqualTo(separate(m, in));
    }
}
