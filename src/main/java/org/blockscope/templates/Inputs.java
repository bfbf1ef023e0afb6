package org.blockscope.templates;

import java.util.Optional;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.Primitive;

/** Reading and replacing the input shape of a network (its Input nodes). */
public final class Inputs {

    private Inputs() {}

    /** The shape of the first Input node, if the network has one. */
    public static Optional<Shape> of(Graph g) {
        return g.nodes().stream()
                .filter(n -> n.kind() == Primitive.INPUT)
                .findFirst()
                .map(n -> Shape.map(
                        n.params().getInt("channels"),
                        n.params().getInt("height"),
                        n.params().getInt("width")));
    }

    /** The network with every Input node set to {@code s} (a feature map). */
    public static Graph with(Graph g, Shape s) {
        Graph r = g;
        for (Node n : g.nodes()) {
            if (n.kind() == Primitive.INPUT) {
                r = r.withReplaced(n.withParams(n.params()
                        .with("channels", s.channels())
                        .with("height", s.height())
                        .with("width", s.width())));
            }
        }
        return r;
    }

    /** The network at {@code size}×{@code size}, channels unchanged. */
    public static Graph resize(Graph g, int size) {
        int c = of(g).map(Shape::channels).orElse(3);
        return with(g, Shape.map(c, size, size));
    }
}
