package org.blockscope.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A quick layered layout, left to right: a node's column is the length of the longest path to it,
 * its row the order it was added in within that column. Long networks wrap into bands of at most
 * {@link #MAX_COLUMNS} columns, one below the other, so a whole template fits a projector. Used for generated graphs (templates,
 * expansions); the editor offers a full layout engine on top.
 */
public final class Layout {

    public static final double COLUMN = 240;
    public static final double ROW = 130;

    private Layout() {}

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
        for (Node n : g.nodes()) {
            rows.merge(depth.get(n.name()), 1, Integer::sum);
        }
        int columns = rows.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int perBand = columns > MAX_COLUMNS ? (columns + bands(columns) - 1) / bands(columns) : columns;
        // each band is as tall as its tallest column, plus a gap for the edge back to the next band
        Map<Integer, Double> bandTop = new HashMap<>();
        double top = 0;
        for (int band = 0; band * perBand < columns; band++) {
            bandTop.put(band, top);
            int tallest = 1;
            for (int c = band * perBand; c < Math.min(columns, (band + 1) * perBand); c++) {
                tallest = Math.max(tallest, rows.getOrDefault(c, 0));
            }
            top += (tallest + 0.6) * ROW;
        }
        Map<Integer, Integer> used = new HashMap<>();
        List<Node> placed = new ArrayList<>();
        for (Node n : g.nodes()) {
            int col = depth.get(n.name());
            int row = used.merge(col, 1, Integer::sum) - 1;
            int band = col / perBand;
            placed.add(n.withPosition(new Position((col % perBand) * COLUMN, bandTop.get(band) + row * ROW)));
        }
        return Graph.of(placed, g.edges());
    }

    /** A long chain is wrapped into bands of at most this many columns, to fit a screen. */
    public static final int MAX_COLUMNS = 8;

    private static int bands(int columns) {
        return (columns + MAX_COLUMNS - 1) / MAX_COLUMNS;
    }
}
