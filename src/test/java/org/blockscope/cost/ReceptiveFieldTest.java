package org.blockscope.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Receptive fields: small chains worked out by hand with r_out = r_in + (k_eff − 1)·j_in,
 * j_out = j_in·s, k_eff = d(k − 1) + 1, and published values from Araujo, Norris and Sim,
 * "Computing receptive fields of convolutional neural networks", Distill 2019 (the table of the
 * google-research/receptive_field library, computed on the TF-Slim models).
 */
class ReceptiveFieldTest {

    private static final Pattern LAYER = Pattern.compile("([cp])(\\d+)(?:s(\\d+))?(?:d(\\d+))?");

    /** Input 3×64×64 then layers: {@code c3s2d2} = 3×3 conv, stride 2, dilation 2; {@code p2s2} = max pool. */
    static NetworkAnalysis chain(String layers) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 64, 64);
        int i = 0;
        for (String layer : layers.split(" ")) {
            Matcher m = LAYER.matcher(layer);
            assertThat(m.matches()).as(layer).isTrue();
            int k = Integer.parseInt(m.group(2));
            int s = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
            int d = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            x = m.group(1).equals("c")
                    ? b.add(
                            "l" + ++i,
                            Primitive.CONV2D,
                            Params.of("kernel", k, "stride", s, "dilation", d, "filters", 4),
                            x)
                    : b.add("l" + ++i, Primitive.MAX_POOL, Params.of("kernel", k, "stride", s), x);
        }
        b.classifier("softmax", b.fc("fc", b.gap("gap", x), 10, true));
        return NetworkAnalysis.of(b.graph());
    }

    @ParameterizedTest(name = "{0}: {1} (jump {2})")
    @CsvSource(textBlock = """
            c3,                  3,  1
            c3 c3,               5,  1
            c3 c3 c3,            7,  1
            c5,                  5,  1
            c3s2 c3,             7,  2
            c3 c3s2,             5,  2
            c3s2 c3s2 c3,        15, 4
            c3d2,                5,  1
            c3d2 c3d4,           13, 1
            c3d1 c3d2 c3d4,      15, 1
            c7s2 p3s2,           11, 4
            p2s2 p2s2,           4,  4
            c5 p2s2 c5 p2s2,     16, 4
            c1 c1s2 c1,          1,  2
            """)
    void chainReceptiveFieldsByHand(String layers, int size, int jump) {
        NetworkAnalysis a = chain(layers);
        String last = "l" + layers.split(" ").length;

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.node(last).orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(size, jump));
    }

    @Test
    void globalPoolingSeesTheWholeMap() {
        // c3s2 on 64×64 → 32×32, r = 3, j = 2; global pooling spans 32 positions: 3 + 31·2 = 65
        NetworkAnalysis a = chain("c3s2");
        assertThat(a.node("gap").orElseThrow().receptiveField().size()).isEqualTo(65);
    }

    @Test
    void aMergeTakesTheWidestOfItsInputs() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(16, 32, 32);
        String res = b.add("res", NamedBlock.RESIDUAL, Params.of("filters", 16), x); // 3×3, 3×3 ‖ identity
        String inc = b.add("inc", NamedBlock.INCEPTION, Params.of("c5kernel", 5), x); // widest branch 5×5
        b.classifier("softmax", b.fc("fc", b.gap("gap", b.concat("cat", res, inc)), 10, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.node("res").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(5, 1));
        assertThat(a.node("inc").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(5, 1));
    }

    @Test
    void vgg16ReceptiveFieldIs196AtConv5_3And212AtPool5() {
        // Araujo et al. 2019: vgg_16 RF 212, effective stride 32 (at pool5). By hand: each stage
        // adds 2·j per 3×3 conv and j per 2×2 pool: 6, 16, 44, 100, 196 → pool5 212.
        NetworkAnalysis a = NetworkAnalysis.of(Templates.graph("vgg16"));

        assertThat(a.primitive("stage5/conv3").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(196, 16));
        assertThat(a.node("stage5").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(212, 32));
        assertThat(a.node("stage4").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(100, 16));
    }

    @Test
    void resnet50AsTfSlimBuildsItHasThePublishedReceptiveField483() {
        // Araujo et al. 2019: resnet_v1_50 RF 483, effective stride 32. TF-Slim's resnet_v1 puts the
        // stride in the 3×3 of the LAST unit of blocks 1–3; built the same way here.
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.relu("relu1", b.bn("bn1", b.conv("conv1", x, 64, 7, 2, 3, 1, false)));
        x = b.maxPool("pool1", x, 3, 2, 1, false);
        int[] units = {3, 4, 6, 3};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < units[stage]; i++) {
                int stride = stage < 3 && i == units[stage] - 1 ? 2 : 1;
                x = b.add(
                        "block" + (stage + 1) + "_" + i,
                        NamedBlock.RESIDUAL,
                        Params.of("variant", "bottleneck", "filters", 64 << stage, "stride", stride),
                        x);
            }
        }
        b.classifier("softmax", b.fc("fc", b.gap("pool5", x), 1000, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.node("block4_2").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(483, 32));
    }

    @Test
    void torchvisionResnet50HasReceptiveField427BeforeGlobalPooling() {
        // torchvision ("v1.5") strides the FIRST block of layers 2–4, so the later 3×3s see a finer
        // grid than in TF-Slim. By hand: conv1 7/2 → 7 (j 2); maxpool 3/2 → 11 (j 4);
        // layer1 3×(+2·4) → 35; layer2 +2·4 → 43 (j 8), 3×(+2·8) → 91; layer3 +2·8 → 107 (j 16),
        // 5×(+2·16) → 267; layer4 +2·16 → 299 (j 32), 2×(+2·32) → 427. (1×1 convs add nothing.)
        NetworkAnalysis a = NetworkAnalysis.of(Templates.graph("resnet50"));

        assertThat(a.node("layer1_2").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(35, 4));
        assertThat(a.node("layer2_3").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(91, 8));
        assertThat(a.node("layer3_5").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(267, 16));
        assertThat(a.node("layer4_2").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(427, 32));
    }

    @Test
    void anSeGateSeesTheWholeMapButKeepsTheMapsGrid() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 8, 8);
        x = b.add("conv", Primitive.CONV2D, Params.of("kernel", 3, "filters", 8), x); // 3, jump 1
        x = b.add("se", NamedBlock.SE, Params.of("ratio", 2), x); // gate: 3 + 7·1
        x = b.add("after", Primitive.CONV2D, Params.of("kernel", 3, "filters", 8), x);
        b.classifier("softmax", b.fc("fc", b.gap("gap", x), 10, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());
        assertThat(a.node("se").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(10, 1));
        assertThat(a.node("after").orElseThrow().receptiveField()).isEqualTo(new ReceptiveField(12, 1));
    }

    @Test
    void seResNetKeepsResNetsJumps() {
        NetworkAnalysis plain = NetworkAnalysis.of(Templates.graph("resnet20"));
        NetworkAnalysis se = NetworkAnalysis.of(Templates.graph("se_resnet20"));
        for (NodeStats n : plain.nodeStats()) {
            ReceptiveField withSe = se.node(n.name()).orElseThrow().receptiveField();
            assertThat(withSe.jump()).as(n.name()).isEqualTo(n.receptiveField().jump());
            assertThat(withSe.size())
                    .as(n.name())
                    .isGreaterThanOrEqualTo(n.receptiveField().size());
        }
    }
}
