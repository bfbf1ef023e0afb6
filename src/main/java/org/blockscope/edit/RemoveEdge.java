package org.blockscope.edit;

import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;

/** Disconnects one edge, remembering its place in the edge order. */
public record RemoveEdge(Edge edge, int index) implements Edit {

    public static RemoveEdge of(Graph g, Edge e) {
        int i = g.edges().indexOf(e);
        if (i < 0) {
            throw new IllegalArgumentException("no edge " + e);
        }
        return new RemoveEdge(e, i);
    }

    @Override
    public Graph apply(Graph g) {
        return g.withoutEdge(edge);
    }

    @Override
    public Graph revert(Graph g) {
        return g.withEdgeAt(index, edge);
    }

    @Override
    public boolean isNoOp() {
        return false;
    }

    @Override
    public String description() {
        return "Disconnect '" + edge.from() + "' from '" + edge.to() + "'";
    }
}
