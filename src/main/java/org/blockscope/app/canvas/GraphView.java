package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * The drawing of one graph in document coordinates: edge curves, edge labels and node skins in
 * three layers. {@link #show} reconciles with the previous call: skins are reused by node name, and
 * only nodes whose record changed, and the edges touching them, are touched.
 */
final class GraphView extends Group {

    private final Group edgeLayer = new Group();
    private final Group labelLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Map<String, NodeSkin> skins = new LinkedHashMap<>();
    private final Map<Edge, EdgeSkin> edges = new HashMap<>();
    private final Map<String, List<EdgeSkin>> edgesOf = new HashMap<>();
    private SkinGeometry geometry = SkinGeometry.NORMAL;
    private Graph graph = Graph.EMPTY;
    private Annotations annotations = Annotations.NONE;
    private final Set<String> selected = new HashSet<>();
    private Edge selectedEdge;
    private boolean detail = true;

    GraphView() {
        getStyleClass().add("graph-view");
        edgeLayer.getStyleClass().add("edge-layer");
        labelLayer.getStyleClass().add("edge-label-layer");
        nodeLayer.getStyleClass().add("node-layer");
        getChildren().addAll(edgeLayer, labelLayer, nodeLayer);
    }

    Graph graph() {
        return graph;
    }

    Group labelLayer() {
        return labelLayer;
    }

    /** Brings the drawing up to date; cheap when little changed. */
    void show(Graph g, Annotations a, Set<String> selection, Edge selEdge) {
        boolean graphChanged = g != graph;
        boolean annotationsChanged = a != annotations;
        if (graphChanged) {
            reconcileGraph(g);
        }
        if (graphChanged || annotationsChanged) {
            annotations = a;
            for (NodeSkin s : skins.values()) {
                s.setStats(a.node(s.name()).orElse(null));
                s.setDiagnostics(a.problems(s.name()));
            }
            for (EdgeSkin e : edges.values()) {
                e.setShapeText(
                        a.node(e.edge.from()).map(st -> st.output().toString()).orElse("?"));
            }
        }
        if (graphChanged || !selected.equals(selection)) {
            for (String n : selected) {
                if (!selection.contains(n) && skins.containsKey(n)) {
                    skins.get(n).setSelected(false);
                }
            }
            selected.clear();
            for (String n : selection) {
                NodeSkin s = skins.get(n);
                if (s != null) {
                    s.setSelected(true);
                    selected.add(n);
                }
            }
        }
        if (graphChanged || !java.util.Objects.equals(selEdge, selectedEdge)) {
            if (selectedEdge != null && edges.containsKey(selectedEdge)) {
                edges.get(selectedEdge).setSelected(false);
            }
            selectedEdge = selEdge != null && edges.containsKey(selEdge) ? selEdge : null;
            if (selectedEdge != null) {
                edges.get(selectedEdge).setSelected(true);
            }
        }
    }

    private void reconcileGraph(Graph g) {
        Set<String> moved = new HashSet<>();
        List<javafx.scene.Node> added = new ArrayList<>();
        for (Node n : g.nodes()) {
            NodeSkin s = skins.get(n.name());
            if (s == null) {
                s = new NodeSkin(n.name(), geometry);
                s.setDetail(detail);
                skins.put(n.name(), s);
                added.add(s);
            }
            if (s.setNode(n, SkinGeometry.inputPorts(g, n))) {
                moved.add(n.name());
            }
        }
        if (skins.size() != g.size()) {
            List<NodeSkin> gone =
                    skins.values().stream().filter(s -> !g.contains(s.name())).toList();
            gone.forEach(s -> skins.remove(s.name()));
            nodeLayer.getChildren().removeAll(gone);
        }
        nodeLayer.getChildren().addAll(added);
        // edges: drop missing, add new, reroute those touching moved nodes
        Set<Edge> now = new HashSet<>(g.edges());
        List<EdgeSkin> goneEdges =
                edges.values().stream().filter(e -> !now.contains(e.edge)).toList();
        if (!goneEdges.isEmpty()) {
            goneEdges.forEach(e -> edges.remove(e.edge));
            edgeLayer
                    .getChildren()
                    .removeAll(goneEdges.stream().map(e -> e.curve).toList());
            labelLayer
                    .getChildren()
                    .removeAll(goneEdges.stream().map(e -> e.label).toList());
        }
        List<javafx.scene.Node> newCurves = new ArrayList<>();
        List<javafx.scene.Node> newLabels = new ArrayList<>();
        Set<EdgeSkin> reroute = new HashSet<>();
        for (Edge e : g.edges()) {
            EdgeSkin es = edges.get(e);
            if (es == null) {
                es = new EdgeSkin(e);
                edges.put(e, es);
                newCurves.add(es.curve);
                newLabels.add(es.label);
                reroute.add(es);
            } else if (moved.contains(e.from()) || moved.contains(e.to())) {
                reroute.add(es);
            }
        }
        edgeLayer.getChildren().addAll(newCurves);
        labelLayer.getChildren().addAll(newLabels);
        edgesOf.clear();
        for (EdgeSkin es : edges.values()) {
            edgesOf.computeIfAbsent(es.edge.from(), k -> new ArrayList<>()).add(es);
            edgesOf.computeIfAbsent(es.edge.to(), k -> new ArrayList<>()).add(es);
        }
        graph = g;
        reroute.forEach(this::route);
    }

    private void route(EdgeSkin es) {
        NodeSkin from = skins.get(es.edge.from());
        NodeSkin to = skins.get(es.edge.to());
        Point2D a = outputPoint(from);
        Point2D b = inputPoint(to, es.edge.toPort());
        es.route(a.getX(), a.getY(), b.getX(), b.getY());
    }

    void setGeometry(SkinGeometry g) {
        if (g.equals(geometry)) {
            return;
        }
        geometry = g;
        skins.values().forEach(s -> s.setGeometry(g));
        edges.values().forEach(this::route);
    }

    void setDetail(boolean on) {
        if (on != detail) {
            detail = on;
            skins.values().forEach(s -> s.setDetail(on));
        }
    }

    SkinGeometry geometry() {
        return geometry;
    }

    // ---- geometry queries (document coordinates) -----------------------------------------------

    Optional<NodeSkin> skin(String name) {
        return Optional.ofNullable(skins.get(name));
    }

    Collection<NodeSkin> skins() {
        return skins.values();
    }

    Collection<EdgeSkin> edgeSkins() {
        return edges.values();
    }

    Optional<EdgeSkin> edgeSkin(Edge e) {
        return Optional.ofNullable(edges.get(e));
    }

    static Bounds box(NodeSkin s) {
        return new BoundingBox(s.getLayoutX(), s.getLayoutY(), s.geometry().width(), s.height());
    }

    Point2D outputPoint(NodeSkin s) {
        return new Point2D(
                s.getLayoutX() + s.geometry().width(),
                s.getLayoutY() + s.geometry().outputY(s.height()));
    }

    Point2D inputPoint(NodeSkin s, int port) {
        int count = Math.max(port + 1, s.inputPorts().size());
        return new Point2D(s.getLayoutX(), s.getLayoutY() + s.geometry().inputY(port, count, s.height()));
    }

    /** The topmost node whose box contains {@code p}. */
    Optional<NodeSkin> nodeAt(Point2D p) {
        List<javafx.scene.Node> kids = nodeLayer.getChildren();
        for (int i = kids.size() - 1; i >= 0; i--) {
            NodeSkin s = (NodeSkin) kids.get(i);
            if (box(s).contains(p)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The input port nearest to {@code p} within {@code tolerance}. */
    Optional<NodeSkin.Port> inputPortAt(Point2D p, double tolerance) {
        NodeSkin.Port best = null;
        double bestD = tolerance;
        for (NodeSkin s : skins.values()) {
            if (p.getX() < s.getLayoutX() - tolerance
                    || p.getX() > s.getLayoutX() + tolerance
                    || p.getY() < s.getLayoutY() - tolerance
                    || p.getY() > s.getLayoutY() + s.height() + tolerance) {
                continue;
            }
            for (NodeSkin.Port port : s.inputPorts()) {
                double d = inputPoint(s, port.index).distance(p);
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
        for (EdgeSkin e : edges.values()) {
            double d = e.distanceTo(p);
            if (d <= bestD) {
                bestD = d;
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Names of the nodes whose boxes intersect {@code band}. */
    List<String> nodesIn(Bounds band) {
        return skins.values().stream()
                .filter(s -> box(s).intersects(band))
                .map(NodeSkin::name)
                .toList();
    }

    /** Bounds of all node boxes, or null when empty. */
    Bounds contentBounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeSkin s : skins.values()) {
            minX = Math.min(minX, s.getLayoutX());
            minY = Math.min(minY, s.getLayoutY());
            maxX = Math.max(maxX, s.getLayoutX() + s.geometry().width());
            maxY = Math.max(maxY, s.getLayoutY() + s.height());
        }
        return skins.isEmpty() ? null : new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }
}
