package org.blockscope.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.ArrayData;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class InspectorTest {

    /** Input 3×6×6 → conv 8 → BN → ReLU → SE(r=2) → aux head and GAP → FC → Classifier. */
    private static Graph seNet() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 6, 6);
        x = b.relu("relu", b.bn("bn", b.conv("conv", x, 8, 3, 1, 1, 1, false)));
        x = b.add("se", NamedBlock.SE, Params.of("ratio", 2), x);
        b.add(
                "aux",
                Primitive.CLASSIFIER,
                Params.of("trainingOnly", true, "lossWeight", 0.3),
                b.fc("aux_fc", x, 3, true));
        b.classifier("out", b.fc("fc", b.gap("gap", x), 3, true));
        return b.graph();
    }

    private static INDArray images(long seed, int n) {
        Random r = new Random(seed);
        double[] d = new double[n * 3 * 36];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return Nd4j.create(d, new long[] {n, 3, 6, 6}, 'c').castTo(DataType.DOUBLE);
    }

    private static Model model() {
        return Compiler.compile(seNet(), new Compiler.Options(4, DataType.DOUBLE));
    }

    @Test
    void outputsOfEveryNodeForOneImageMatchTheBatchPass() {
        Model m = model();
        INDArray batch = images(1, 4);
        m.forward(batch, Mode.INFERENCE);
        Map<String, INDArray> batchAct = new java.util.LinkedHashMap<>();
        m.activations().forEach((k, v) -> batchAct.put(k, v.dup()));
        List<NodeOutput> outs =
                Inspector.outputs(m, batch.get(NDArrayIndex.point(2)).dup(), Mode.INFERENCE);
        assertThat(outs.stream().map(NodeOutput::path)).containsExactlyElementsOf(batchAct.keySet());
        assertThat(outs).noneMatch(o -> o.path().startsWith("aux"));
        for (NodeOutput o : outs) {
            long[] expected = o.shape().vector()
                    ? new long[] {o.shape().channels()}
                    : new long[] {
                        o.shape().channels(), o.shape().height(), o.shape().width()
                    };
            assertThat(o.value().shape()).as(o.path()).isEqualTo(expected);
            assertThat(o.value().equalsWithEps(batchAct.get(o.path()).get(NDArrayIndex.point(2)), 1e-10))
                    .as(o.path())
                    .isTrue();
        }
        assertThat(outs.stream()
                        .filter(o -> o.path().equals("se/gate"))
                        .findFirst()
                        .orElseThrow()
                        .owner())
                .isEqualTo("se");
    }

    @Test
    void trainingModeLookShowsAuxHeadsAndLeavesRunningStatistics() {
        Model m = model();
        INDArray before = m.tensors().get("bn/running_mean").value().dup();
        List<NodeOutput> outs = Inspector.outputs(m, images(2, 1), Mode.TRAINING);
        assertThat(outs).anyMatch(o -> o.path().equals("aux"));
        assertThat(m.tensors().get("bn/running_mean").value()).isEqualTo(before);
    }

    @Test
    void trainingModeLookOnTheTrainersModelShowsTheBatchNormBeforeItsRelu() {
        Model m = model();
        m.fastTraining(true); // as while the trainer runs
        List<NodeOutput> outs = Inspector.outputs(m, images(3, 1), Mode.TRAINING);
        INDArray bn = outs.stream()
                .filter(o -> o.path().equals("bn"))
                .findFirst()
                .orElseThrow()
                .value();
        INDArray relu = outs.stream()
                .filter(o -> o.path().equals("relu"))
                .findFirst()
                .orElseThrow()
                .value();
        assertThat(bn.minNumber().doubleValue()).isNegative(); // batch statistics: half below 0
        assertThat(relu.minNumber().doubleValue()).isZero();
        assertThat(m.fastTraining()).isTrue();
    }

    @Test
    void seGateIsSigmoidOfTheTwoLayerExcitation() {
        Model m = model();
        INDArray image = images(3, 1);
        Map<String, double[]> gates = Inspector.seGates(m, image);
        assertThat(gates.keySet()).containsExactly("se");
        // oracle: squeeze = mean over H,W of the SE input; gate = σ(W2 relu(W1 s + b1) + b2)
        m.forward(image, Mode.INFERENCE);
        double[] s = m.activation("relu").mean(2, 3).getRow(0).toDoubleVector();
        double[][] w1 = m.tensors().get("se/fc1/weight").value().toDoubleMatrix();
        double[] b1 = m.tensors().get("se/fc1/bias").value().toDoubleVector();
        double[][] w2 = m.tensors().get("se/fc2/weight").value().toDoubleMatrix();
        double[] b2 = m.tensors().get("se/fc2/bias").value().toDoubleVector();
        double[] h = new double[w1.length];
        for (int j = 0; j < h.length; j++) {
            double z = b1[j];
            for (int c = 0; c < s.length; c++) {
                z += w1[j][c] * s[c];
            }
            h[j] = Math.max(0, z);
        }
        double[] gate = gates.get("se");
        assertThat(gate).hasSize(8);
        for (int c = 0; c < 8; c++) {
            double z = b2[c];
            for (int j = 0; j < h.length; j++) {
                z += w2[c][j] * h[j];
            }
            assertThat(gate[c]).isCloseTo(1 / (1 + Math.exp(-z)), within(1e-12));
        }
    }

    @Test
    void seGatesPerClassAverageTheImagesOfEachClass() {
        Model m = model();
        INDArray x = images(4, 7);
        int[] labels = {0, 1, 0, 2, 1, 0, 1};
        Map<String, double[][]> perClass = Inspector.seGatesPerClass(m, new ArrayData(x, labels, false).batches(3, 0));
        double[][] expected = new double[3][8];
        int[] counts = new int[3];
        for (int i = 0; i < 7; i++) {
            double[] g =
                    Inspector.seGates(m, x.get(NDArrayIndex.point(i)).dup()).get("se");
            for (int c = 0; c < 8; c++) {
                expected[labels[i]][c] += g[c];
            }
            counts[labels[i]]++;
        }
        for (int k = 0; k < 3; k++) {
            for (int c = 0; c < 8; c++) {
                assertThat(perClass.get("se")[k][c]).isCloseTo(expected[k][c] / counts[k], within(1e-12));
            }
        }
    }

    @Test
    void probeSamplerSnapshotsAtMostOncePerPeriodWithPrivateCopies() {
        Model m = model();
        AtomicLong now = new AtomicLong(1000);
        List<ProbeSnapshot> got = new ArrayList<>();
        ProbeSampler sampler = new ProbeSampler(
                images(5, 1).get(NDArrayIndex.point(0)).dup(), 100, Set.of("conv", "se/gate"), got::add, now::get);
        for (int i = 0; i < 6; i++) {
            sampler.afterIteration(m, 0, i);
            now.addAndGet(40);
        }
        // t = 1000, 1040, 1080, 1120, 1160, 1200: snapshots at 1000, 1120
        assertThat(got).extracting(ProbeSnapshot::iteration).containsExactly(0L, 3L);
        ProbeSnapshot s = got.get(0);
        assertThat(s.outputs().keySet()).containsExactlyInAnyOrder("conv", "se/gate");
        assertThat(s.outputs().get("conv").shape()).isEqualTo(new long[] {8, 6, 6});
        assertThat(java.util.Arrays.stream(s.probabilities()).sum()).isCloseTo(1, within(1e-12));
        INDArray copy = s.outputs().get("conv").dup();
        m.forward(images(6, 2), Mode.TRAINING);
        assertThat(s.outputs().get("conv")).isEqualTo(copy);
    }
}
