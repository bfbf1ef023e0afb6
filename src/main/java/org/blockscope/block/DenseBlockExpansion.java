package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * DenseNet's dense block (Huang et al. 2017): layer l sees the concatenation of the block input and
 * all earlier layers' outputs, k0 + k·(l−1) channels, and adds k channels. With the bottleneck
 * (DenseNet-B): BN-ReLU-1×1 conv (bnSize·k) then BN-ReLU-3×3 conv (k); without: BN-ReLU-3×3 conv.
 */
public final class DenseBlockExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Expansion.featureMap(inputs, "Dense block");
        int layers = p.getInt("layers");
        int k = p.getInt("growth");
        boolean bottleneck = p.getBool("bottleneck");
        SubgraphBuilder b = new SubgraphBuilder();
        String features = b.port(0);
        for (int l = 1; l <= layers; l++) {
            String n = "l" + l + "_";
            String y = features;
            if (bottleneck) {
                y = b.relu(n + "relu1", b.bn(n + "bn1", y));
                y = b.convNoBias(n + "conv1", y, p.getInt("bnSize") * k, 1, 1);
            }
            y = b.relu(n + "relu2", b.bn(n + "bn2", y));
            y = b.convNoBias(n + "conv2", y, k, 3, 1);
            features = b.concat(n + "concat", features, y);
        }
        return b.build(features);
    }
}
