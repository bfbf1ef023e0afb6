package org.blockscope.edit;

import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/** Adds a node at the end of the node order. */
public record AddNode(Node node) implements Edit {

    @Override
    public Graph apply(Graph g) {
        return g.withNode(node);
    }

    @Override
    public Graph revert(Graph g) {
        return g.without(java.util.List.of(node.name()));
    }

    @Override
    public boolean isNoOp() {
        return false;
    }

    @Override
    public String description() {
        return "Add " + node.kind().displayName() + " '" + node.name() + "'";
    }
}
