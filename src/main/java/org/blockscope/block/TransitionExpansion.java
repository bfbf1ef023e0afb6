package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * DenseNet transition layer (Huang et al. 2017, DenseNet-C): BN, ReLU, 1×1 conv to
 * floor(θ·C) channels, 2×2 average pool with stride 2.
 */
public final class TransitionExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "Transition");
        double theta = p.getDouble("compression");
        int out = (int) Math.floor(theta * in.channels());
        if (out < 1) {
            throw new Impossible("Transition keeps floor(" + theta + " × " + in.channels() + ") = 0 channels");
        }
        SubgraphBuilder b = new SubgraphBuilder();
        String y = b.relu("relu", b.bn("bn", b.port(0)));
        y = b.convNoBias("conv", y, out, 1, 1);
        return b.build(b.avgPool("pool", y, 2, 2, 0));
    }
}
