package org.blockscope.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plain facade gives the same numbers as the ND4J-level Inspector, as plain arrays. */
class ModelProbeTest {

    private static Graph net() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 6, 6);
        x = b.relu("relu", b.bn("bn", b.conv("conv", x, 8, 3, 1, 1, 1, false)));
        x = b.add("se", NamedBlock.SE, Params.of("ratio", 2), x);
        b.classifier("out", b.fc("fc", b.gap("gap", x), 3, true));
        return b.graph();
    }

    private static float[] image(long seed) {
        Random r = new Random(seed);
        float[] x = new float[3 * 6 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Test
    void outputsAreTheInspectorsAsPlainPlanes() {
        Model m = ModelProbe.untrained(net(), 3);
        float[] img = image(1);
        INDArray x = Nd4j.create(img, new long[] {1, 3, 6, 6}, DataType.FLOAT);
        List<NodeOutput> reference = Inspector.outputs(m, x, Mode.INFERENCE);
        List<Activation> plain = ModelProbe.outputs(m, img, Mode.INFERENCE);
        assertThat(plain)
                .extracting(Activation::path)
                .containsExactlyElementsOf(
                        reference.stream().map(NodeOutput::path).toList());
        for (int i = 0; i < plain.size(); i++) {
            INDArray ref = reference.get(i).value();
            Planes p = plain.get(i).value();
            assertThat(p.dims())
                    .as(p.toString())
                    .containsExactly(java.util.Arrays.stream(ref.shape())
                            .mapToInt(d -> (int) d)
                            .toArray());
            assertThat(p.values())
                    .containsExactly(ref.castTo(DataType.FLOAT).data().asFloat());
        }
        assertThat(plain.stream()
                        .filter(a -> a.path().equals("conv"))
                        .findFirst()
                        .orElseThrow()
                        .value()
                        .dims())
                .containsExactly(8, 6, 6);
    }

    @Test
    void inferenceCopiesTheAskedPathsAndProbabilitiesSumToOne() {
        Model m = ModelProbe.untrained(net(), 3);
        float[] img = image(2);
        Map<String, Planes> got = ModelProbe.inference(m, img, List.of("relu", "se/gate", "no/such"));
        assertThat(got.keySet()).containsExactly("relu", "se/gate");
        assertThat(got.get("se/gate").dims()).containsExactly(8);
        assertThat(got.get("se/gate").values())
                .containsExactly(toFloats(ModelProbe.seGates(m, img).get("se")));
        double[] p = ModelProbe.probabilities(m, img);
        assertThat(p).hasSize(3);
        assertThat(java.util.Arrays.stream(p).sum()).isCloseTo(1, within(1e-5));
        assertThat(ModelProbe.tensor(m, "conv/weight").dims()).containsExactly(8, 3, 3, 3);
    }

    @Test
    void aWrongSizedImageIsRefusedWithTheShape() {
        Model m = ModelProbe.untrained(net(), 3);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelProbe.probabilities(m, new float[5]))
                .hasMessage("the image has 5 values, the network takes 3×6×6 = 108");
    }

    private static float[] toFloats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
