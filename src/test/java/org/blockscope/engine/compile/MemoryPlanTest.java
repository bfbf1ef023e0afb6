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

    /** input → conv a → bn1 → relu1 → conv b → bn2 → sum(bn2, relu1) → relu2 → gap → fc → classifier (0..10). */
    private static Graph residual() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 5, 5);
        String r1 = b.relu("relu1", b.bn("bn1", b.conv("a", x, 3, 3, 1, 1, 1, false)));
        String bn2 = b.bn("bn2", b.conv("b", r1, 3, 3, 1, 1, 1, false));
        String y = b.relu("relu2", b.sum("sum", bn2, r1));
        b.classifier("out", b.fc("fc", b.gap("gap", y), 3, true));
        return b.graph();
    }

    @Test
    void aBatchNormThatFeedsOnlyASumDiesInTheTrainingForwardPass() {
        Model m = Compiler.compile(residual(), new Compiler.Options(1, DataType.FLOAT));
        assertThat(m.paths())
                .containsExactly("input", "a", "bn1", "relu1", "b", "bn2", "sum", "relu2", "gap", "fc", "out");
        MemoryPlan mp = planOf(m).memory;
        assertThat(mp.deadAtBackwardStart())
                .as("bn2's output: the sum's backward does not read it, nor (no ReLU fused) bn2's own")
                .contains(5)
                .doesNotContain(2, 4);
        assertThat(mp.deadAfterTrainingForward(6))
                .as("bn2's output, once the sum ran")
                .containsExactly(5);
        assertThat(mp.deadAfterTrainingForward(2))
                .as("bn1's own backward reads it")
                .isEmpty();
        assertThat(mp.deadAfterTrainingForward(9))
                .as("the classifier's input: the loss reads it")
                .isEmpty();
        int dead = 0;
        for (int i = 0; i < m.paths().size(); i++) {
            dead += mp.deadAfterTrainingForward(i).length;
        }
        m.fastTraining(true);
        m.keepPreviousPass(false);
        m.forward(TinyNets.randomInput(3, DataType.FLOAT, 2, 2, 5, 5), Mode.TRAINING, 1);
        assertThat(m.activations()).doesNotContainKey("bn2").hasSize(m.paths().size() - dead);
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
            Plan plan = planOf(m);
            int deadInForward = 0;
            for (int i = 0; !keep && i < plan.size(); i++) {
                deadInForward += plan.memory.deadAfterTrainingForward(i).length;
            }
            assertThat(m.activations())
                    .as("those no backward reads died in the forward pass")
                    .hasSize(m.paths().size() - deadInForward);
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
