package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ModelBehaviourTest {
    private static final Compiler.Options DOUBLE = new Compiler.Options(3, DataType.DOUBLE);

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void refusesAGraphWithErrorsAndCarriesTheDiagnostics() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 8, 8);
        b.classifier("out", b.add("add", Primitive.ADD, Params.EMPTY, b.conv("a", x, 4, 3, 2, 1, 1, true), x));
        Graph g = b.graph();
        assertThatThrownBy(() -> Compiler.compile(g)).isInstanceOfSatisfying(CompileException.class, e -> {
            assertThat(e.diagnostics()).isNotEmpty().allMatch(d -> d.isError());
            assertThat(e.diagnostics()).anyMatch(d -> "add".equals(d.node()));
        });
    }

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndRunningStatisticsAtInference() {
        Model m = Compiler.compile(TinyNets.around(Primitive.BATCH_NORM, Params.of("momentum", 0.5), 2, 3), DOUBLE);
        INDArray x =
                TinyNets.randomInput(1, DataType.DOUBLE, 4, 2, 3, 3).muli(3).addi(2);
        m.forward(x, Mode.TRAINING, 1);
        INDArray y = m.activation("block");
        // training output: per channel mean 0 and biased variance 1 (γ = 1, β = 0)
        assertThat(y.mean(0, 2, 3).getDouble(0)).isCloseTo(0, within(1e-12));
        assertThat(y.var(false, 0, 2, 3).getDouble(1)).isCloseTo(1, within(1e-4)); // var / (var + eps)
        // running mean after one step with momentum 0.5 from 0: half the batch mean
        double batchMean = x.mean(0, 2, 3).getDouble(1);
        assertThat(m.tensors().get("block/running_mean").value().getDouble(1))
                .isCloseTo(0.5 * batchMean, within(1e-12));
        INDArray inf = m.forward(x, Mode.INFERENCE).dup();
        assertThat(m.activation("block").equalsWithEps(y, 1e-3)).isFalse();
        // inference treats images independently: one image alone gives the same output as in the batch
        INDArray one = m.forward(x.get(NDArrayIndex.interval(0, 1)).dup(), Mode.INFERENCE);
        assertThat(one.equalsWithEps(inf.get(NDArrayIndex.interval(0, 1)), 1e-12))
                .isTrue();
        // and inference does not move the running statistics
        INDArray rm = m.tensors().get("block/running_mean").value().dup();
        m.forward(x, Mode.INFERENCE);
        assertThat(m.tensors().get("block/running_mean").value()).isEqualTo(rm);
    }

    @Test
    void inferencePassGradientsTreatRunningStatisticsAsConstants() {
        for (String name : new String[] {"residual SE", "mbconv SE silu", "dense block"}) {
            Model m = Compiler.compile(TinyNets.blocks().get(name), DOUBLE);
            INDArray x = TinyNets.randomInput(
                    8,
                    DataType.DOUBLE,
                    3,
                    m.inputShape().channels(),
                    m.inputShape().height(),
                    m.inputShape().width());
            m.forward(x.mul(2).addi(0.5), Mode.TRAINING, 1); // move the running statistics off 0 and 1
            assertThat(ModelGradCheck.check(name + " (inference)", m, x, TinyNets.labels(3), Mode.INFERENCE))
                    .isGreaterThan(8);
        }
    }

    @Test
    void dropoutIsIdentityAtInferenceAndDropsAboutTheRateInTraining() {
        Model m = Compiler.compile(TinyNets.around(Primitive.DROPOUT, Params.of("rate", 0.4), 4, 10), DOUBLE);
        INDArray x = TinyNets.randomInput(2, DataType.DOUBLE, 8, 4, 10, 10).addi(3); // all > 0
        m.forward(x, Mode.INFERENCE);
        assertThat(m.activation("block")).isEqualTo(x);
        m.forward(x, Mode.TRAINING, 5);
        INDArray y = m.activation("block");
        double dropped = y.eq(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(dropped).isCloseTo(0.4, within(0.05));
        // kept values are scaled by 1 / (1 - p)
        INDArray kept = y.div(x);
        assertThat(kept.maxNumber().doubleValue()).isCloseTo(1 / 0.6, within(1e-9));
        // same noise seed, same mask; another seed, another mask
        INDArray again = m.forward(x, Mode.TRAINING, 5).dup();
        INDArray yAgain = m.activation("block").dup();
        assertThat(yAgain).isEqualTo(y);
        m.forward(x, Mode.TRAINING, 6);
        assertThat(m.activation("block").equalsWithEps(yAgain, 1e-9)).isFalse();
        assertThat(again).isNotNull();
    }

    @Test
    void auxiliaryHeadsRunOnlyInTrainingAndAddTheirWeightedLoss() {
        Model m = Compiler.compile(TinyNets.auxNet(), DOUBLE);
        INDArray x = TinyNets.randomInput(3, DataType.DOUBLE, 2, 2, 8, 8);
        int[] labels = {1, 2};
        m.forward(x, Mode.INFERENCE);
        assertThat(m.activations().keySet())
                .noneMatch(p -> p.startsWith("aux/"))
                .contains("out");
        assertThat(m.runs("aux/softmax", Mode.INFERENCE)).isFalse();
        double mainOnly = m.loss(labels);
        assertThat(mainOnly).isCloseTo(crossEntropy(m.activation("out"), labels), within(1e-12));
        m.forward(x, Mode.TRAINING, 1);
        INDArray aux = m.activation("aux/softmax");
        assertThat(aux).isNotNull();
        double expected = crossEntropy(m.activation("out"), labels) + 0.3 * crossEntropy(aux, labels);
        assertThat(m.backward(labels)).isCloseTo(expected, within(1e-12));
        assertThat(m.loss(labels)).isCloseTo(expected, within(1e-12));
        assertThat(m.outputPath()).isEqualTo("out");
        assertThat(m.classifierPaths()).containsExactlyInAnyOrder("out", "aux/softmax");
    }

    private static double crossEntropy(INDArray probabilities, int[] labels) {
        double s = 0;
        for (int i = 0; i < labels.length; i++) {
            s -= Math.log(probabilities.getDouble(i, labels[i]));
        }
        return s / labels.length;
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedOthers() {
        Graph g = Templates.graph("resnet20");
        Model a = Compiler.compile(g, new Compiler.Options(1, DataType.FLOAT));
        Model b = Compiler.compile(g, new Compiler.Options(1, DataType.FLOAT));
        Model c = Compiler.compile(g, new Compiler.Options(2, DataType.FLOAT));
        for (String name : a.tensors().keySet()) {
            assertThat(a.tensors().get(name).value())
                    .as(name)
                    .isEqualTo(b.tensors().get(name).value());
        }
        assertThat(a.tensors().get("conv1/weight").value())
                .isNotEqualTo(c.tensors().get("conv1/weight").value());
    }

    @Test
    void heInitialisationBeforeReluAndXavierBeforeTheClassifier() {
        Model m = Compiler.compile(Templates.graph("resnet20"), new Compiler.Options(9, DataType.FLOAT));
        // stage3_1/conv1: 3×3 conv 64 → 64 followed by BN and ReLU: std √(2 / (64·9))
        INDArray w = m.tensors().get("stage3_2/conv1/weight").value();
        assertThat(w.stdNumber().doubleValue()).isCloseTo(Math.sqrt(2.0 / (64 * 9)), within(0.003));
        // fc 64 → 10 then the classifier: Xavier √(2 / (64 + 10))
        INDArray fc = m.tensors().get("fc/weight").value();
        assertThat(fc.stdNumber().doubleValue()).isCloseTo(Math.sqrt(2.0 / 74), within(0.02));
        assertThat(m.tensors().get("fc/bias").value().sumNumber().doubleValue()).isZero();
        assertThat(m.tensors().get("bn1/gamma").value().minNumber().doubleValue())
                .isEqualTo(1.0);
    }

    @Test
    void floatModelTakesFloatInputAndPredicts() {
        Model m = Compiler.compile(Templates.graph("lenet5"));
        assertThat(m.dataType()).isEqualTo(DataType.FLOAT);
        INDArray x = TinyNets.randomInput(4, DataType.DOUBLE, 5, 1, 28, 28);
        INDArray p = m.forward(x, Mode.INFERENCE);
        assertThat(p.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(p.sum(1).getDouble(3)).isCloseTo(1.0, within(1e-5));
        assertThat(m.predict(x)).hasSize(5).containsAnyOf(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThatThrownBy(() -> m.forward(Nd4j.zeros(DataType.FLOAT, 2, 3, 28, 28), Mode.INFERENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1×28×28");
    }
}
