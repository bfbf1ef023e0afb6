package org.blockscope.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Inputs;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scaling any network. The oracle for the rule itself: EfficientNet-B1..B3 are B0 scaled by
 * torchvision's (width, depth, resolution), so scaling our B0 must give exactly torchvision's counts
 * for them (torchvision_figures.py), which the B1..B3 templates also have, built independently.
 */
class ScalingTest {

    @ParameterizedTest(name = "B0 × (d={1}, w={2}, {3} px) = {0}")
    @CsvSource(textBlock = """
            efficientnet_b1, 1.1, 1.0, 240,  7794184,  686802832
            efficientnet_b2, 1.2, 1.1, 260,  9109994,  993561872
            efficientnet_b3, 1.4, 1.2, 300, 12233232, 1827141392
            """)
    void scalingB0GivesTorchvisionsB1toB3(String id, double d, double w, int px, long params, long macs) {
        Scaling s = new Scaling(d, w, px / 224.0);
        NetworkAnalysis a =
                NetworkAnalysis.of(s.apply(Templates.graph("efficientnet_b0")).graph());

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total().params()).isEqualTo(params);
        assertThat(a.total().macs()).isEqualTo(macs);
        NetworkAnalysis template = NetworkAnalysis.of(Templates.graph(id));
        assertThat(template.total()).isEqualTo(a.total());
    }

    @Test
    void compoundCoefficientsAreThePapersAndPhiTwoGives296Pixels() {
        Scaling s = Scaling.compound(2);
        assertThat(s.depth()).isCloseTo(1.44, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.width()).isCloseTo(1.21, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.resolution()).isCloseTo(1.3225, org.assertj.core.data.Offset.offset(1e-12));
        // α·β²·γ² ≈ 2 (Tan and Le 2019, equation 3)
        assertThat(Scaling.ALPHA * Scaling.BETA * Scaling.BETA * Scaling.GAMMA * Scaling.GAMMA)
                .isBetween(1.9, 2.0);
        Graph g = s.apply(Templates.graph("efficientnet_b0")).graph();
        assertThat(Inputs.of(g)).contains(Shape.map(3, 296, 296));
    }

    /**
     * FLOPs grow by d·w²·r² when nothing rounds: ResNet-50 × (2, 2, 2) has 32 × the MACs but for the
     * stem (3 input channels) and the classifier (1000 classes): 29.4 ×.
     */
    @Test
    void flopsGrowByDepthTimesWidthSquaredTimesResolutionSquared() {
        ScalingReport exact = ScalingReport.of(Templates.graph("resnet50"), new Scaling(2, 2, 2));
        assertThat(exact.predictedFlopsRatio()).isEqualTo(32.0);
        assertThat(exact.measuredFlopsRatio()).isBetween(29.0, 32.0);
        assertThat(exact.scaled().input()).isEqualTo(Shape.map(3, 448, 448));
    }

    /**
     * φ = 1 from B0 is B2's network (width 1.1, depth 1.2, torchvision's B2 params 9,109,994) at 258
     * instead of 260 px; rounding the small repeat counts up makes it 2.57 × B0's MACs where
     * α·β²·γ² predicts 1.92.
     */
    @Test
    void phiOneFromB0IsB2sNetworkAtTwoHundredFiftyEightPixels() {
        ScalingReport r = ScalingReport.of(Templates.graph("efficientnet_b0"), Scaling.compound(1));
        assertThat(r.scaled().valid()).isTrue();
        assertThat(r.scaled().cost().params()).isEqualTo(9_109_994);
        assertThat(r.scaled().input()).isEqualTo(Shape.map(3, 258, 258));
        assertThat(r.measuredFlopsRatio()).isCloseTo(2.573, org.assertj.core.data.Offset.offset(0.001));
        assertThat(r.text())
                .contains("Params                           5,288,548           9,109,994    ×1.723")
                .contains("FLOPs grow ×2.573; d·w²·r² predicts ×1.920");
    }

    @Test
    void depthRepeatsEveryStageRoundingUpWithStrideOneCopies() {
        Graph g = new Scaling(1.5, 1, 1).apply(Templates.graph("resnet18")).graph();
        // stages of 2 blocks become 3: layer1_0, layer1_1, layer1_2, ...
        assertThat(g.nodes().stream().filter(n -> n.kind() == NamedBlock.RESIDUAL))
                .hasSize(12);
        Node copy = g.node("layer2_2");
        assertThat(copy.params().getInt("stride")).isEqualTo(1);
        assertThat(g.inputs("layer3_0").get(0).from()).isEqualTo("layer2_2");
        assertThat(NetworkAnalysis.of(g).diagnostics()).isEmpty();
        Graph shallower =
                new Scaling(0.5, 1, 1).apply(Templates.graph("resnet34")).graph();
        // [3, 4, 6, 3] → [2, 2, 3, 2]
        assertThat(shallower.nodes().stream().filter(n -> n.kind() == NamedBlock.RESIDUAL))
                .hasSize(9);
        assertThat(NetworkAnalysis.of(shallower).diagnostics()).isEmpty();
    }

    @Test
    void widthRoundsToEightsAndKeepsTheClasses() {
        Graph g = new Scaling(1, 1.3, 1).apply(Templates.graph("resnet18")).graph();
        assertThat(g.node("layer1_0").params().getInt("filters")).isEqualTo(80); // 83.2 → 80
        assertThat(g.node("layer4_1").params().getInt("filters")).isEqualTo(664); // 665.6 → 664
        assertThat(g.node("conv1").params().getInt("filters")).isEqualTo(80);
        assertThat(g.node("fc").params().getInt("units")).isEqualTo(1000);
    }

    @Test
    void denseNetsGrowTheirLayersAndNetworksWithoutStagesSaySo() {
        Graph g = new Scaling(2, 1, 1).apply(Templates.graph("densenet_bc40")).graph();
        assertThat(g.node("dense1").params().getInt("layers")).isEqualTo(12);
        Scaling.Result lenet = new Scaling(2, 1, 1).apply(Templates.graph("lenet5"));
        assertThat(lenet.notes()).singleElement().asString().contains("depth unchanged");
        assertThat(lenet.graph()).isEqualTo(Templates.graph("lenet5"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "resnet50",
                "mobilenet_v2",
                "shufflenet_v1_g3",
                "shufflenet_v2_x1_0",
                "regnet_y_400mf",
                "resnext50",
                "googlenet_aux",
                "densenet121",
                "mini_inception",
                "vgg16"
            })
    void everyTemplateScalesToAValidNetwork(String id) {
        List<Scaling> scalings = id.startsWith("shufflenet_v1")
                ? List.of(Scaling.compound(1), new Scaling(0.5, 1, 0.5)) // see the test below
                : List.of(Scaling.compound(1), new Scaling(0.5, 0.75, 0.5), new Scaling(1.3, 1.7, 1));
        for (Scaling s : scalings) {
            NetworkAnalysis a = NetworkAnalysis.of(s.apply(Templates.graph(id)).graph());
            assertThat(a.diagnostics())
                    .as(id + " " + s)
                    .filteredOn(d -> d.isError())
                    .isEmpty();
        }
    }

    /**
     * ShuffleNet v1's downsampling unit concatenates its input with a grouped branch of
     * filters − input channels; widths rounded to 8 need not leave that divisible by the groups.
     */
    @Test
    void aWidthThatBreaksShuffleNetsGroupsIsExplained() {
        NetworkAnalysis a = NetworkAnalysis.of(new Scaling(1, 1.7, 1)
                .apply(Templates.graph("shufflenet_v1_g3"))
                .graph());
        assertThat(a.diagnostics())
                .extracting(Object::toString)
                .contains("error: 'stage2_0': the branch of a stride-2 ShuffleNet unit makes filters − input"
                        + " = 408 − 40 = 368 channels, not divisible by its 3 groups");
    }

    @Test
    void impossibleFactorsAreRefusedQuotingThem() {
        assertThatThrownBy(() -> new Scaling(0, 1, 1)).hasMessageContaining("got 0.0, 1.0, 1.0");
    }
}
