package org.blockscope.templates;

import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;

/**
 * EfficientNet B0–B3 (Tan and Le 2019) as torchvision builds them: the B0 baseline of table 1,
 * widths × w rounded to multiples of 8, repeats × d rounded up, at the published resolution.
 */
final class EfficientNetTemplates {

    private EfficientNetTemplates() {}

    /** One row of table 1: expansion t, kernel, stride of the first block, output channels, repeats. */
    private record Stage(int expansion, int kernel, int stride, int channels, int repeats) {}

    private static final Stage[] B0 = {
        new Stage(1, 3, 1, 16, 1),
        new Stage(6, 3, 2, 24, 2),
        new Stage(6, 5, 2, 40, 2),
        new Stage(6, 3, 2, 80, 3),
        new Stage(6, 5, 1, 112, 3),
        new Stage(6, 5, 2, 192, 4),
        new Stage(6, 3, 1, 320, 1)
    };

    /** Width, depth, resolution and dropout of B0..B3 (torchvision efficientnet_b0..b3). */
    static Graph b(int which) {
        return switch (which) {
            case 0 -> build(1.0, 1.0, 224, 0.2);
            case 1 -> build(1.0, 1.1, 240, 0.2);
            case 2 -> build(1.1, 1.2, 260, 0.3);
            case 3 -> build(1.2, 1.4, 300, 0.3);
            default -> throw new IllegalArgumentException("EfficientNet-B" + which + " is not built in");
        };
    }

    static Graph build(double width, double depth, int resolution, double dropout) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, resolution, resolution);
        int stem = Rounding.makeDivisible(32 * width, 8);
        x = b.act("stem_silu", b.bn("stem_bn", b.conv("stem", x, stem, 3, 2, 1, 1, false)), "silu");
        int block = 1;
        int last = stem;
        for (Stage s : B0) {
            last = Rounding.makeDivisible(s.channels() * width, 8);
            for (int i = 0; i < Rounding.scaleDepth(s.repeats(), depth); i++) {
                x = b.add(
                        "block" + block++,
                        NamedBlock.MBCONV,
                        Params.of(
                                "filters",
                                last,
                                "expansion",
                                s.expansion(),
                                "kernel",
                                s.kernel(),
                                "stride",
                                i == 0 ? s.stride() : 1,
                                "se",
                                true,
                                "seRatio",
                                4,
                                "activation",
                                "silu"),
                        x);
            }
        }
        x = b.act("head_silu", b.bn("head_bn", b.conv("head", x, 4 * last, 1, 1, 0, 1, false)), "silu");
        x = b.dropout("dropout", b.gap("avgpool", x), dropout);
        return ImageNetTemplates.finish(b, b.fc("classifier", x, 1000, true));
    }
}
