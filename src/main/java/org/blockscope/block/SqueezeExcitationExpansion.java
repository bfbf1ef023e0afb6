package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * Squeeze-and-excitation (Hu et al. 2018): squeeze by global average pooling, excite with
 * FC C→C/r, ReLU, FC C/r→C, sigmoid, then scale each channel of the input by its weight.
 */
public final class SqueezeExcitationExpansion implements Expansion {

    @Override
    public Subgraph expand(Params p, List<Shape> inputs) {
        Shape in = Expansion.featureMap(inputs, "SE block");
        int c = in.channels();
        int hidden = p.getInt("squeeze") > 0 ? p.getInt("squeeze") : Math.max(1, c / p.getInt("ratio"));
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.port(0);
        String s = b.add("squeeze", Primitive.GLOBAL_AVG_POOL, Params.EMPTY, x);
        s = b.act("act", b.fc("fc1", s, hidden, true), p.getString("activation"));
        s = b.act("gate", b.fc("fc2", s, c, true), "sigmoid");
        return b.build(b.add("scale", Primitive.SCALE, Params.EMPTY, x, s));
    }

    /** The node in an SE expansion whose output is the excitation vector (one weight per channel). */
    public static final String GATE = "gate";
}
