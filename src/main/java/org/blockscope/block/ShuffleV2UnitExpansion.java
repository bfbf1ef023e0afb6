package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * ShuffleNetV2 unit (Ma et al. 2018, figure 3c/d; torchvision InvertedResidual). Stride 1: the
 * channels are split in two halves; one passes untouched, the other goes through 1×1 conv, 3×3
 * depthwise, 1×1 conv (BN everywhere, ReLU after the 1×1s); the halves are concatenated and shuffled
 * with 2 groups. Stride 2: no split; both branches see the whole input: a 3×3/2 depthwise then a 1×1
 * on the left, the 1×1–3×3/2 depthwise–1×1 branch on the right, so the channels double.
 */
public final class ShuffleV2UnitExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "ShuffleNetV2 unit");
        int out = p.getInt("filters");
        int stride = p.getInt("stride");
        if (out % 2 != 0) {
            throw new Impossible("ShuffleNetV2 unit outputs two equal halves: filters must be even, got " + out);
        }
        if (stride == 1 && in.channels() != out) {
            throw new Impossible("ShuffleNetV2 unit with stride 1 keeps its " + in.channels()
                    + " channels, got filters " + out + " (stride 2 changes them)");
        }
        int half = out / 2;
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String left;
        String right;
        if (stride == 1) {
            left = b.add("split_keep", Primitive.CHANNEL_SPLIT, Params.of("parts", 2, "part", 0), x);
            right = b.add("split_branch", Primitive.CHANNEL_SPLIT, Params.of("parts", 2, "part", 1), x);
        } else {
            left = b.bn("left_dw_bn", b.depthwise("left_dw", x, 1, 3, 2));
            left = b.relu("left_pw_relu", b.bn("left_pw_bn", b.convNoBias("left_pw", left, half, 1, 1)));
            right = x;
        }
        right = b.relu("pw1_relu", b.bn("pw1_bn", b.convNoBias("pw1", right, half, 1, 1)));
        right = b.bn("dw_bn", b.depthwise("dw", right, 1, 3, stride));
        right = b.relu("pw2_relu", b.bn("pw2_bn", b.convNoBias("pw2", right, half, 1, 1)));
        String merged = b.concat("concat", left, right);
        return b.build(b.add("shuffle", Primitive.CHANNEL_SHUFFLE, Params.of("groups", 2), merged));
    }
}
