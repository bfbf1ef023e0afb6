package org.blockscope.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.graph.Edge;
import org.junit.jupiter.api.Test;

/** Where edges run ({@link Router}): around every box they do not connect, on lanes of their own. */
class EdgeRouteTest {

    private static final double W = 180;
    private static final double H = 78;

    /** A column of boxes n0…n{k-1}, one layer apart, top to bottom. */
    private static Map<String, Box> column(int k) {
        Map<String, Box> m = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            m.put("n" + i, new Box(0, i * (H + 64), W, H));
        }
        return m;
    }

    private static Router.Request down(Map<String, Box> boxes, String from, String to) {
        Box a = boxes.get(from);
        Box b = boxes.get(to);
        return new Router.Request(
                new Edge(from, to, 0),
                from,
                to,
                new Point(a.centreX(), a.maxY()),
                new Point(b.centreX(), b.y()),
                EdgeRole.MAIN);
    }

    /** Boxes (other than the edge's own ends) that the route passes through. */
    private static List<String> crossed(Route r, Map<String, Box> boxes, String from, String to) {
        List<String> out = new ArrayList<>();
        boxes.forEach((name, b) -> {
            if (!name.equals(from) && !name.equals(to) && Router.crossings(r.points(), List.of(b)) > 0) {
                out.add(name);
            }
        });
        return out;
    }

    @Test
    void anEdgeBetweenNeighboursInAColumnIsStraight() {
        Map<String, Box> boxes = column(2);
        Route r = Router.route(List.of(down(boxes, "n0", "n1")), boxes, Direction.DOWN)
                .values()
                .iterator()
                .next();
        assertThat(r.points()).containsExactly(new Point(90, H), new Point(90, H + 64));
        assertThat(r.lane()).isFalse();
    }

    @Test
    void aSkipPastBoxesRunsOnALaneBesideThemAndEntersItsTargetFromAbove() {
        Map<String, Box> boxes = column(4);
        Route r = Router.route(List.of(down(boxes, "n0", "n3")), boxes, Direction.DOWN)
                .values()
                .iterator()
                .next();
        assertThat(crossed(r, boxes, "n0", "n3")).isEmpty();
        assertThat(r.lane()).isTrue();
        assertThat(r.points().stream().mapToDouble(Point::x).max().orElseThrow())
                .isGreaterThanOrEqualTo(W + Router.MARGIN);
        Point beforeEnd = r.points().get(r.points().size() - 2);
        assertThat(beforeEnd.y())
                .as("arrives from above")
                .isLessThan(boxes.get("n3").y());
    }

    @Test
    void twoSkipsOverTheSameBoxesRunOnSeparateLanes() {
        Map<String, Box> boxes = column(5);
        Map<Edge, Route> routes =
                Router.route(List.of(down(boxes, "n0", "n3"), down(boxes, "n1", "n4")), boxes, Direction.DOWN);
        List<Double> laneXs = routes.values().stream()
                .map(r -> r.points().stream().mapToDouble(Point::x).max().orElseThrow())
                .toList();
        assertThat(Math.abs(laneXs.get(0) - laneXs.get(1))).isGreaterThanOrEqualTo(Router.LANE_GAP);
        routes.forEach((e, r) -> assertThat(crossed(r, boxes, e.from(), e.to())).isEmpty());
    }

    @Test
    void aBandWrapLeftToRightGoesAroundBothRows() {
        // end of the upper row to the start of the lower row: the old layout's band wrap
        Map<String, Box> boxes = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            boxes.put("u" + i, new Box(i * 240, 0, W, H));
            boxes.put("l" + i, new Box(i * 240, 130, W, H));
        }
        Box a = boxes.get("u4");
        Box b = boxes.get("l0");
        SkinGeometry geo = SkinGeometry.NORMAL.withDirection(Direction.RIGHT);
        Router.Request req = new Router.Request(
                new Edge("u4", "l0", 0), "u4", "l0", geo.output(a), geo.input(b, 0, 1), EdgeRole.MAIN);
        Route r = Router.route(List.of(req), boxes, Direction.RIGHT).get(req.edge());
        assertThat(crossed(r, boxes, "u4", "l0")).isEmpty();
        Point beforeEnd = r.points().get(r.points().size() - 2);
        assertThat(beforeEnd.x()).as("arrives from the left").isLessThan(b.x());
    }

    @Test
    void aBackwardEdgeLoopsAroundInsteadOfCuttingThroughItsColumn() {
        Map<String, Box> boxes = column(4);
        Router.Request up = new Router.Request(
                new Edge("n3", "n1", 0),
                "n3",
                "n1",
                new Point(90, boxes.get("n3").maxY()),
                new Point(90, boxes.get("n1").y()),
                EdgeRole.MAIN);
        Route r = Router.route(List.of(up), boxes, Direction.DOWN).get(up.edge());
        assertThat(crossed(r, boxes, "n3", "n1")).isEmpty();
        assertThat(r.lane()).isTrue();
    }

    @Test
    void roundedCornersAreInTheSvgPath() {
        Map<String, Box> boxes = column(4);
        Route r = Router.route(List.of(down(boxes, "n0", "n3")), boxes, Direction.DOWN)
                .values()
                .iterator()
                .next();
        assertThat(r.svg()).startsWith("M 90.0 78.0 L ").contains(" Q ");
    }

    @Test
    void theCheckSeesAStraightSkipThroughTheColumn() {
        Map<String, Box> boxes = column(4);
        List<Point> straight = List.of(new Point(90, H), new Point(90, 3 * (H + 64)));
        assertThat(Router.crossings(straight, List.of(boxes.get("n1"), boxes.get("n2"))))
                .isEqualTo(2);
    }
}
