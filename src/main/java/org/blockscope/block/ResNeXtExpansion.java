package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * ResNeXt block (Xie et al. 2017, figure 3c): a bottleneck whose 3×3 is a grouped conv with
 * {@code cardinality} groups. Width = floor(planes · baseWidth / 64) · cardinality (torchvision).
 */
public final class ResNeXtExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "ResNeXt");
        int planes = p.getInt("filters");
        int card = p.getInt("cardinality");
        int width = (int) (planes * (p.getInt("baseWidth") / 64.0)) * card;
        if (width < 1) {
            throw new Impossible(
                    "ResNeXt width floor(" + planes + "·" + p.getInt("baseWidth") + "/64)·" + card + " is 0");
        }
        int s = p.getInt("stride");
        int out = planes * ResidualExpansion.BOTTLENECK_EXPANSION;
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String y = b.relu("relu1", b.bn("bn1", b.convNoBias("conv1", x, width, 1, 1)));
        y = b.relu("relu2", b.bn("bn2", b.conv("conv2", y, width, 3, s, 1, card, false)));
        y = b.bn("bn3", b.convNoBias("conv3", y, out, 1, 1));
        String shortcut = Shortcut.build(b, x, in, p, out, s);
        return b.build(b.relu("relu_out", b.sum("add", y, shortcut)));
    }
}
