package org.blockscope.graph;

import java.util.Comparator;

/**
 * A connection from the (single) output of node {@code from} into input port {@code toPort} of node
 * {@code to}. Every node produces exactly one tensor, so only the target needs a port number.
 */
public record Edge(String from, String to, int toPort) {

    public static final Comparator<Edge> ORDER =
            Comparator.comparing(Edge::to).thenComparingInt(Edge::toPort).thenComparing(Edge::from);

    public Edge {
        if (from == null || to == null) {
            throw new IllegalArgumentException("edge ends must be named");
        }
        if (toPort < 0) {
            throw new IllegalArgumentException("port must be >= 0, got " + toPort);
        }
    }

    public Edge renamed(String oldName, String newName) {
        return new Edge(from.equals(oldName) ? newName : from, to.equals(oldName) ? newName : to, toPort);
    }

    @Override
    public String toString() {
        return from + " → " + to + "[" + toPort + "]";
    }
}
