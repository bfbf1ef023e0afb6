package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * RegNet's block (Radosavovic et al. 2020, figure 4; torchvision ResBottleneckBlock): the X block is
 * a ResNeXt bottleneck given by its group width instead of its cardinality: 1×1 to
 * w_b = round(w·b), 3×3 grouped in w_b / g groups of g channels (with the stride), 1×1 to w;
 * projection shortcut when the shape changes, ReLU after the sum. The Y block adds SE after the
 * 3×3, squeezing to round(se·w_in) units with ReLU (se = 0.25 of the block's input width).
 */
public final class RegNetExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "RegNet block");
        int w = p.getInt("filters");
        int s = p.getInt("stride");
        int wb = (int) Math.rint(w * p.getDouble("bottleneck")); // Python round: half to even
        if (wb < 1) {
            throw new Impossible("RegNet bottleneck width round(" + w + "·" + p.getDouble("bottleneck") + ") is 0");
        }
        int gw = Math.min(p.getInt("groupWidth"), wb);
        if (wb % gw != 0) {
            throw new Impossible("RegNet bottleneck width " + wb + " is not a multiple of the group width " + gw
                    + " (choose filters·bottleneck divisible by it)");
        }
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String y = b.relu("a_relu", b.bn("a_bn", b.convNoBias("a", x, wb, 1, 1)));
        y = b.relu("b_relu", b.bn("b_bn", b.conv("b", y, wb, 3, s, 1, wb / gw, false)));
        if (p.getString("variant").equals("y")) {
            int squeeze = Math.max(1, (int) Math.rint(p.getDouble("seRatio") * in.channels()));
            y = b.add("se", NamedBlock.SE, Params.of("squeeze", squeeze, "activation", "relu"), y);
        }
        y = b.bn("c_bn", b.convNoBias("c", y, w, 1, 1));
        String shortcut = x;
        if (s != 1 || in.channels() != w) {
            shortcut = b.bn("proj_bn", b.conv("proj", x, w, 1, s, 0, 1, false));
        }
        return b.build(b.relu("relu_out", b.sum("add", y, shortcut)));
    }
}
