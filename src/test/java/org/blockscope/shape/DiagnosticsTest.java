package org.blockscope.shape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.block.KindConverter;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.converter.ConvertWith;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each user mistake is one diagnostic on the node it is about, quoting the values received; nothing
 * downstream of it is reported again and nothing throws.
 */
class DiagnosticsTest {

    private static Diagnostic error(String node, String message) {
        return Diagnostic.error(node, message);
    }

    private static List<Diagnostic> diagnose(Graph g) {
        return NetworkAnalysis.of(g).diagnostics();
    }

    /** input → ... → head (GAP, FC, Classifier) so that only the mistake under test is reported. */
    private static String head(SubgraphBuilder b, String x) {
        return b.classifier("softmax", b.fc("fc", b.gap("gap", x), 10, true));
    }

    private static String map(SubgraphBuilder b, int c, int h, int w) {
        return b.input(c, h, w);
    }

    @Test
    void aWellFormedNetworkHasNoDiagnostics() {
        SubgraphBuilder b = new SubgraphBuilder();
        head(b, b.conv("conv", map(b, 3, 32, 32), 16, 3, 1, 1, 1, true));
        assertThat(diagnose(b.graph())).isEmpty();
    }

    @Test
    void aCycleIsReportedOnEachOfItsNodesListingThePath() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 8, 8, 8);
        String add = b.sum("add", x);
        String conv = b.conv("conv", add, 8, 3, 1, 1, 1, true);
        head(b, conv);
        Graph g = b.graph().withEdge(new Edge("conv", "add", 1));

        assertThat(diagnose(g))
                .containsExactly(
                        error("add", "is part of a cycle: add → conv → add"),
                        error("conv", "is part of a cycle: add → conv → add"));
    }

    @Test
    void aSelfLoopIsACycle() {
        SubgraphBuilder b = new SubgraphBuilder();
        String add = b.sum("add", map(b, 8, 8, 8));
        head(b, add);
        Graph g = b.graph().withEdge(new Edge("add", "add", 1));

        assertThat(diagnose(g)).containsExactly(error("add", "is part of a cycle: add → add"));
    }

    @Test
    void anUnconnectedInputPortIsReportedAndNotItsConsumers() {
        SubgraphBuilder b = new SubgraphBuilder();
        head(b, b.sum("add", map(b, 8, 8, 8)));

        assertThat(diagnose(b.graph())).containsExactly(error("add", "input port 1 is not connected"));
    }

    @Test
    void addWithDifferentShapesQuotesBothAndSuggestsAProjection() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 64, 56, 56);
        String down = b.conv("down", x, 128, 3, 2, 1, 1, false);
        head(b, b.sum("res2_add", x, down));

        assertThat(diagnose(b.graph()))
                .containsExactly(error("res2_add", "inputs differ, 64×56×56 vs 128×28×28 (use a projection shortcut)"));
    }

    @Test
    void concatWithDifferentSpatialSizesQuotesBoth() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 64, 56, 56);
        String down = b.conv("down", x, 128, 3, 2, 1, 1, false);
        head(b, b.concat("cat", x, down));

        assertThat(diagnose(b.graph()))
                .containsExactly(error(
                        "cat", "inputs differ in height×width, 64×56×56 vs 128×28×28 (concat joins channels only)"));
    }

    @Test
    void aKernelLargerThanItsInputGivesOutputSizeBelowOne() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 1, 3, 3);
        head(b, b.add("conv5", Primitive.CONV2D, Params.of("kernel", 5, "padding", "valid"), x));

        assertThat(diagnose(b.graph()))
                .containsExactly(
                        error("conv5", "output size -1×-1 ≤ 0: input 1×3×3 is smaller than kernel 5 and padding 0"));
    }

    @Test
    void channelsNotDivisibleByGroups() {
        SubgraphBuilder b = new SubgraphBuilder();
        head(b, b.add("gconv", Primitive.CONV2D, Params.of("groups", 2), map(b, 3, 8, 8)));

        assertThat(diagnose(b.graph()))
                .containsExactly(error("gconv", "input channels 3 are not divisible by groups 2"));
    }

    @Test
    void anEdgeIntoAPortBeyondTheKindsInputs() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 3, 8, 8);
        String conv = b.conv("conv", x, 3, 3, 1, 1, 1, true);
        String bn = b.bn("bn", x);
        head(b, b.sum("add", conv, bn));
        Graph g = b.graph().withEdge(new Edge("bn", "conv", 1));

        assertThat(diagnose(g)).containsExactly(error("conv", "input port 1 does not exist (Conv 2D has one input)"));
    }

    @Test
    void noInput() {
        SubgraphBuilder b = new SubgraphBuilder();
        b.classifier("softmax", b.fc("fc", b.add("pool", Primitive.GLOBAL_AVG_POOL, Params.EMPTY), 10, true));

        assertThat(diagnose(b.graph()))
                .containsExactly(
                        error("pool", "input port 0 is not connected"),
                        error(null, "no Input node: every network starts with one"));
    }

    @Test
    void twoInputsAreReportedOnTheSecond() {
        SubgraphBuilder b = new SubgraphBuilder();
        String a = b.add("left", Primitive.INPUT, Params.of("channels", 3, "height", 8, "width", 8));
        String c = b.add("right", Primitive.INPUT, Params.of("channels", 3, "height", 8, "width", 8));
        head(b, b.sum("add", a, c));

        assertThat(diagnose(b.graph()))
                .containsExactly(error("right", "only one Input is supported, found 2: [left, right]"));
    }

    @Test
    void noClassifierMeansNoOutputAndTheLastNodeIsUnused() {
        SubgraphBuilder b = new SubgraphBuilder();
        b.fc("fc", b.gap("gap", map(b, 3, 8, 8)), 10, true);

        assertThat(diagnose(b.graph()))
                .containsExactly(
                        error(null, "no output: end the network with a Classifier"),
                        Diagnostic.warning("fc", "output is not used by any node"));
    }

    @Test
    void anUnusedOutputIsOnlyAWarning() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 3, 8, 8);
        b.conv("dangling", x, 4, 3, 1, 1, 1, true);
        head(b, x);
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());

        assertThat(a.diagnostics()).containsExactly(Diagnostic.warning("dangling", "output is not used by any node"));
        assertThat(a.hasErrors()).isFalse();
    }

    @Test
    void aResidualForcedToIdentityWithStride2NamesItsInnerAdd() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 64, 56, 56);
        head(b, b.add("res3a", NamedBlock.RESIDUAL, Params.of("filters", 64, "stride", 2, "shortcut", "identity"), x));

        assertThat(diagnose(b.graph()))
                .containsExactly(
                        error("res3a", "add: inputs differ, 64×28×28 vs 64×56×56 (use a projection shortcut)"));
    }

    @Test
    void aCompositeWithAParameterOutOfRangeQuotesIt() {
        SubgraphBuilder b = new SubgraphBuilder();
        head(b, b.add("dense", NamedBlock.DENSE_BLOCK, Params.of("layers", 0, "growth", 12), map(b, 16, 8, 8)));

        assertThat(diagnose(b.graph())).containsExactly(error("dense", "layers must be between 1 and 256, got 0"));
    }

    @Test
    void aDenseBlockFedAVectorSaysItNeedsAMap() {
        SubgraphBuilder b = new SubgraphBuilder();
        String v = b.gap("gap0", map(b, 64, 8, 8));
        String dense = b.add("dense", NamedBlock.DENSE_BLOCK, Params.EMPTY, v);
        b.classifier("softmax", b.fc("fc", dense, 10, true));

        assertThat(diagnose(b.graph()))
                .containsExactly(error("dense", "Dense block needs a feature map C×H×W, got the vector 64"));
    }

    @Test
    void nothingDownstreamOfAFailedNodeIsReportedAgain() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = map(b, 64, 56, 56);
        String bad = b.sum("add", x, b.conv("down", x, 128, 3, 2, 1, 1, false));
        String y = b.conv(
                "after", bad, 64, 3, 1, 1, 3, true); // groups 3 on 64 channels would fail too, but is never reached
        y = b.add("res", NamedBlock.RESIDUAL, Params.EMPTY, y);
        b.classifier("softmax", b.conv("notAVector", y, 10, 3, 1, 1, 1, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());

        assertThat(a.diagnostics())
                .containsExactly(error("add", "inputs differ, 64×56×56 vs 128×28×28 (use a projection shortcut)"));
        assertThat(a.node("add")).isEmpty();
        assertThat(a.node("after")).isEmpty();
        assertThat(a.node("down")).isPresent();
    }

    @ParameterizedTest(name = "{0}.{1} = {2}")
    @CsvSource(textBlock = """
            CONV2D,   padding,  SAME,       'padding must be one of [same, valid, explicit], got ''SAME'''
            RESIDUAL, variant,  Bottleneck, 'variant must be one of [basic, bottleneck], got ''Bottleneck'''
            RESIDUAL, shortcut, IDENTITY,   'shortcut must be one of [auto, identity, projection], got ''IDENTITY'''
            """)
    void aChoiceIsMatchedExactlyNotSilentlyReadAsAnotherOne(
            @ConvertWith(KindConverter.class) BlockKind kind, String param, String value, String message) {
        // the rules compare choices with equals: 'SAME' must not pass validation and then act as 'explicit'
        SubgraphBuilder b = new SubgraphBuilder();
        head(b, b.add("block", kind, Params.of(param, value, "filters", 64), map(b, 64, 8, 8)));

        assertThat(diagnose(b.graph())).containsExactly(error("block", message));
    }
}
