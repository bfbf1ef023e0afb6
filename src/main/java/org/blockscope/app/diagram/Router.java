package org.blockscope.app.diagram;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.blockscope.graph.Edge;

/**
 * The one routing rule of the canvas, the drag preview, the SVG and the PNG. An edge leaves its
 * source along the flow and enters its target along the flow. When a simple path with at most two
 * bends passes no other box, it is used; otherwise (a skip, a backward edge) the edge runs on its
 * own lane beside every box between its ends, and lanes that overlap are spread apart. Computed
 * top to bottom; left to right is the same rule with x and y swapped.
 */
public final class Router {

    /** How far an edge runs straight out of a port before it turns. */
    public static final double STUB = 16;
    /** Distance between neighbouring lanes, and from a lane to the boxes it passes. */
    public static final double LANE_GAP = 12;

    public static final double MARGIN = 18;
    /** Boxes are tested shrunk by this much: an edge may touch a rounded border, not pass inside. */
    static final double INSET = 1;

    private Router() {}

    /** One edge to route: its ends (node names and port centres) and its role. */
    public record Request(Edge edge, String from, String to, Point start, Point end, EdgeRole role) {}

    /** Routes every request around {@code boxes} (by node name). */
    public static Map<Edge, Route> route(List<Request> requests, Map<String, Box> boxes, Direction dir) {
        boolean t = dir == Direction.RIGHT;
        Map<String, Integer> ids = new HashMap<>();
        List<Box> list = new ArrayList<>();
        boxes.forEach((k, b) -> {
            ids.put(k, list.size());
            list.add(t ? b.transposed() : b);
        });
        BoxIndex index = new BoxIndex(list);
        List<Laned> lanes = new ArrayList<>();
        Map<Edge, List<Point>> paths = new LinkedHashMap<>();
        for (Request r : requests) {
            Point s = t ? r.start().transposed() : r.start();
            Point e = t ? r.end().transposed() : r.end();
            Field obstacles = new Field(index, ids.getOrDefault(r.from(), -1), ids.getOrDefault(r.to(), -1));
            List<Point> direct = direct(s, e, obstacles);
            if (direct != null) {
                paths.put(r.edge(), direct);
            } else {
                lanes.add(lane(r.edge(), s, e, obstacles));
            }
        }
        spread(lanes);
        Set<Edge> laned = new HashSet<>();
        for (Laned l : lanes) {
            paths.put(l.edge, l.points());
            laned.add(l.edge);
        }
        Map<Edge, Route> out = new LinkedHashMap<>();
        for (Request r : requests) {
            List<Point> p = paths.get(r.edge());
            out.put(r.edge(), new Route(t ? transpose(p) : p, r.role(), laned.contains(r.edge())));
        }
        return out;
    }

    /** The route of one edge between two ports, among {@code obstacles} (the drag preview over a port). */
    public static Route single(Point start, Point end, Collection<Box> obstacles, Direction dir, EdgeRole role) {
        boolean t = dir == Direction.RIGHT;
        Point s = t ? start.transposed() : start;
        Point e = t ? end.transposed() : end;
        List<Box> bs = obstacles.stream().map(b -> t ? b.transposed() : b).toList();
        Field field = new Field(new BoxIndex(bs), -1, -1);
        List<Point> direct = direct(s, e, field);
        List<Point> p = direct != null ? direct : lane(null, s, e, field).points();
        return new Route(t ? transpose(p) : p, role, direct == null);
    }

    /**
     * The boxes around one edge, found through the index: every box but the edge's own two ends
     * is an obstacle; lanes keep clear of the ends too.
     */
    private record Field(BoxIndex index, int from, int to) {
        void each(double x0, double y0, double x1, double y1, boolean withEnds, Consumer<Box> out) {
            index.query(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1), id -> {
                if (withEnds || (id != from && id != to)) {
                    out.accept(index.box(id));
                }
            });
        }

        /** Obstacles the segment a–b passes through. */
        int crossedBy(Point a, Point b) {
            int[] n = {0};
            each(a.x(), a.y(), b.x(), b.y(), false, box -> {
                if (box.crossedBy(a, b, INSET)) {
                    n[0]++;
                }
            });
            return n[0];
        }
    }

    /** A path that has two bends at most and crosses no obstacle, or null. */
    private static List<Point> direct(Point s, Point e, Field obstacles) {
        if (e.y() <= s.y() + 1) {
            return null;
        }
        if (Math.abs(s.x() - e.x()) < 0.5) {
            List<Point> p = List.of(s, new Point(s.x(), e.y()));
            return clear(p, obstacles) ? p : null;
        }
        double gap = e.y() - s.y();
        double stub = Math.min(STUB, gap / 2);
        for (double ym : new double[] {e.y() - stub, s.y() + stub, (s.y() + e.y()) / 2}) {
            List<Point> p = List.of(s, new Point(s.x(), ym), new Point(e.x(), ym), e);
            if (clear(p, obstacles)) {
                return p;
            }
        }
        return null;
    }

    private static boolean clear(List<Point> p, Field obstacles) {
        return crossings(p, obstacles) == 0;
    }

    private static int crossings(List<Point> p, Field obstacles) {
        int n = 0;
        for (int i = 0; i + 1 < p.size(); i++) {
            n += obstacles.crossedBy(p.get(i), p.get(i + 1));
        }
        return n;
    }

    /** How many (segment, box) pairs cross. */
    static int crossings(List<Point> p, Collection<Box> obstacles) {
        int n = 0;
        for (int i = 0; i + 1 < p.size(); i++) {
            for (Box b : obstacles) {
                if (b.crossedBy(p.get(i), p.get(i + 1), INSET)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** An edge on a lane beside the boxes between its ends: out of the source, along the lane, into the target. */
    private static final class Laned {
        final Edge edge;
        final Point s;
        final Point e;
        final double y1;
        final double y2;
        final boolean right;
        double x;
        int order;

        Laned(Edge edge, Point s, Point e, double y1, double y2, boolean right, double x) {
            this.edge = edge;
            this.s = s;
            this.e = e;
            this.y1 = y1;
            this.y2 = y2;
            this.right = right;
            this.x = x;
        }

        List<Point> points() {
            return simplify(
                    List.of(s, new Point(s.x(), y1), new Point(x, y1), new Point(x, y2), new Point(e.x(), y2), e));
        }

        double lo() {
            return Math.min(y1, y2);
        }

        double hi() {
            return Math.max(y1, y2);
        }
    }

    private static Laned lane(Edge edge, Point s, Point e, Field obstacles) {
        Laned best = null;
        int bestCrossings = Integer.MAX_VALUE;
        double bestLength = Double.MAX_VALUE;
        for (boolean right : new boolean[] {true, false}) {
            double y1 = s.y() + STUB;
            double y2 = e.y() - STUB;
            for (int attempt = 0; attempt < 4; attempt++) {
                double x = laneX(obstacles, Math.min(y1, y2), Math.max(y1, y2), right);
                Laned l = new Laned(edge, s, e, y1, y2, right, x);
                List<Point> p = l.points();
                int c = crossings(p, obstacles);
                double len = length(p);
                if (c < bestCrossings || (c == bestCrossings && len < bestLength)) {
                    best = l;
                    bestCrossings = c;
                    bestLength = len;
                }
                if (c == 0) {
                    break;
                }
                // a box sits right under the source or right over the target: turn beyond it
                y1 = below(obstacles, s.x(), x, y1);
                y2 = above(obstacles, e.x(), x, y2);
            }
        }
        return best;
    }

    /** The lane's x: just beside every box (the edge's ends included) that overlaps the band lo..hi. */
    private static double laneX(Field boxes, double lo, double hi, boolean right) {
        double[] x = {right ? -Double.MAX_VALUE : Double.MAX_VALUE};
        boxes.each(-Double.MAX_VALUE, lo - STUB, Double.MAX_VALUE, hi + STUB, true, b -> {
            if (b.y() < hi + STUB && b.maxY() > lo - STUB) {
                x[0] = right ? Math.max(x[0], b.maxX()) : Math.min(x[0], b.x());
            }
        });
        if (Math.abs(x[0]) == Double.MAX_VALUE) {
            return 0;
        }
        return right ? x[0] + MARGIN : x[0] - MARGIN;
    }

    /** A height below every box the horizontal run from x0 to x1 at y would cross. */
    private static double below(Field obstacles, double x0, double x1, double y) {
        double[] out = {y};
        Point a = new Point(x0, y);
        Point b = new Point(x1, y);
        obstacles.each(x0, y, x1, y, false, box -> {
            if (box.crossedBy(a, b, INSET)) {
                out[0] = Math.max(out[0], box.maxY() + STUB);
            }
        });
        return out[0];
    }

    private static double above(Field obstacles, double x0, double x1, double y) {
        double[] out = {y};
        Point a = new Point(x0, y);
        Point b = new Point(x1, y);
        obstacles.each(x0, y, x1, y, false, box -> {
            if (box.crossedBy(a, b, INSET)) {
                out[0] = Math.min(out[0], box.y() - STUB);
            }
        });
        return out[0];
    }

    /**
     * Lanes whose runs overlap move apart, shortest innermost. Only lanes whose runs overlap can
     * meet, so each lane is checked against those filed in the same bands of height, in the order
     * they were placed.
     */
    private static void spread(List<Laned> lanes) {
        double band = 512;
        Map<Long, List<Laned>> bands = new HashMap<>();
        lanes.sort(Comparator.comparingDouble(l -> l.hi() - l.lo()));
        for (int i = 0; i < lanes.size(); i++) {
            Laned l = lanes.get(i);
            l.order = i;
            List<Laned> near = new ArrayList<>();
            Set<Laned> seen = new HashSet<>();
            long b0 = (long) Math.floor((l.lo() - LANE_GAP) / band);
            long b1 = (long) Math.floor((l.hi() + LANE_GAP) / band);
            for (long b = b0; b <= b1; b++) {
                for (Laned p : bands.getOrDefault(b, List.of())) {
                    if (seen.add(p)) {
                        near.add(p);
                    }
                }
            }
            near.sort(Comparator.comparingInt(p -> p.order));
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Laned p : near) {
                    if (p.right == l.right
                            && Math.abs(p.x - l.x) < LANE_GAP
                            && p.lo() < l.hi() + LANE_GAP
                            && l.lo() < p.hi() + LANE_GAP) {
                        l.x = l.right ? p.x + LANE_GAP : p.x - LANE_GAP;
                        moved = true;
                    }
                }
            }
            for (long b = b0; b <= b1; b++) {
                bands.computeIfAbsent(b, k -> new ArrayList<>()).add(l);
            }
        }
    }

    private static double length(List<Point> p) {
        double s = 0;
        for (int i = 0; i + 1 < p.size(); i++) {
            s += p.get(i).distance(p.get(i + 1));
        }
        return s;
    }

    /** Drops repeated points and merges collinear runs. */
    static List<Point> simplify(List<Point> p) {
        List<Point> out = new ArrayList<>();
        for (Point q : p) {
            if (!out.isEmpty() && out.get(out.size() - 1).distance(q) < 1e-6) {
                continue;
            }
            if (out.size() >= 2) {
                Point a = out.get(out.size() - 2);
                Point b = out.get(out.size() - 1);
                boolean sameX = Math.abs(a.x() - b.x()) < 1e-6 && Math.abs(b.x() - q.x()) < 1e-6;
                boolean sameY = Math.abs(a.y() - b.y()) < 1e-6 && Math.abs(b.y() - q.y()) < 1e-6;
                if (sameX || sameY) {
                    out.set(out.size() - 1, q);
                    continue;
                }
            }
            out.add(q);
        }
        return out;
    }

    private static List<Point> transpose(List<Point> p) {
        return p.stream().map(Point::transposed).toList();
    }
}
