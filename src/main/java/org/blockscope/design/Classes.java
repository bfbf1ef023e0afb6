package org.blockscope.design;

import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.primitive.Primitive;

/** Which layers make the class scores: their width is the number of classes, not a design choice. */
final class Classes {

    private Classes() {}

    /** Whether {@code name}'s output reaches a Classifier through value-wise nodes only (dropout, activation, BN). */
    static boolean feedsClassifier(Graph g, String name) {
        for (Edge e : g.outputs(name)) {
            Node to = g.node(e.to());
            if (to.kind() == Primitive.CLASSIFIER) {
                return true;
            }
            boolean passes = to.kind() == Primitive.DROPOUT
                    || to.kind() == Primitive.ACTIVATION
                    || to.kind() == Primitive.BATCH_NORM;
            if (passes && feedsClassifier(g, to.name())) {
                return true;
            }
        }
        return false;
    }

    /** The number of classes: the outputs of the layer feeding the (first inference) classifier. */
    static java.util.Optional<Integer> count(Graph g) {
        return g.nodes().stream()
                .filter(n -> n.kind() == Primitive.FULLY_CONNECTED && feedsClassifier(g, n.name()))
                .map(n -> n.params().getInt("units"))
                .findFirst();
    }

    /** The network predicting {@code classes}: every layer that makes class scores gets that many outputs. */
    static Graph adapt(Graph g, int classes) {
        Graph r = g;
        for (Node n : g.nodes()) {
            if (n.kind() == Primitive.FULLY_CONNECTED && feedsClassifier(g, n.name())) {
                r = r.withReplaced(n.withParams(n.params().with("units", classes)));
            } else if (n.kind() == org.blockscope.block.NamedBlock.AUX_CLASSIFIER) {
                r = r.withReplaced(n.withParams(n.params().with("classes", classes)));
            }
        }
        return r;
    }
}
