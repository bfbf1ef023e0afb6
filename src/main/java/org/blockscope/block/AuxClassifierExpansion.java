package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * GoogLeNet's auxiliary classifier (Szegedy et al. 2015, section 5; torchvision InceptionAux):
 * 5×5 average pool with stride 3, 1×1 conv of 128, FC 1024, ReLU, dropout 0.7, FC to the classes.
 * Its loss is added with weight 0.3 while training; at inference it is not evaluated.
 */
public final class AuxClassifierExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Expansion.featureMap(inputs, "Aux classifier");
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.avgPool("pool", b.port(0), 5, 3, 0);
        x = InceptionExpansion.basicConv(b, "proj", x, 128, 1, true);
        x = b.add("flatten", Primitive.FLATTEN, Params.EMPTY, x);
        x = b.relu("fc1_relu", b.fc("fc1", x, 1024, true));
        x = b.add("dropout", Primitive.DROPOUT, Params.of("rate", p.getDouble("dropout")), x);
        x = b.fc("fc2", x, p.getInt("classes"), true);
        x = b.add(
                "softmax",
                Primitive.CLASSIFIER,
                Params.of("lossWeight", p.getDouble("lossWeight"), "trainingOnly", true),
                x);
        return b.build(x);
    }
}
