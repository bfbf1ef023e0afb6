package org.blockscope.app.canvas;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.Route;

/**
 * The boxes as shown: every node's own box, except members of collapsed stages, for which the
 * stage's box stands. What routing, the minimap, the overview and the drag preview draw around.
 */
final class ShownBoxes {

    private final Boxes boxes;
    private Set<String> hidden = Set.of();
    private Map<String, Box> stages = Map.of();
    private UnaryOperator<String> shownAs = UnaryOperator.identity();

    ShownBoxes(Boxes boxes) {
        this.boxes = boxes;
    }

    /** After the stages were collapsed or expanded: who is hidden, and the stages' boxes by id. */
    void update(Set<String> hiddenNow, Map<String, Box> stageBoxes, UnaryOperator<String> as) {
        hidden = hiddenNow;
        stages = stageBoxes;
        shownAs = as;
    }

    boolean hidden(String node) {
        return hidden.contains(node);
    }

    /** The box that shows {@code node}: its own, or its collapsed stage's. */
    Box of(String node) {
        String as = shownAs.apply(node);
        return as.equals(node) ? boxes.box(node) : stages.get(as);
    }

    /** Nodes (by name) and collapsed stages (by id). */
    Map<String, Box> all() {
        Map<String, Box> out = new LinkedHashMap<>();
        boxes.all().forEach((name, b) -> {
            if (!hidden.contains(name)) {
                out.put(name, b);
            }
        });
        out.putAll(stages);
        return out;
    }

    /** The shown boxes that meet {@code r}, plus those of {@code also}, and every stage. */
    Map<String, Box> near(Bounds r, Collection<String> also) {
        Map<String, Box> out = new LinkedHashMap<>();
        for (String n : boxes.in(r)) {
            if (!hidden.contains(n)) {
                out.put(n, boxes.box(n));
            }
        }
        for (String n : also) {
            if (!hidden.contains(n)) {
                out.put(n, boxes.box(n));
            }
        }
        out.putAll(stages);
        return out;
    }

    /** Bounds of all node boxes, widened to the routes' lanes when {@code routes} are given; null when empty. */
    Bounds bounds(Collection<Route> routes) {
        Bounds b = boxes.bounds();
        if (b == null || routes.isEmpty()) {
            return b;
        }
        double minX = b.getMinX();
        double maxX = b.getMaxX();
        for (Route r : routes) {
            if (r != null) {
                for (Point q : r.points()) {
                    minX = Math.min(minX, q.x());
                    maxX = Math.max(maxX, q.x());
                }
            }
        }
        return new BoundingBox(minX, b.getMinY(), maxX - minX, b.getHeight());
    }
}
