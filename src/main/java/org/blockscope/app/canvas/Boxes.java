package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.BoxIndex;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * Every node's box as the model places it, whether or not it has a skin: what hit tests, the
 * rubber band, the minimap, Fit and routing read. Boxes are looked up by name or by area (a grid
 * index made on the first area query after a change).
 */
final class Boxes {

    private final Map<String, Box> byName = new LinkedHashMap<>();
    private List<String> names = List.of();
    private BoxIndex index;
    private Bounds bounds;

    /**
     * The boxes of {@code g}'s nodes drawn with {@code geo}. With {@code sameShapes} (the same
     * names in the same order, the same edges, the same geometry as {@code old}) only nodes whose
     * record changed get a new box, and the index follows them.
     */
    void update(Graph old, Graph g, SkinGeometry geo, boolean sameShapes) {
        if (sameShapes && old.size() == g.size() && byName.size() == g.size()) {
            boolean moved = false;
            for (int i = 0; i < g.size(); i++) {
                Node n = g.nodes().get(i);
                if (old.nodes().get(i) != n) {
                    Box b = geo.box(g, n);
                    if (!b.equals(byName.put(n.name(), b))) {
                        moved = true;
                        if (index != null) {
                            index.replace(i, b);
                        }
                    }
                }
            }
            if (moved) {
                bounds = null;
            }
            return;
        }
        byName.clear();
        for (Node n : g.nodes()) {
            byName.put(n.name(), geo.box(g, n));
        }
        names = new ArrayList<>(byName.keySet());
        index = null;
        bounds = null;
    }

    Box box(String name) {
        return byName.get(name);
    }

    Map<String, Box> all() {
        return byName;
    }

    int size() {
        return byName.size();
    }

    /** Names of the boxes that meet {@code r}, in no particular order. */
    List<String> in(Bounds r) {
        if (index == null) {
            index = new BoxIndex(new ArrayList<>(byName.values()));
        }
        List<String> out = new ArrayList<>();
        index.query(r.getMinX(), r.getMinY(), r.getMaxX(), r.getMaxY(), id -> out.add(names.get(id)));
        return out;
    }

    /** The union of all boxes, or null when there are none. */
    Bounds bounds() {
        if (bounds == null && !byName.isEmpty()) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (Box b : byName.values()) {
                minX = Math.min(minX, b.x());
                minY = Math.min(minY, b.y());
                maxX = Math.max(maxX, b.maxX());
                maxY = Math.max(maxY, b.maxY());
            }
            bounds = new BoundingBox(minX, minY, maxX - minX, maxY - minY);
        }
        return bounds;
    }
}
