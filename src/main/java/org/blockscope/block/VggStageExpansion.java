package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * A VGG stage (Simonyan and Zisserman 2015, table 1): n 3×3 convs (padding 1, with bias, as
 * torchvision even with BN) each followed by ReLU, then a 2×2 max pool with stride 2.
 */
public final class VggStageExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Expansion.featureMap(inputs, "VGG stage");
        SubgraphBuilder b = new SubgraphBuilder();
        String y = b.port(0);
        for (int i = 1; i <= p.getInt("convs"); i++) {
            y = b.conv("conv" + i, y, p.getInt("filters"), 3, 1, 1, 1, true);
            if (p.getBool("batchNorm")) {
                y = b.bn("bn" + i, y);
            }
            y = b.relu("relu" + i, y);
        }
        return b.build(b.maxPool("pool", y, 2, 2, 0, false));
    }
}
