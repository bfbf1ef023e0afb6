package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Diagram;
import org.blockscope.app.diagram.EdgeRole;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.Route;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.diagram.Stages;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * The drawing of one graph in document coordinates: edge paths, edge labels and node skins in
 * three layers. {@link #show} reconciles with the previous call: skins are reused by node name and
 * only nodes whose record changed are touched. Edges are routed around the boxes by the
 * {@link Diagram} rule, again whenever a box moves. Collapsed stages stand in for their members.
 */
final class GraphView extends Group {

    private final Group edgeLayer = new Group();
    private final Group labelLayer = new Group();
    private final Group nodeLayer = new Group();
    private final StageLayer stageLayer = new StageLayer();
    private final Map<String, NodeSkin> skins = new LinkedHashMap<>();
    private final Map<Edge, EdgeSkin> edges = new HashMap<>();
    private SkinGeometry geometry = SkinGeometry.NORMAL;
    private Graph graph = Graph.EMPTY;
    private Annotations annotations = Annotations.NONE;
    private final Set<String> selected = new HashSet<>();
    private Edge selectedEdge;
    private Detail detail = Detail.FULL;
    private double outlineFont = SkinGeometry.NAME_FONT;
    private double labelFont = 11;
    private Map<Edge, EdgeRole> roles = Map.of();

    GraphView() {
        getStyleClass().add("graph-view");
        edgeLayer.getStyleClass().add("edge-layer");
        labelLayer.getStyleClass().add("edge-label-layer");
        nodeLayer.getStyleClass().add("node-layer");
        getChildren().addAll(edgeLayer, labelLayer, nodeLayer, stageLayer);
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
            if (stageLayer.any()) {
                rebuildStages();
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
        if (graphChanged || !Objects.equals(selEdge, selectedEdge)) {
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
        boolean structure = !g.edges().equals(graph.edges()) || !g.names().equals(graph.names());
        List<javafx.scene.Node> added = new ArrayList<>();
        for (Node n : g.nodes()) {
            NodeSkin s = skins.get(n.name());
            if (s == null) {
                s = new NodeSkin(n.name(), geometry);
                s.setDetail(detail, outlineFont);
                skins.put(n.name(), s);
                added.add(s);
            }
            s.setNode(n, SkinGeometry.inputPorts(g, n));
        }
        if (skins.size() != g.size()) {
            List<NodeSkin> gone =
                    skins.values().stream().filter(s -> !g.contains(s.name())).toList();
            gone.forEach(s -> skins.remove(s.name()));
            nodeLayer.getChildren().removeAll(gone);
        }
        nodeLayer.getChildren().addAll(added);
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
        for (Edge e : g.edges()) {
            if (!edges.containsKey(e)) {
                EdgeSkin es = new EdgeSkin(e);
                es.setLabelFont(labelFont);
                edges.put(e, es);
                newCurves.add(es.curve);
                newLabels.add(es.label);
            }
        }
        edgeLayer.getChildren().addAll(newCurves);
        labelLayer.getChildren().addAll(newLabels);
        graph = g;
        if (structure) {
            roles = EdgeRole.of(g);
            stageLayer.setStages(g);
        }
        rebuildStages();
    }

    // ---- stages --------------------------------------------------------------------------------

    List<Stages.Stage> stages() {
        return stageLayer.stages();
    }

    /** The stage {@code node} belongs to. */
    Optional<Stages.Stage> stageOf(String node) {
        return stageLayer.stageOf(node);
    }

    boolean isCollapsed(Stages.Stage s) {
        return stageLayer.isCollapsed(s);
    }

    /** Collapses or expands a stage by hand. */
    void setCollapsed(Stages.Stage s, boolean on) {
        if (stageLayer.setByHand(s, on)) {
            rebuildStages();
        }
    }

    private void rebuildStages() {
        Set<String> hidden = stageLayer.rebuild(graph, n -> box(skins.get(n)), annotations, detail, outlineFont);
        skins.values().forEach(sk -> sk.setVisible(!hidden.contains(sk.name())));
        reroute();
    }

    /** The text lines of the collapsed stages. */
    List<SkinText> stageTexts() {
        return stageLayer.skins().stream().flatMap(s -> s.texts().stream()).toList();
    }

    /** The name of the box that shows {@code node}: its collapsed stage's id, or itself. */
    String shownAs(String node) {
        return stageLayer.shownAs(node);
    }

    // ---- routes --------------------------------------------------------------------------------

    /** Routes every edge again (a box moved, appeared or collapsed). */
    void reroute() {
        Map<String, Box> boxes = shownBoxes();
        Map<Edge, Route> routes = Diagram.routes(graph, geometry, boxes, roles, this::shownAs);
        for (EdgeSkin e : edges.values()) {
            e.setRoute(routes.get(e.edge));
        }
    }

    /** The boxes as shown: nodes, and collapsed stages in place of their members. */
    Map<String, Box> shownBoxes() {
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (NodeSkin s : skins.values()) {
            String as = shownAs(s.name());
            if (as.equals(s.name())) {
                boxes.put(s.name(), box(s));
            }
        }
        for (StageSkin st : stageLayer.skins()) {
            boxes.put(st.stage.id(), StageLayer.union(st.stage, n -> box(skins.get(n))));
        }
        return boxes;
    }

    /** Every edge's route as drawn (null for edges hidden inside a collapsed stage). */
    Map<Edge, Route> routes() {
        Map<Edge, Route> out = new LinkedHashMap<>();
        edges.forEach((e, s) -> out.put(e, s.route()));
        return out;
    }

    void setGeometry(SkinGeometry g) {
        if (g.equals(geometry)) {
            return;
        }
        geometry = g;
        skins.values().forEach(s -> s.setGeometry(g));
        rebuildStages();
    }

    /** Semantic zoom at {@code scale} (view pixels per document unit) for text at least {@code minPx}. */
    void setScale(double scale, double minPx) {
        Detail d = Detail.at(scale, minPx);
        double outline = minPx / scale * 1.02;
        double label = Math.max(11, Math.min(18, minPx / scale * 1.02));
        boolean labels = label * scale >= minPx - 1e-9;
        labelLayer.setOpacity(labels ? 1 : 0);
        if (Math.abs(label - labelFont) > 0.01) {
            labelFont = label;
            edges.values().forEach(e -> e.setLabelFont(label));
        }
        if (d == detail && (d != Detail.OUTLINE || Math.abs(outline - outlineFont) < 0.01)) {
            return;
        }
        detail = d;
        outlineFont = outline;
        skins.values().forEach(s -> s.setDetail(d, outline));
        stageLayer.setDetail(d, outline);
        if (stageLayer.setAuto(d == Detail.OUTLINE)) {
            rebuildStages();
        }
    }

    Detail detail() {
        return detail;
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

    Optional<EdgeSkin> edgeSkin(Edge e) {
        return Optional.ofNullable(edges.get(e));
    }

    static Box box(NodeSkin s) {
        return new Box(s.getLayoutX(), s.getLayoutY(), s.geometry().width(), s.height());
    }

    static Bounds bounds(NodeSkin s) {
        Box b = box(s);
        return new BoundingBox(b.x(), b.y(), b.width(), b.height());
    }

    Point2D outputPoint(NodeSkin s) {
        Point p = s.geometry().output(box(s));
        return new Point2D(p.x(), p.y());
    }

    Point2D inputPoint(NodeSkin s, int port) {
        int count = Math.max(port + 1, s.inputPorts().size());
        Point p = s.geometry().input(box(s), port, count);
        return new Point2D(p.x(), p.y());
    }

    /** The topmost visible node whose box contains {@code p}. */
    Optional<NodeSkin> nodeAt(Point2D p) {
        List<javafx.scene.Node> kids = nodeLayer.getChildren();
        for (int i = kids.size() - 1; i >= 0; i--) {
            NodeSkin s = (NodeSkin) kids.get(i);
            if (s.isVisible() && bounds(s).contains(p)) {
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
            if (!s.isVisible()) {
                continue;
            }
            Bounds b = bounds(s);
            if (p.getX() < b.getMinX() - tolerance
                    || p.getX() > b.getMaxX() + tolerance
                    || p.getY() < b.getMinY() - tolerance
                    || p.getY() > b.getMaxY() + tolerance) {
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
                .filter(s -> bounds(s).intersects(band))
                .map(NodeSkin::name)
                .toList();
    }

    /** Bounds of all node boxes and routes, or null when empty. */
    Bounds contentBounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeSkin s : skins.values()) {
            Box b = box(s);
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.maxX());
            maxY = Math.max(maxY, b.maxY());
        }
        for (EdgeSkin e : edges.values()) {
            if (e.route() != null) {
                for (Point q : e.route().points()) {
                    minX = Math.min(minX, q.x());
                    maxX = Math.max(maxX, q.x());
                }
            }
        }
        return skins.isEmpty() ? null : new BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }
}
