package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.backend.BufferPool;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** When buffers die: the plan's liveness, and the trainer's passes freeing activations during backward. */
class MemoryPlanTest {
    /** input → conv a → bn → relu → conv b → gap → fc → classifier (steps 0..7). */
    private static Graph chain() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 5, 5);
        x = b.relu("relu", b.bn("bn", b.conv("a", x, 3, 3, 1, 1, 1, false)));
        x = b.conv("b", x, 4, 3, 1, 1, 1, true);
        b.classifier("out", b.fc("fc", b.gap("gap", x), 3, true));
        return b.graph();
    }

    @Test
    void anOutputDiesAfterTheBackwardOfTheFirstStepThatReadsIt() {
        Model m = Compiler.compile(chain(), new Compiler.Options(1, DataType.DOUBLE));
        assertThat(m.paths()).containsExactly("input", "a", "bn", "relu", "b", "gap", "fc", "out");
        Plan plan = planOf(m);
        MemoryPlan mp = plan.memory;
        assertThat(mp.deadAfterBackward(1)).as("the image's copy, after conv a").containsExactly(0);
        // conv a's output is read by the batch norm, whose own output its backward reads too (a fused ReLU's mask)
        assertThat(mp.deadAfterBackward(2)).containsExactly(1, 2);
        assertThat(mp.deadAfterBackward(3)).isEmpty();
        assertThat(mp.deadAfterBackward(4))
                .as("the ReLU's output, after conv b")
                .containsExactly(3);
        assertThat(mp.deadAfterBackward(5)).containsExactly(4);
        assertThat(mp.deadAfterBackward(6)).containsExactly(5);
        assertThat(mp.deadAtBackwardStart())
                .as("logits and probabilities: the loss read them")
                .containsExactly(6, 7);
        assertThat(mp.deadAfterInference(4))
                .as("at inference the ReLU's output dies with conv b")
                .containsExactly(3);
        assertThat(mp.gradientDiesAfterBackward(0))
                .as("the image's gradient is a result")
                .isFalse();
        assertThat(mp.gradientDiesAfterBackward(4)).isTrue();
    }

    private static Plan planOf(Model m) {
        try {
            var f = Model.class.getDeclaredField("plan");
            f.setAccessible(true);
            return (Plan) f.get(m);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"resnet20", "densenet_bc40", "mini_inception"})
    void trainerPassesFreeActivationsDuringBackwardWithTheSameGradients(String template) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Map<String, INDArray> kept = null;
        for (boolean keep : new boolean[] {true, false}) {
            Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(2, DataType.FLOAT));
            m.fastTraining(true);
            m.keepPreviousPass(keep);
            Shape in = m.inputShape();
            INDArray x = TinyNets.randomInput(3, DataType.FLOAT, 2, in.channels(), in.height(), in.width());
            long repeated = BufferPool.repeatedGives();
            m.forward(x, Mode.TRAINING, 1);
            assertThat(m.activations()).hasSize(m.paths().size());
            m.backward(TinyNets.labels(2));
            Map<String, INDArray> g = new LinkedHashMap<>();
            m.gradients().forEach((k, v) -> g.put(k, v.dup()));
            if (keep) {
                assertThat(m.activations())
                        .as("views read them after backward")
                        .hasSize(m.paths().size());
                kept = g;
            } else {
                assertThat(m.activations())
                        .as("every activation died during backward")
                        .isEmpty();
                assertThat(BufferPool.repeatedGives()).isEqualTo(repeated);
                for (var e : kept.entrySet()) {
                    assertThat(g.get(e.getKey()).sub(e.getValue()).amaxNumber().doubleValue())
                            .as("%s: %s", template, e.getKey())
                            .isLessThan(1e-6);
                }
            }
        }
    }
}
