package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * ShuffleNet v1 unit (Zhang et al. 2018, figure 2b/c): grouped 1×1 conv to a quarter of the
 * branch width, channel shuffle, 3×3 depthwise (with the stride), grouped 1×1 conv. Stride 1 adds
 * the input; stride 2 concatenates a 3×3 average-pooled input, so the branch makes
 * filters − C_in channels.
 */
public final class ShuffleUnitExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "ShuffleNet unit");
        int g = p.getInt("groups");
        int stride = p.getInt("stride");
        int branchOut = stride == 1 ? p.getInt("filters") : p.getInt("filters") - in.channels();
        if (branchOut < 1) {
            throw new Impossible("ShuffleNet unit with stride 2 needs filters > input channels " + in.channels()
                    + ", got " + p.getInt("filters"));
        }
        int mid = Math.max(g, branchOut / 4 / g * g);
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String y = b.relu("gconv1_relu", b.bn("gconv1_bn", b.conv("gconv1", x, mid, 1, 1, 0, g, false)));
        y = b.add("shuffle", Primitive.CHANNEL_SHUFFLE, Params.of("groups", g), y);
        y = b.bn("dw_bn", b.depthwise("dw", y, 1, 3, stride));
        y = b.bn("gconv2_bn", b.conv("gconv2", y, branchOut, 1, 1, 0, g, false));
        String merged =
                stride == 1 ? b.sum("add", y, x) : b.concat("concat", b.avgPool("shortcut_pool", x, 3, 2, 1), y);
        return b.build(b.relu("relu_out", merged));
    }
}
