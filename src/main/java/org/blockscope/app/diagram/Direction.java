package org.blockscope.app.diagram;

import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;

/**
 * Which way data flows on the canvas: top to bottom (the default, as in Netron and the papers'
 * figures) or left to right. Inputs enter a box on the side facing the flow, the output leaves on
 * the opposite side.
 */
public enum Direction {
    DOWN,
    RIGHT;

    /**
     * The direction a graph's positions were made for: left to right when its edges run mostly
     * sideways, top to bottom otherwise (and for a graph without edges).
     */
    public static Direction infer(Graph g) {
        double across = 0;
        double down = 0;
        for (Edge e : g.edges()) {
            if (!g.contains(e.from()) || !g.contains(e.to())) {
                continue;
            }
            Position a = g.node(e.from()).position();
            Position b = g.node(e.to()).position();
            across += Math.abs(b.x() - a.x());
            down += Math.abs(b.y() - a.y());
        }
        return across > down ? RIGHT : DOWN;
    }
}
