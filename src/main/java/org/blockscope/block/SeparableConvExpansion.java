package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * MobileNet v1's depthwise-separable conv (Howard et al. 2017, figure 3): depthwise k×k, BN, ReLU,
 * pointwise 1×1, BN, ReLU.
 */
public final class SeparableConvExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Expansion.featureMap(inputs, "Depthwise-separable conv");
        String act = p.getString("activation");
        SubgraphBuilder b = new SubgraphBuilder();
        String y = b.depthwise("dw", b.port(0), 1, p.getInt("kernel"), p.getInt("stride"));
        y = b.act("dw_act", b.bn("dw_bn", y), act);
        y = b.convNoBias("pw", y, p.getInt("filters"), 1, 1);
        return b.build(b.act("pw_act", b.bn("pw_bn", y), act));
    }
}
