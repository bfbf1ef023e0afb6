package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.Route;
import org.blockscope.graph.Edge;

/**
 * Skins only for what is in view, for a graph too large to style every node: the nodes whose
 * boxes meet the visible area (plus a margin) get skins, at most {@link #BATCH} new ones per pass
 * so that a pulse stays short; skins well out of view are dropped. Edges near the view are routed
 * and drawn. With more than {@link #MAX_SKINS} boxes in view (zoomed far out) no skins are made:
 * the canvas draws an overview of the boxes instead.
 */
final class LazySkins {

    /** In view beyond this many boxes, an overview is drawn instead of skins. */
    static final int MAX_SKINS = 1500;
    /** New node skins made per pass; the rest follow in the next pulses. */
    static final int BATCH = 300;

    private final GraphView view;
    private Bounds area;
    private Bounds routedFor;
    private boolean overview;
    private boolean pending;

    LazySkins(GraphView view) {
        this.view = view;
    }

    /** The part of the document on screen (null before the canvas has a size). */
    void setArea(Bounds a) {
        area = a;
    }

    Bounds area() {
        return area;
    }

    /** Whether too many boxes are in view for skins: the overview stands in. */
    boolean overview() {
        return overview && view.lazy();
    }

    /** Whether skins in view are still to be made (the next pass makes them). */
    boolean pending() {
        return pending;
    }

    void invalidateRoutes() {
        routedFor = null;
    }

    /** Makes skins near the view and drops those far from it; {@code all}: no batch limit. */
    void sync(boolean all) {
        pending = false;
        if (!view.lazy() || area == null) {
            overview = false;
            return;
        }
        Bounds near = grow(area, 0.25);
        Bounds keep = grow(area, 0.75);
        List<String> want = new ArrayList<>();
        for (String n : view.boxes.in(near)) {
            if (!view.hidden(n)) {
                want.add(n);
            }
        }
        overview = want.size() > MAX_SKINS;
        for (NodeSkin s : List.copyOf(view.skins.values())) {
            if (overview
                    || view.hidden(s.name())
                    || !HitTests.bounds(view.boxes.box(s.name())).intersects(keep)) {
                view.skins.remove(s.name());
                view.nodeLayer.getChildren().remove(s);
            }
        }
        if (overview) {
            List.copyOf(view.edges.values()).forEach(e -> view.place(e, false));
            return;
        }
        List<javafx.scene.Node> made = new ArrayList<>();
        for (String n : want) {
            if (!view.skins.containsKey(n)) {
                if (!all && made.size() >= BATCH) {
                    pending = true;
                    break;
                }
                made.add(view.newSkin(view.graph().node(n)));
            }
        }
        view.nodeLayer.getChildren().addAll(made);
        syncEdges(near, keep);
    }

    private void syncEdges(Bounds near, Bounds keep) {
        Map<Edge, Route> routes = routesAround(near);
        for (EdgeSkin es : List.copyOf(view.edges.values())) {
            Route r = routes.get(es.edge);
            if (r == null || !meets(r, keep)) {
                view.place(es, false);
            }
        }
        routes.forEach((e, r) -> {
            if (r != null && !view.edges.containsKey(e) && meets(r, near)) {
                view.place(view.newEdgeSkin(e), true);
            }
        });
        for (EdgeSkin es : view.edges.values()) {
            es.setRoute(routes.get(es.edge));
        }
    }

    /** Routes of the edges near the view: again when the view leaves the part routed last. */
    private Map<Edge, Route> routesAround(Bounds near) {
        if (routedFor != null && contains(routedFor, near)) {
            return view.routesNow();
        }
        routedFor = grow(area, 1);
        List<Edge> which = new ArrayList<>();
        Set<String> ends = new HashSet<>();
        for (Edge e : view.graph().edges()) {
            Box a = view.shown.of(e.from());
            Box b = view.shown.of(e.to());
            if (a == null || b == null) {
                continue;
            }
            double x0 = Math.min(a.x(), b.x());
            double y0 = Math.min(a.y(), b.y());
            double x1 = Math.max(a.maxX(), b.maxX());
            double y1 = Math.max(a.maxY(), b.maxY());
            if (x0 <= routedFor.getMaxX()
                    && x1 >= routedFor.getMinX()
                    && y0 <= routedFor.getMaxY()
                    && y1 >= routedFor.getMinY()) {
                which.add(e);
                ends.add(e.from());
                ends.add(e.to());
            }
        }
        return view.routeNear(routedFor, which, ends);
    }

    private static boolean meets(Route r, Bounds b) {
        double x0 = Double.MAX_VALUE;
        double y0 = Double.MAX_VALUE;
        double x1 = -Double.MAX_VALUE;
        double y1 = -Double.MAX_VALUE;
        for (Point p : r.points()) {
            x0 = Math.min(x0, p.x());
            y0 = Math.min(y0, p.y());
            x1 = Math.max(x1, p.x());
            y1 = Math.max(y1, p.y());
        }
        return x0 <= b.getMaxX() && x1 >= b.getMinX() && y0 <= b.getMaxY() && y1 >= b.getMinY();
    }

    private static boolean contains(Bounds outer, Bounds inner) {
        return outer.getMinX() <= inner.getMinX()
                && outer.getMinY() <= inner.getMinY()
                && outer.getMaxX() >= inner.getMaxX()
                && outer.getMaxY() >= inner.getMaxY();
    }

    /** {@code b} grown by {@code f} times its size on every side. */
    static Bounds grow(Bounds b, double f) {
        double dx = b.getWidth() * f;
        double dy = b.getHeight() * f;
        return new BoundingBox(b.getMinX() - dx, b.getMinY() - dy, b.getWidth() + 2 * dx, b.getHeight() + 2 * dy);
    }
}
