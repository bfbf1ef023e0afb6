package org.blockscope.app.diagram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.kind.BlockKind;
import org.blockscope.primitive.Primitive;

/**
 * What an edge does, for its colour: a plain connection, or a skip (its source also reaches the
 * target along another path) that feeds a residual add, a dense concatenation or an SE scaling.
 * Colours are Okabe–Ito, told apart by colour-blind viewers and on projectors.
 */
public enum EdgeRole {
    MAIN("#7c8797", "edge-main"),
    SKIP("#56B4E9", "edge-skip"),
    RESIDUAL("#D55E00", "edge-residual"),
    CONCAT("#009E73", "edge-concat"),
    SE_GATE("#CC79A7", "edge-se");

    private final String colour;
    private final String styleClass;

    EdgeRole(String colour, String styleClass) {
        this.colour = colour;
        this.styleClass = styleClass;
    }

    public String colour() {
        return colour;
    }

    public String styleClass() {
        return styleClass;
    }

    /** Words for the legend. */
    public String text() {
        return switch (this) {
            case MAIN -> "connection";
            case SKIP -> "skip connection";
            case RESIDUAL -> "residual shortcut";
            case CONCAT -> "dense concatenation";
            case SE_GATE -> "squeeze-and-excitation";
        };
    }

    /** The role of every edge of {@code g}. */
    public static Map<Edge, EdgeRole> of(Graph g) {
        Map<Edge, EdgeRole> out = new HashMap<>();
        Map<String, Integer> rank = ranks(g);
        for (Edge e : g.edges()) {
            if (!g.contains(e.from()) || !g.contains(e.to())) {
                continue;
            }
            out.put(e, skips(g, e, rank) ? mergeRole(g.node(e.to()).kind()) : MAIN);
        }
        return out;
    }

    /**
     * Topological ranks (Kahn's algorithm): along every edge between ranked nodes the rank grows, so
     * a node ranked after a target cannot reach it. Nodes on a cycle, and those after one, get none.
     */
    private static Map<String, Integer> ranks(Graph g) {
        Map<String, Integer> waiting = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (org.blockscope.graph.Node n : g.nodes()) {
            int in = g.inputs(n.name()).size();
            waiting.put(n.name(), in);
            if (in == 0) {
                ready.add(n.name());
            }
        }
        Map<String, Integer> rank = new HashMap<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            rank.put(n, rank.size());
            for (Edge o : g.outputs(n)) {
                if (waiting.merge(o.to(), -1, Integer::sum) == 0) {
                    ready.add(o.to());
                }
            }
        }
        return rank;
    }

    private static EdgeRole mergeRole(BlockKind k) {
        if (k == Primitive.ADD) {
            return RESIDUAL;
        }
        if (k == Primitive.CONCAT) {
            return CONCAT;
        }
        if (k == Primitive.SCALE) {
            return SE_GATE;
        }
        return SKIP;
    }

    /** Whether the source of {@code e} reaches its target along another path too. */
    private static boolean skips(Graph g, Edge e, Map<String, Integer> rank) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        for (Edge o : g.outputs(e.from())) {
            if (!o.equals(e) && !o.to().equals(e.to())) {
                todo.add(o.to());
            }
        }
        Integer target = rank.get(e.to());
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (n.equals(e.to())) {
                return true;
            }
            Integer at = rank.get(n);
            if (target != null && at != null && at > target) {
                continue; // after the target in flow order: no path back to it
            }
            if (seen.add(n)) {
                g.outputs(n).forEach(o -> todo.add(o.to()));
            }
        }
        return false;
    }
}
