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
 * Up to {@link #LAZY_NODES} nodes every node and edge has a skin; above, only those in view (see
 * {@link LazySkins}), and geometry questions are answered from the model's boxes.
 */
final class GraphView extends Group {

    /** Above this many nodes, skins are made only for what is in view. */
    static final int LAZY_NODES = 2000;

    final Group edgeLayer = new Group();
    private final Group labelLayer = new Group();
    final Group nodeLayer = new Group();
    private final StageLayer stageLayer = new StageLayer();
    final Map<String, NodeSkin> skins = new LinkedHashMap<>();
    final Map<Edge, EdgeSkin> edges = new HashMap<>();
    final Boxes boxes = new Boxes();
    final ShownBoxes shown = new ShownBoxes(boxes);
    private final LazySkins lazy = new LazySkins(this);
    private SkinGeometry geometry = SkinGeometry.NORMAL;
    private Graph graph = Graph.EMPTY;
    private Annotations annotations = Annotations.NONE;
    private final Set<String> selected = new HashSet<>();
    private Edge selectedEdge;
    private Detail detail = Detail.FULL;
    private double outlineFont = SkinGeometry.NAME_FONT;
    private double labelFont = 11;
    private Map<Edge, EdgeRole> roles = Map.of();
    private Map<Edge, Route> routes = Map.of();
    private int revision;

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

    /** Whether only the nodes in view have skins. */
    boolean lazy() {
        return graph.size() > LAZY_NODES;
    }

    LazySkins lazySkins() {
        return lazy;
    }

    /** Changes whenever a box or route moves, appears or goes (for the minimap). */
    int revision() {
        return revision;
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
            skins.values().forEach(this::annotate);
            edges.values().forEach(this::annotate);
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
                if (g.contains(n)) {
                    selected.add(n);
                    NodeSkin s = skins.get(n);
                    if (s != null) {
                        s.setSelected(true);
                    }
                }
            }
        }
        if (graphChanged || !Objects.equals(selEdge, selectedEdge)) {
            if (selectedEdge != null && edges.containsKey(selectedEdge)) {
                edges.get(selectedEdge).setSelected(false);
            }
            selectedEdge = selEdge != null && g.edges().contains(selEdge) ? selEdge : null;
            if (selectedEdge != null && edges.containsKey(selectedEdge)) {
                edges.get(selectedEdge).setSelected(true);
            }
        }
    }

    private void annotate(NodeSkin s) {
        s.setStats(annotations.node(s.name()).orElse(null));
        s.setDiagnostics(annotations.problems(s.name()));
    }

    private void annotate(EdgeSkin e) {
        e.setShapeText(annotations
                .node(e.edge.from())
                .map(st -> st.output().toString())
                .orElse("?"));
    }

    /** A skin for {@code n}, with everything the skins around it show. */
    NodeSkin newSkin(Node n) {
        NodeSkin s = new NodeSkin(n.name(), geometry);
        s.setDetail(detail, outlineFont);
        s.setNode(n, SkinGeometry.inputPorts(graph, n));
        annotate(s);
        s.setSelected(selected.contains(n.name()));
        s.setVisible(!shown.hidden(n.name()));
        skins.put(n.name(), s);
        return s;
    }

    EdgeSkin newEdgeSkin(Edge e) {
        EdgeSkin es = new EdgeSkin(e);
        es.setLabelFont(labelFont);
        annotate(es);
        es.setSelected(e.equals(selectedEdge));
        edges.put(e, es);
        return es;
    }

    private void reconcileGraph(Graph g) {
        Graph old = graph;
        boolean structure = !g.edges().equals(old.edges()) || !sameNames(old, g);
        graph = g;
        boxes.update(old, g, geometry, !structure);
        List<javafx.scene.Node> added = new ArrayList<>();
        for (NodeSkin s : List.copyOf(skins.values())) {
            if (g.contains(s.name())) {
                s.setNode(g.node(s.name()), SkinGeometry.inputPorts(g, g.node(s.name())));
            } else {
                skins.remove(s.name());
                nodeLayer.getChildren().remove(s);
            }
        }
        if (!lazy()) {
            for (Node n : g.nodes()) {
                if (!skins.containsKey(n.name())) {
                    added.add(newSkin(n));
                }
            }
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
        if (!lazy()) {
            List<javafx.scene.Node> newCurves = new ArrayList<>();
            List<javafx.scene.Node> newLabels = new ArrayList<>();
            for (Edge e : g.edges()) {
                if (!edges.containsKey(e)) {
                    EdgeSkin es = newEdgeSkin(e);
                    newCurves.add(es.curve);
                    newLabels.add(es.label);
                }
            }
            edgeLayer.getChildren().addAll(newCurves);
            labelLayer.getChildren().addAll(newLabels);
        }
        if (structure) {
            roles = EdgeRole.of(g);
            stageLayer.setStages(g);
        }
        rebuildStages();
    }

    private static boolean sameNames(Graph a, Graph b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.nodes().get(i).name().equals(b.nodes().get(i).name())) {
                return false;
            }
        }
        return true;
    }

    /** Adds or removes the skins of an edge. */
    void place(EdgeSkin es, boolean on) {
        if (on) {
            edgeLayer.getChildren().add(es.curve);
            labelLayer.getChildren().add(es.label);
        } else {
            edges.remove(es.edge);
            edgeLayer.getChildren().remove(es.curve);
            labelLayer.getChildren().remove(es.label);
        }
    }

    // ---- stages --------------------------------------------------------------------------------

    StageLayer stageLayer() {
        return stageLayer;
    }

    /** Collapses or expands a stage by hand. */
    void setCollapsed(Stages.Stage s, boolean on) {
        if (stageLayer.setByHand(s, on)) {
            rebuildStages();
        }
    }

    private void rebuildStages() {
        Set<String> hidden = stageLayer.rebuild(graph, boxes::box, annotations, detail, outlineFont);
        Map<String, Box> stageBoxes = new LinkedHashMap<>();
        for (StageSkin st : stageLayer.skins()) {
            stageBoxes.put(st.stage.id(), StageLayer.union(st.stage, boxes::box));
        }
        shown.update(hidden, stageBoxes, stageLayer::shownAs);
        skins.values().forEach(sk -> sk.setVisible(!hidden.contains(sk.name())));
        reroute();
    }

    boolean hidden(String node) {
        return shown.hidden(node);
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

    /** Routes every edge again (a box moved, appeared or collapsed); lazily, those near the view. */
    void reroute() {
        revision++;
        if (lazy()) {
            routes = Map.of();
            lazy.invalidateRoutes();
            lazy.sync(false);
            return;
        }
        routes = Diagram.routes(graph, geometry, shown.all(), roles, this::shownAs);
        for (EdgeSkin e : edges.values()) {
            e.setRoute(routes.get(e.edge));
        }
    }

    /** Routes {@code which} among the shown boxes near {@code region} (the lazy view's routes). */
    Map<Edge, Route> routeNear(Bounds region, Collection<Edge> which, Set<String> ends) {
        routes = Diagram.routes(graph, geometry, shown.near(region, ends), roles, this::shownAs, which);
        return routes;
    }

    /** The boxes as shown: nodes, and collapsed stages in place of their members. */
    Map<String, Box> shownBoxes() {
        return shown.all();
    }

    /** The shown boxes that meet {@code r} (all of them for a small graph). */
    Map<String, Box> shownBoxesNear(Bounds r) {
        return lazy() ? shown.near(r, List.of()) : shown.all();
    }

    /** The routes computed last (lazily: only those near the view). */
    Map<Edge, Route> routesNow() {
        return routes;
    }

    /** Every edge's route as drawn (null for edges hidden inside a collapsed stage or, lazily, out of view). */
    Map<Edge, Route> routes() {
        Map<Edge, Route> out = new LinkedHashMap<>();
        graph.edges().forEach(e -> out.put(e, routes.get(e)));
        return out;
    }

    void setGeometry(SkinGeometry g) {
        if (g.equals(geometry)) {
            return;
        }
        geometry = g;
        boxes.update(graph, graph, g, false);
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

    Set<String> selectedNames() {
        return selected;
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

    Point2D outputPoint(NodeSkin s) {
        Point p = s.geometry().output(s.box());
        return new Point2D(p.x(), p.y());
    }

    Point2D inputPoint(NodeSkin s, int port) {
        int count = Math.max(port + 1, s.inputPorts().size());
        Point p = s.geometry().input(s.box(), port, count);
        return new Point2D(p.x(), p.y());
    }

    /** Hit tests on skins and on the model's boxes. */
    HitTests hits() {
        return new HitTests(this);
    }

    /** Bounds of all node boxes (and, for a small graph, routes), or null when empty. */
    Bounds contentBounds() {
        return shown.bounds(lazy() ? List.of() : routes.values());
    }
}
