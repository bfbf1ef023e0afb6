package org.blockscope.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.InsideView;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No edge passes through a box it does not connect: every template laid out top to bottom and
 * left to right, and the inside view of every named block in them (nested ones too), checked
 * geometrically on the routes the canvas, the SVG and the PNG draw.
 */
class RoutingTest {

    static Stream<Arguments> templates() {
        return Templates.all().stream().map(t -> Arguments.of(t.id()));
    }

    /** Boxes an edge crosses, as "edge → box" lines. */
    static List<String> crossings(Graph g, SkinGeometry geo) {
        Map<String, Box> boxes = Diagram.boxes(g, geo);
        Map<Edge, Route> routes = Diagram.routes(g, geo, boxes);
        assertThat(routes).hasSize(g.edges().size());
        List<String> out = new ArrayList<>();
        routes.forEach((e, r) -> boxes.forEach((name, b) -> {
            if (!name.equals(e.from()) && !name.equals(e.to()) && Router.crossings(r.points(), List.of(b)) > 0) {
                out.add(e.from() + " → " + e.to() + " crosses " + name);
            }
        }));
        return out;
    }

    @ParameterizedTest
    @MethodSource("templates")
    void noEdgeCrossesABoxAtTheTopLevel(String id) {
        Graph g = Templates.graph(id);
        for (Direction d : Direction.values()) {
            SkinGeometry geo = SkinGeometry.NORMAL.withDirection(d);
            assertThat(crossings(AutoLayout.laidOut(g, geo), geo))
                    .as(id + " " + d)
                    .isEmpty();
        }
        // the templates' own left-to-right bands too (files saved before the top-to-bottom layout)
        SkinGeometry lr = SkinGeometry.NORMAL.withDirection(Direction.infer(g));
        assertThat(crossings(g, lr)).as(id + " as saved").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void noEdgeCrossesABoxInsideAnyNamedBlock(String id) {
        Template t = Templates.byId(id).orElseThrow();
        Graph g = t.graph();
        NetworkAnalysis a = NetworkAnalysis.of(g);
        List<String> problems = new ArrayList<>();
        int[] views = {0};
        for (Node n : g.nodes()) {
            if (n.kind().composite()) {
                inside(g, a, List.of(n.name()), problems, views);
            }
        }
        assertThat(problems).as(id).isEmpty();
        assertThat(views[0])
                .isEqualTo(g.nodes().stream().filter(n -> n.kind().composite()).count() + nested(g, a));
    }

    private static void inside(Graph top, NetworkAnalysis a, List<String> path, List<String> problems, int[] views) {
        InsideView v = InsideView.open(top, a, path, SkinGeometry.NORMAL)
                .get()
                .orElseThrow(() -> new AssertionError("cannot open " + path));
        views[0]++;
        crossings(v.graph(), SkinGeometry.NORMAL).forEach(c -> problems.add(String.join(" › ", path) + ": " + c));
        for (Node n : v.graph().nodes()) {
            if (n.kind().composite()) {
                List<String> deeper = new ArrayList<>(path);
                deeper.add(n.name());
                inside(top, a, deeper, problems, views);
            }
        }
    }

    /** How many blocks sit inside other blocks (all of them must open too). */
    private static long nested(Graph g, NetworkAnalysis a) {
        long[] count = {0};
        for (Node n : g.nodes()) {
            if (n.kind().composite()) {
                count(g, a, List.of(n.name()), count);
            }
        }
        return count[0];
    }

    private static void count(Graph top, NetworkAnalysis a, List<String> path, long[] count) {
        InsideView v = InsideView.open(top, a, path, SkinGeometry.NORMAL).get().orElseThrow();
        for (Node n : v.graph().nodes()) {
            if (n.kind().composite()) {
                count[0]++;
                List<String> deeper = new ArrayList<>(path);
                deeper.add(n.name());
                count(top, a, deeper, count);
            }
        }
    }
}
