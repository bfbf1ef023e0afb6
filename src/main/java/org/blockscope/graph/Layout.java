package org.blockscope.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A quick layered layout, left to right: a node's column is the length of the longest path to it,
 * its row the order it was added in within that column. Used for generated graphs (templates,
 * expansions); the editor offers a full layout engine on top.
 */
public final class Layout {

    public static final double COLUMN = 240;
    public static final double ROW = 130;

    private Layout() {
    }

    public static Graph layered(Graph g) {
        Map<String, Integer> depth = new HashMap<>();
        // nodes of generated graphs are in topological order; a back edge just does not deepen
        for (Node n : g.nodes()) {
            int d = 0;
            for (Edge e : g.inputs(n.name())) {
                Integer from = depth.get(e.from());
                if (from != null) {
                    d = Math.max(d, from + 1);
                }
            }
            depth.put(n.name(), d);
        }
        Map<Integer, Integer> rows = new HashMap<>();
        List<Node> placed = new ArrayList<>();
        for (Node n : g.nodes()) {
            int col = depth.get(n.name());
            int row = rows.merge(col, 1, Integer::sum) - 1;
            placed.add(n.withPosition(new Position(col * COLUMN, row * ROW)));
        }
        return Graph.of(placed, g.edges());
    }
}
