package org.blockscope.graph;

import java.util.Objects;

/**
 * The inside of a composite block: a graph whose {@link org.blockscope.kind.Structural#PORT} nodes
 * stand for the block's input ports (parameter {@code index}) and whose node {@code output}
 * produces the block's output.
 */
public record Subgraph(Graph graph, String output) {
    public Subgraph {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(output, "output");
        if (!graph.contains(output)) {
            throw new IllegalArgumentException("subgraph output '" + output + "' is not one of its nodes");
        }
    }
}
