package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * Inverted residual (Sandler et al. 2018, MobileNetV2 table 1; torchvision InvertedResidual):
 * 1×1 expansion to round(C·t) (skipped when t = 1), depthwise k×k with the stride, optional SE
 * (EfficientNet: hidden = C_in / seRatio, SiLU), linear 1×1 projection, and a skip connection when
 * stride is 1 and the channel count is unchanged. No activation after the addition.
 */
public final class MBConvExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "MBConv");
        int t = p.getInt("expansion");
        int out = p.getInt("filters");
        int stride = p.getInt("stride");
        int hidden = Math.round(in.channels() * (float) t);
        String act = p.getString("activation");
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String y = x;
        if (t != 1) {
            y = b.act("expand_act", b.bn("expand_bn", b.convNoBias("expand", y, hidden, 1, 1)), act);
        }
        y = b.act("dw_act", b.bn("dw_bn", b.depthwise("dw", y, 1, p.getInt("kernel"), stride)), act);
        if (p.getBool("se")) {
            int squeeze = Math.max(1, in.channels() / p.getInt("seRatio"));
            y = b.add(
                    "se",
                    NamedBlock.SE,
                    Params.of("squeeze", squeeze, "activation", act.equals("silu") ? "silu" : "relu"),
                    y);
        }
        y = b.bn("project_bn", b.convNoBias("project", y, out, 1, 1));
        if (stride == 1 && in.channels() == out) {
            y = b.sum("add", y, x);
        }
        return b.build(y);
    }
}
