package org.blockscope.templates;

import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;

/** ShuffleNet v1 (Zhang et al. 2018) and v2 (Ma et al. 2018) for 3×224×224 and 1000 classes. */
final class ShuffleNetTemplates {

    private ShuffleNetTemplates() {}

    /** Stage 2 output channels at 1× for g = 1, 2, 3, 4, 8 (Zhang et al. 2018, table 1). */
    static int v1StageWidth(int groups) {
        return switch (groups) {
            case 1 -> 144;
            case 2 -> 200;
            case 3 -> 240;
            case 4 -> 272;
            case 8 -> 384;
            default -> throw new IllegalArgumentException("ShuffleNet v1 has no 1× width for g = " + groups);
        };
    }

    /**
     * ShuffleNet v1 1× with g groups (table 1): 3×3/2 conv of 24, 3×3/2 max pool, stages of 4, 8 and 4
     * units doubling the width, global pool, FC without bias (the authors' code). The first unit's
     * first 1×1 is not grouped (section 3.3).
     */
    static Graph v1(int groups) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.relu("conv1_relu", b.bn("conv1_bn", b.conv("conv1", x, 24, 3, 2, 1, 1, false)));
        x = b.maxPool("maxpool", x, 3, 2, 1, false);
        int[] repeats = {4, 8, 4};
        for (int stage = 0; stage < repeats.length; stage++) {
            int width = v1StageWidth(groups) << stage;
            for (int i = 0; i < repeats[stage]; i++) {
                x = b.add(
                        "stage" + (stage + 2) + "_" + i,
                        NamedBlock.SHUFFLE_UNIT,
                        Params.of(
                                "filters",
                                width,
                                "groups",
                                groups,
                                "stride",
                                i == 0 ? 2 : 1,
                                "groupFirst",
                                !(stage == 0 && i == 0)),
                        x);
            }
        }
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 1000, false));
    }

    /**
     * ShuffleNetV2 (Ma et al. 2018, table 5; torchvision): 3×3/2 conv of 24, 3×3/2 max pool, stages of
     * 4, 8 and 4 units (the first with stride 2), a 1×1 conv to 1024, global pool, FC.
     */
    static Graph v2(int... stageWidths) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.relu("conv1_relu", b.bn("conv1_bn", b.conv("conv1", x, 24, 3, 2, 1, 1, false)));
        x = b.maxPool("maxpool", x, 3, 2, 1, false);
        int[] repeats = {4, 8, 4};
        for (int stage = 0; stage < repeats.length; stage++) {
            for (int i = 0; i < repeats[stage]; i++) {
                x = b.add(
                        "stage" + (stage + 2) + "_" + i,
                        NamedBlock.SHUFFLE_V2_UNIT,
                        Params.of("filters", stageWidths[stage], "stride", i == 0 ? 2 : 1),
                        x);
            }
        }
        x = b.relu("conv5_relu", b.bn("conv5_bn", b.conv("conv5", x, 1024, 1, 1, 0, 1, false)));
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 1000, true));
    }
}
