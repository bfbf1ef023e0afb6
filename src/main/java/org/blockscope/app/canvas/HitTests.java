package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import org.blockscope.app.diagram.Box;

/**
 * What lies at a point or in a band of a graph view, in document coordinates. Nodes and ports
 * under the pointer are found among the skins (the pointer is always over a part in view); the
 * rubber band and the overview ask the model's boxes, so nodes without a skin count too.
 */
final class HitTests {

    private final GraphView view;

    HitTests(GraphView view) {
        this.view = view;
    }

    /** The topmost visible node whose box contains {@code p}. */
    Optional<NodeSkin> nodeAt(Point2D p) {
        List<javafx.scene.Node> kids = view.nodeLayer.getChildren();
        for (int i = kids.size() - 1; i >= 0; i--) {
            NodeSkin s = (NodeSkin) kids.get(i);
            if (s.isVisible() && s.bounds().contains(p)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The last node (in graph order) shown at {@code p}, skin or not (clicks on the overview). */
    Optional<String> nameAt(Point2D p) {
        return view.boxes.in(new BoundingBox(p.getX(), p.getY(), 0, 0)).stream()
                .filter(n -> !view.hidden(n))
                .max(Comparator.comparingInt(n -> view.graph().indexOf(n)));
    }

    /** The input port nearest to {@code p} within {@code tolerance}. */
    Optional<NodeSkin.Port> inputPortAt(Point2D p, double tolerance) {
        NodeSkin.Port best = null;
        double bestD = tolerance;
        for (NodeSkin s : view.skins()) {
            if (!s.isVisible()) {
                continue;
            }
            Bounds b = s.bounds();
            if (p.getX() < b.getMinX() - tolerance
                    || p.getX() > b.getMaxX() + tolerance
                    || p.getY() < b.getMinY() - tolerance
                    || p.getY() > b.getMaxY() + tolerance) {
                continue;
            }
            for (NodeSkin.Port port : s.inputPorts()) {
                double d = view.inputPoint(s, port.index).distance(p);
                if (d <= bestD) {
                    bestD = d;
                    best = port;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    Optional<EdgeSkin> edgeAt(Point2D p, double tolerance) {
        EdgeSkin best = null;
        double bestD = tolerance;
        for (EdgeSkin e : view.edges.values()) {
            double d = e.distanceTo(p);
            if (d <= bestD) {
                bestD = d;
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Names of the nodes whose boxes intersect {@code band}, in graph order. */
    List<String> nodesIn(Bounds band) {
        if (view.lazy()) {
            List<String> in = new ArrayList<>(view.boxes.in(band));
            in.sort(Comparator.comparingInt(n -> view.graph().indexOf(n)));
            return in;
        }
        List<String> out = new ArrayList<>();
        view.boxes.all().forEach((name, b) -> {
            if (bounds(b).intersects(band)) {
                out.add(name);
            }
        });
        return out;
    }

    static Bounds bounds(Box b) {
        return new BoundingBox(b.x(), b.y(), b.width(), b.height());
    }
}
