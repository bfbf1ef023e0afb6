package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.io.GraphFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockscope scale} and {@code blockscope explain} as a user runs them. */
class ScaleCliTest {

    @Test
    void phiTwoFromB0PrintsBothNetworksCostsSideBySide(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("b0-phi2.bsg.json");
        SummaryCliTest.Run r =
                SummaryCliTest.run("scale", "--template", "efficientnet_b0", "--phi", "2", "--save", out.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("EfficientNet-B0 (template efficientnet_b0), compound scaling φ = 2.0")
                .contains("depth ×1.44, width ×1.21, resolution ×1.3225")
                .contains("Input                            3×224×224           3×296×296")
                .contains("MACs per image                 385,814,752       1,810,522,464    ×4.693")
                .contains("FLOPs grow ×4.693; d·w²·r² predicts ×3.687");
        NetworkAnalysis saved = NetworkAnalysis.of(GraphFiles.read(out));
        assertThat(saved.total().macs()).isEqualTo(1_810_522_464L);
    }

    @Test
    void anyNetworkScalesByDepthWidthAndResolution() {
        SummaryCliTest.Run r = SummaryCliTest.run(
                "scale", "--template", "resnet18", "--depth", "1.2", "--width", "1.1", "--resolution", "1.15");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3×258×258").contains("Params                          11,689,512");
    }

    @Test
    void badOptionsAreRefusedInOneLine() {
        SummaryCliTest.Run both = SummaryCliTest.run("scale", "--template", "resnet18", "--phi", "1", "--width", "2");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("give either --phi or --depth/--width/--resolution, not both");
        SummaryCliTest.Run none = SummaryCliTest.run("scale", "--template", "resnet18");
        assertThat(none.err()).contains("nothing to scale");
        SummaryCliTest.Run zero = SummaryCliTest.run("scale", "--template", "resnet18", "--width", "0");
        assertThat(zero.err()).contains("must be between 0 and 100");
    }

    @Test
    void explainPrintsThePageWithTheConstraintAndTheGridSearch() {
        SummaryCliTest.Run r = SummaryCliTest.run("explain", "compound-scaling");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("α·β²·γ² ≈ 2").contains("α = 1.2, β = 1.1, γ = 1.15");
        assertThat(SummaryCliTest.run("explain", "nothing").err())
                .contains("no page 'nothing'; pages: compound-scaling, design-space-search");
    }
}
