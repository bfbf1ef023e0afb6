package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.train.Optimizer;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fused inference keeps each convolution's weights (batch norm folded in, in the kernel's layout) from one
 * pass to the next: a pass with unchanged parameters makes none, and any change in place to a weight, a
 * bias, a folded batch norm's parameters or statistics, or a training step makes that convolution's again,
 * so the result always equals a pass that makes every weight afresh.
 */
class KeptWeightsTest {
    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @AfterEach
    void restore() {
        Model.keepInferenceWeights(true);
    }

    private final INDArray x = TinyNets.randomInput(3, DataType.FLOAT, 2, 3, 32, 32);

    private static Model resnet() {
        assumeTrue(OneDnn.available(), "oneDNN: " + OneDnn.failure());
        return Compiler.compile(Templates.graph("resnet20"), new Compiler.Options(5, DataType.FLOAT));
    }

    /** Per convolution step (by path): how many times it made its inference weights. */
    private static Map<String, Long> made(Model m) {
        return m.steps().stream()
                .filter(s -> s instanceof ConvStep)
                .collect(Collectors.toMap(Step::path, s -> ((ConvStep) s).weightsMade()));
    }

    /** The fused pass with every weight made afresh (keeping off). */
    private INDArray fresh(Model m) {
        Model.keepInferenceWeights(false);
        try {
            return m.infer(x).dup();
        } finally {
            Model.keepInferenceWeights(true);
        }
    }

    @Test
    void anUnchangedNetMakesItsWeightsOnce() {
        Model m = resnet();
        INDArray first = m.infer(x).dup();
        Map<String, Long> once = made(m);
        assertThat(once)
                .hasSize(21)
                .allSatisfy((path, n) -> assertThat(n).as(path).isEqualTo(1));
        INDArray second = m.infer(x).dup();
        assertThat(made(m)).isEqualTo(once);
        assertThat(second).isEqualTo(first);
        assertThat(fresh(m)).isEqualTo(first);
    }

    @Test
    void aChangeInPlaceMakesThatConvolutionsWeightsAgain() {
        List<String> changed = List.of(
                "stage2_1/conv1/weight", // the convolution's own weight
                "stage3_0/bn2/gamma", // a folded batch norm's parameter
                "stage1_2/bn1/running_var", // and its statistics
                "stage2_0/shortcut_bn/running_mean");
        List<String> remade = List.of("stage2_1/conv1", "stage3_0/conv2", "stage1_2/conv1", "stage2_0/shortcut_conv");
        for (int i = 0; i < changed.size(); i++) {
            Model m = resnet();
            m.infer(x);
            Map<String, Long> before = made(m);
            INDArray t = m.tensors().get(changed.get(i)).value();
            t.putScalar(t.length() / 2, t.getDouble(t.length() / 2) * 1.5 + 0.25); // one value, in place
            INDArray kept = m.infer(x).dup();
            Map<String, Long> after = made(m);
            for (String path : before.keySet()) {
                long extra = path.equals(remade.get(i)) ? 1 : 0;
                assertThat(after.get(path))
                        .as("%s after changing %s", path, changed.get(i))
                        .isEqualTo(before.get(path) + extra);
            }
            assertThat(kept).as(changed.get(i)).isEqualTo(fresh(m));
        }
    }

    /** Another batch size may pick another kernel, whose weights layout differs: the results still agree. */
    @Test
    void batchesOfOtherSizesGetTheirKernelsWeights() {
        Model m = resnet();
        for (int n : new int[] {2, 1, 7, 2}) {
            INDArray xn = TinyNets.randomInput(n, DataType.FLOAT, n, 3, 32, 32);
            INDArray kept = m.infer(xn).dup();
            Model.keepInferenceWeights(false);
            INDArray afresh = m.infer(xn).dup();
            Model.keepInferenceWeights(true);
            assertThat(kept).as("batch %s", n).isEqualTo(afresh);
        }
    }

    @Test
    void trainingStepsBetweenPassesAreSeen() {
        Model m = resnet();
        Optimizer opt = new Optimizer(new OptimizerConfig.Sgd(0.9, false, 5e-4));
        Consumer<Integer> step = i -> {
            m.forward(x, Mode.TRAINING);
            m.backward(new int[] {i % 10, (i + 3) % 10});
            opt.step(m, 0.05);
        };
        INDArray before = m.infer(x).dup();
        for (int i = 0; i < 3; i++) {
            step.accept(i);
            INDArray kept = m.infer(x).dup();
            assertThat(kept).as("after step %s", i).isEqualTo(fresh(m));
            assertThat(kept).isNotEqualTo(before);
            before = kept;
        }
        assertThat(made(m).values()).allSatisfy(n -> assertThat(n).isEqualTo(4));
    }
}
