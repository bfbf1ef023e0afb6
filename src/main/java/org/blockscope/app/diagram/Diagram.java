package org.blockscope.app.diagram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/** A graph as drawn: a box per node and a route per edge, the same for the canvas, the SVG and the tests. */
public final class Diagram {

    private Diagram() {}

    /** The box of every node at its position. */
    public static Map<String, Box> boxes(Graph g, SkinGeometry geo) {
        Map<String, Box> out = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            out.put(n.name(), geo.box(g, n));
        }
        return out;
    }

    /** Routes of every edge among {@code boxes}. */
    public static Map<Edge, Route> routes(Graph g, SkinGeometry geo, Map<String, Box> boxes) {
        return routes(g, geo, boxes, EdgeRole.of(g), UnaryOperator.identity());
    }

    /**
     * Routes of every edge among {@code boxes}; {@code shownAs} maps a node to the box that stands
     * for it (a collapsed stage stands for its members; edges inside one box are left out).
     */
    public static Map<Edge, Route> routes(
            Graph g,
            SkinGeometry geo,
            Map<String, Box> boxes,
            Map<Edge, EdgeRole> roles,
            UnaryOperator<String> shownAs) {
        return routes(g, geo, boxes, roles, shownAs, g.edges());
    }

    /** Routes of {@code which} (edges of {@code g}) among {@code boxes}, as {@link #routes} would draw them. */
    public static Map<Edge, Route> routes(
            Graph g,
            SkinGeometry geo,
            Map<String, Box> boxes,
            Map<Edge, EdgeRole> roles,
            UnaryOperator<String> shownAs,
            java.util.Collection<Edge> which) {
        List<Router.Request> requests = new ArrayList<>();
        for (Edge e : which) {
            String from = shownAs.apply(e.from());
            String to = shownAs.apply(e.to());
            Box a = boxes.get(from);
            Box b = boxes.get(to);
            if (a == null || b == null || from.equals(to) || !g.contains(e.to())) {
                continue;
            }
            int count = Math.max(e.toPort() + 1, SkinGeometry.inputPorts(g, g.node(e.to())));
            Box portBox = to.equals(e.to()) ? b : new Box(b.x(), b.y(), geo.width(), b.height());
            requests.add(new Router.Request(
                    e,
                    from,
                    to,
                    geo.output(a),
                    geo.input(portBox, e.toPort(), count),
                    roles.getOrDefault(e, EdgeRole.MAIN)));
        }
        return Router.route(requests, boxes, geo.direction());
    }
}
