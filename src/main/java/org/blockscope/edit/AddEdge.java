package org.blockscope.edit;

import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;

/** Connects an output to a free input port. */
public record AddEdge(Edge edge) implements Edit {

    @Override
    public Graph apply(Graph g) {
        return g.withEdge(edge);
    }

    @Override
    public Graph revert(Graph g) {
        return g.withoutEdge(edge);
    }

    @Override
    public boolean isNoOp() {
        return false;
    }

    @Override
    public String description() {
        return "Connect '" + edge.from() + "' to '" + edge.to() + "'";
    }
}
