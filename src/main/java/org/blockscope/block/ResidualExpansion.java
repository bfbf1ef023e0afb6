package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * ResNet's residual block (He et al. 2016). Basic: 3×3, 3×3. Bottleneck: 1×1, 3×3, 1×1 with 4×
 * expansion, the stride on the 3×3 as torchvision ("ResNet v1.5"). Optional SE on the branch
 * before the addition (Hu et al. 2018, figure 3).
 */
public final class ResidualExpansion implements Expansion {

    public static final int BOTTLENECK_EXPANSION = 4;

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "Residual");
        int f = p.getInt("filters");
        int s = p.getInt("stride");
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String y;
        int out;
        if (p.getString("variant").equals("bottleneck")) {
            out = f * BOTTLENECK_EXPANSION;
            y = b.relu("relu1", b.bn("bn1", b.convNoBias("conv1", x, f, 1, 1)));
            y = b.relu("relu2", b.bn("bn2", b.convNoBias("conv2", y, f, 3, s)));
            y = b.bn("bn3", b.convNoBias("conv3", y, out, 1, 1));
        } else {
            out = f;
            y = b.relu("relu1", b.bn("bn1", b.convNoBias("conv1", x, f, 3, s)));
            y = b.bn("bn2", b.convNoBias("conv2", y, f, 3, 1));
        }
        if (p.getBool("se")) {
            y = b.add("se", NamedBlock.SE, Params.of("ratio", p.getInt("seRatio")), y);
        }
        String shortcut = Shortcut.build(b, x, in, p, out, s);
        return b.build(b.relu("relu_out", b.sum("add", y, shortcut)));
    }
}
