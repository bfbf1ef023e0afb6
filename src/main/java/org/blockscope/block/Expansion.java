package org.blockscope.block;

import java.util.List;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;

/**
 * How one named block turns into a subgraph, given its parameters and the shapes arriving at its
 * input ports. This is the single definition of the block: shapes, costs and the engine all use it.
 */
@FunctionalInterface
public interface Expansion {

    Subgraph expand(Params params, List<Shape> inputs);

    /**
     * Thrown by an expansion when the user's parameters or inputs make the block impossible; the
     * shape pass turns it into a diagnostic on the node. Never escapes the shape pass.
     */
    final class Impossible extends RuntimeException {
        public Impossible(String message) {
            super(message, null, false, false);
        }
    }

    static Shape featureMap(List<Shape> inputs, String block) {
        Shape s = inputs.get(0);
        if (s.vector()) {
            throw new Impossible(block + " needs a feature map C×H×W, got the vector " + s);
        }
        return s;
    }
}
