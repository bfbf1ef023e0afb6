package org.blockscope.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a deformable conv block costs, by closed formula: the offsets conv (2k² filters, bias), with
 * v2 the mask conv (k² filters, bias), and the deformable conv: its weights as a plain conv's, its MACs
 * a plain conv's plus 4 per sampled tap and input channel (bilinear), 5 with a mask.
 */
class DeformableCostTest {

    @ParameterizedTest(name = "{0} k={1} s={2} on {3}×{4}×{4} → {5}")
    @CsvSource(textBlock = """
            v1, 3, 1, 32, 14, 64
            v2, 3, 1, 32, 14, 64
            v2, 3, 2, 16, 15, 8
            v1, 5, 1, 8,  9,  4
            """)
    void offsetsConvMaskConvAndSampledConv(String version, int k, int s, int c, int h, int f) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(c, h, h);
        x = b.add(
                "block",
                NamedBlock.DEFORMABLE_CONV,
                Params.of("filters", f, "kernel", k, "stride", s, "version", version),
                x);
        b.classifier("out", b.fc("fc", b.gap("gap", x), 10, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());
        NodeStats n = a.node("block").orElseThrow();

        long ho = (h + 2L * ((k - 1) / 2) - k) / s + 1;
        long taps = (long) c * k * k;
        boolean v2 = version.equals("v2");
        long offsetParams = 2L * k * k * taps + 2L * k * k;
        long maskParams = v2 ? (long) k * k * taps + (long) k * k : 0;
        long params = offsetParams + maskParams + f * taps;
        long macs = ho * ho * (2L * k * k * taps + (v2 ? (long) k * k * taps : 0) + f * taps + taps * (v2 ? 5 : 4));

        assertThat(a.diagnostics()).isEmpty();
        assertThat(n.output()).isEqualTo(Shape.map(f, (int) ho, (int) ho));
        assertThat(n.cost().params()).isEqualTo(params);
        assertThat(n.cost().macs()).isEqualTo(macs);
    }
}
