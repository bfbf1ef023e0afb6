package org.blockscope.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The explanation panel's formulas, filled with the values of small hand-made networks. */
class FormulasTest {

    /** input 64×56×56 → conv → bn → pool → gap → fc */
    private static NetworkAnalysis chain(Params conv) {
        Graph g = Graph.of(
                List.of(
                        Node.of("in", Primitive.INPUT, Params.of("channels", 64, "height", 56, "width", 56)),
                        Node.of("conv", Primitive.CONV2D, conv),
                        Node.of("bn", Primitive.BATCH_NORM),
                        Node.of(
                                "pool",
                                Primitive.MAX_POOL,
                                Params.of("kernel", 3, "stride", 2, "padding", "explicit", "pad", 1)),
                        Node.of("gap", Primitive.GLOBAL_AVG_POOL),
                        Node.of("fc", Primitive.FULLY_CONNECTED, Params.of("units", 10))),
                List.of(
                        new Edge("in", "conv", 0),
                        new Edge("conv", "bn", 0),
                        new Edge("bn", "pool", 0),
                        new Edge("pool", "gap", 0),
                        new Edge("gap", "fc", 0)));
        return NetworkAnalysis.of(g);
    }

    @Test
    void convWritesOutSizeParamsMacsAndReceptiveField() {
        Formulas f = Formulas.of(chain(Params.of("filters", 128, "kernel", 3, "stride", 2)), "conv");
        assertThat(f.size()).startsWith("out = ⌊(56 + 2·1 − 3)/2⌋ + 1 = 28").endsWith("128×28×28");
        assertThat(f.params()).isEqualTo("3·3·64·128 + 128 = 73,856");
        assertThat(f.macs()).isEqualTo("28·28·128·64·3·3 = 57,802,752");
        assertThat(f.rf()).isEqualTo("r = 1 + (3 − 1)·1 = 3 px;  jump = 1·2 = 2");
    }

    @ParameterizedTest(name = "k={0} s={1} d={2} groups={3} bias={4}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            1 | 1 | 1 | 1  | false | 1·1·64·32
            3 | 1 | 2 | 1  | true  | 3·3·64·32 + 32
            3 | 1 | 1 | 32 | false | 3·3·(64/32)·32
            """)
    void convParameterTermsFollowGroupsAndBias(int k, int s, int d, int groups, boolean bias, String term) {
        Formulas f = Formulas.of(
                chain(Params.of(
                        "filters", 32, "kernel", k, "stride", s, "dilation", d, "groups", groups, "bias", bias)),
                "conv");
        assertThat(f.params()).startsWith(term + " = ");
    }

    @Test
    void dilatedConvShowsTheEffectiveKernel() {
        Formulas f = Formulas.of(
                chain(Params.of("filters", 32, "kernel", 3, "dilation", 2, "padding", "explicit", "pad", 2)), "conv");
        assertThat(f.size()).startsWith("out = (56 + 2·2 − 2·(3 − 1) − 1) + 1 = 56");
        assertThat(f.rf()).startsWith("r = 1 + (2·(3 − 1) + 1 − 1)·1 = 5 px");
    }

    @Test
    void poolBatchNormAndFullyConnected() {
        NetworkAnalysis a = chain(Params.of("filters", 128, "kernel", 3, "stride", 2));
        assertThat(Formulas.of(a, "pool").size()).startsWith("out = ⌊(28 + 2·1 − 3)/2⌋ + 1 = 14");
        assertThat(Formulas.of(a, "pool").params()).startsWith("0");
        assertThat(Formulas.of(a, "pool").rf()).isEqualTo("r = 3 + (3 − 1)·2 = 7 px;  jump = 2·2 = 4");
        assertThat(Formulas.of(a, "bn").params()).isEqualTo("2·128 = 256");
        assertThat(Formulas.of(a, "fc").params()).isEqualTo("128·10 + 10 = 1,290");
        assertThat(Formulas.of(a, "fc").macs()).isEqualTo("128·10 = 1,280");
        assertThat(Formulas.of(a, "gap").rf()).startsWith("sees the whole map");
    }

    @Test
    void namedBlockSumsItsPrimitives() {
        Graph g = Graph.of(
                List.of(
                        Node.of("in", Primitive.INPUT, Params.of("channels", 64, "height", 56, "width", 56)),
                        Node.of("res", NamedBlock.RESIDUAL, Params.of("filters", 64))),
                List.of(new Edge("in", "res", 0)));
        NetworkAnalysis a = NetworkAnalysis.of(g);
        Formulas f = Formulas.of(a, "res");
        // two 3×3 convs without bias and two BNs: 2·36,864 + 2·128 (torchvision BasicBlock)
        assertThat(f.params()).endsWith(" = 73,984").contains("36,864 (").contains("128 (");
        assertThat(f.size()).startsWith("64×56×56 → 64×56×56");
        assertThat(f.rf()).isEqualTo("r grows from 1 to 5 px;  jump 1 → 1");
    }

    @Test
    void aBlockWithoutAShapeQuotesItsProblem() {
        Graph g = Graph.of(
                List.of(
                        Node.of("in", Primitive.INPUT, Params.of("channels", 3, "height", 8, "width", 8)),
                        Node.of("conv", Primitive.CONV2D, Params.of("kernel", 15, "padding", "valid"))),
                List.of(new Edge("in", "conv", 0)));
        assertThat(Formulas.of(NetworkAnalysis.of(g), "conv").size())
                .startsWith("no output shape: ")
                .contains("kernel 15");
    }

    @Test
    void anUnconnectedBlockSaysSo() {
        Graph g = Graph.of(List.of(Node.of("conv", Primitive.CONV2D)), List.of());
        assertThat(Formulas.of(NetworkAnalysis.of(g), "conv").size())
                .isEqualTo("no output shape: input port 0 is not connected");
    }
}
