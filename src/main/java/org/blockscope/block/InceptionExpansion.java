package org.blockscope.block;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * GoogLeNet's Inception (v1) module: four branches concatenated along the channels
 * (Szegedy et al. 2015, figure 2b). With batch norm, every conv is torchvision's BasicConv2d:
 * conv without bias, BN (eps 0.001), ReLU.
 */
public final class InceptionExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Expansion.featureMap(inputs, "Inception");
        boolean bn = p.getBool("batchNorm");
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        List<String> branches = new ArrayList<>();
        if (p.getInt("c1") > 0) {
            branches.add(basicConv(b, "b1", x, p.getInt("c1"), 1, bn));
        }
        String r3 = basicConv(b, "b2_reduce", x, p.getInt("c3reduce"), 1, bn);
        branches.add(basicConv(b, "b2", r3, p.getInt("c3"), 3, bn));
        String r5 = basicConv(b, "b3_reduce", x, p.getInt("c5reduce"), 1, bn);
        branches.add(basicConv(b, "b3", r5, p.getInt("c5"), p.getInt("c5kernel"), bn));
        String pool = b.maxPool("b4_pool", x, 3, 1, 1, true);
        branches.add(basicConv(b, "b4", pool, p.getInt("poolProj"), 1, bn));
        return b.build(b.concat("concat", branches.toArray(String[]::new)));
    }

    /** conv (+ BN eps 0.001) + ReLU, returning the ReLU's name. */
    static String basicConv(SubgraphBuilder b, String name, String in, int filters, int kernel, boolean bn) {
        String y = b.conv(name + "_conv", in, filters, kernel, 1, (kernel - 1) / 2, 1, !bn);
        if (bn) {
            y = b.bn(name + "_bn", y, 1e-3);
        }
        return b.relu(name + "_relu", y);
    }
}
