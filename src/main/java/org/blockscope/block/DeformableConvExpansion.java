package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * Deformable convolution as the papers build it: a plain k×k conv beside the deformable one predicts
 * the 2k² offsets of every output position (Dai et al. 2017, figure 2); v2 adds a k² mask through a
 * sigmoid (Zhu et al. 2019, section 3.1). The offsets conv has the deformable conv's kernel, stride
 * and dilation, so its output has the same size.
 */
public final class DeformableConvExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Expansion.featureMap(inputs, "Deformable conv block");
        int k = p.getInt("kernel");
        int s = p.getInt("stride");
        int d = p.getInt("dilation");
        boolean v2 = p.getString("version").equals("v2");
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String offsets =
                b.add("offsets", Primitive.CONV2D, window(2 * k * k, k, s, d).with("bias", true), x);
        if (v2) {
            String mask = b.act(
                    "mask",
                    b.add(
                            "mask_logits",
                            Primitive.CONV2D,
                            window(k * k, k, s, d).with("bias", true),
                            x),
                    "sigmoid");
            offsets = b.concat("offsets_mask", offsets, mask);
        }
        String y = b.add(
                "deform",
                Primitive.DEFORM_CONV2D,
                window(p.getInt("filters"), k, s, d).with("modulated", v2).with("bias", p.getBool("bias")),
                x,
                offsets);
        return b.build(y);
    }

    private static Params window(int filters, int k, int s, int d) {
        return Params.of(
                "filters",
                filters,
                "kernel",
                k,
                "stride",
                s,
                "dilation",
                d,
                "padding",
                "explicit",
                "pad",
                d * (k - 1) / 2);
    }
}
