package org.blockscope.app.model;

import java.util.Set;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Layout;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;

/**
 * Where a block added without a drop point (palette double-click, paste) goes: one column to the
 * right of the selected block, or of the right-most block, moved down until it overlaps nothing.
 */
public final class Placement {

    private Placement() {}

    public static Position forNewNode(Graph g, Set<String> selection) {
        if (g.size() == 0) {
            return Position.ORIGIN;
        }
        Node anchor = selection.size() == 1 && g.contains(selection.iterator().next())
                ? g.node(selection.iterator().next())
                : g.nodes().stream()
                        .max((a, b) ->
                                Double.compare(a.position().x(), b.position().x()))
                        .orElseThrow();
        Position p = anchor.position().plus(Layout.COLUMN, 0);
        while (occupied(g, p)) {
            p = p.plus(0, Layout.ROW);
        }
        return p;
    }

    private static boolean occupied(Graph g, Position p) {
        return g.nodes().stream()
                .anyMatch(n -> Math.abs(n.position().x() - p.x()) < SvgExport.NODE_WIDTH
                        && Math.abs(n.position().y() - p.y()) < SvgExport.NODE_HEIGHT + 10);
    }
}
