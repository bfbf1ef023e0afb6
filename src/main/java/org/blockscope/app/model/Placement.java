package org.blockscope.app.model;

import java.util.Set;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.Direction;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Layout;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;

/**
 * Where a block added without a drop point (palette double-click, paste) goes: one row below the
 * selected block, or the lowest block (top to bottom), or one column to the right of the selected
 * or right-most block (left to right), moved along until it overlaps nothing.
 */
public final class Placement {

    private Placement() {}

    public static Position forNewNode(Graph g, Set<String> selection) {
        return forNewNode(g, selection, Direction.RIGHT);
    }

    public static Position forNewNode(Graph g, Set<String> selection, Direction d) {
        if (g.size() == 0) {
            return Position.ORIGIN;
        }
        boolean down = d == Direction.DOWN;
        Node anchor = selection.size() == 1 && g.contains(selection.iterator().next())
                ? g.node(selection.iterator().next())
                : g.nodes().stream()
                        .max((a, b) -> down
                                ? Double.compare(a.position().y(), b.position().y())
                                : Double.compare(a.position().x(), b.position().x()))
                        .orElseThrow();
        double row = SvgExport.NODE_HEIGHT + AutoLayout.LAYER_GAP;
        Position p = down ? anchor.position().plus(0, row) : anchor.position().plus(Layout.COLUMN, 0);
        while (occupied(g, p)) {
            p = down ? p.plus(SvgExport.NODE_WIDTH + 40, 0) : p.plus(0, Layout.ROW);
        }
        return p;
    }

    private static boolean occupied(Graph g, Position p) {
        return g.nodes().stream()
                .anyMatch(n -> Math.abs(n.position().x() - p.x()) < SvgExport.NODE_WIDTH
                        && Math.abs(n.position().y() - p.y()) < SvgExport.NODE_HEIGHT + 10);
    }
}
