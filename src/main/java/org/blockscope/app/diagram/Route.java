package org.blockscope.app.diagram;

import java.util.List;
import java.util.Locale;

/**
 * The path of one edge: an orthogonal polyline from the source's output port to the target's
 * input port, drawn with rounded corners; {@code lane} when it had to go around other boxes.
 */
public record Route(List<Point> points, EdgeRole role, boolean lane) {

    public static final double CORNER = 8;

    public Route {
        points = List.copyOf(points);
    }

    public Point start() {
        return points.get(0);
    }

    public Point end() {
        return points.get(points.size() - 1);
    }

    /** The middle of the longest segment, where the edge's label goes, and whether that segment is vertical. */
    public Point labelAnchor() {
        Point a = points.get(0);
        Point b = points.get(points.size() - 1);
        double best = -1;
        for (int i = 0; i + 1 < points.size(); i++) {
            double len = points.get(i).distance(points.get(i + 1));
            if (len > best) {
                best = len;
                a = points.get(i);
                b = points.get(i + 1);
            }
        }
        return new Point((a.x() + b.x()) / 2, (a.y() + b.y()) / 2);
    }

    /** Length of the longest straight segment. */
    public double longestSegment() {
        double best = 0;
        for (int i = 0; i + 1 < points.size(); i++) {
            best = Math.max(best, points.get(i).distance(points.get(i + 1)));
        }
        return best;
    }

    /** Whether the longest segment is vertical. */
    public boolean labelOnVertical() {
        double best = -1;
        boolean vertical = true;
        for (int i = 0; i + 1 < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get(i + 1);
            double len = a.distance(b);
            if (len > best) {
                best = len;
                vertical = Math.abs(b.x() - a.x()) < Math.abs(b.y() - a.y());
            }
        }
        return vertical;
    }

    /** Distance from {@code p} to the polyline. */
    public double distanceTo(Point p) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i + 1 < points.size(); i++) {
            best = Math.min(best, segmentDistance(p, points.get(i), points.get(i + 1)));
        }
        return best;
    }

    private static double segmentDistance(Point p, Point a, Point b) {
        double vx = b.x() - a.x();
        double vy = b.y() - a.y();
        double len = vx * vx + vy * vy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * vx + (p.y() - a.y()) * vy) / len));
        return Math.hypot(a.x() + t * vx - p.x(), a.y() + t * vy - p.y());
    }

    /**
     * The path as SVG path data with rounded corners ({@code M … L … Q …}); the canvas draws the
     * same commands.
     */
    public String svg() {
        StringBuilder sb = new StringBuilder();
        for (PathStep s : steps()) {
            sb.append(sb.length() == 0 ? "" : " ");
            switch (s.kind()) {
                case MOVE -> sb.append(String.format(Locale.ROOT, "M %.1f %.1f", s.x(), s.y()));
                case LINE -> sb.append(String.format(Locale.ROOT, "L %.1f %.1f", s.x(), s.y()));
                case CURVE ->
                    sb.append(String.format(Locale.ROOT, "Q %.1f %.1f %.1f %.1f", s.cx(), s.cy(), s.x(), s.y()));
            }
        }
        return sb.toString();
    }

    /** One drawing command: move, line, or a quadratic corner through control point (cx, cy). */
    public record PathStep(Kind kind, double cx, double cy, double x, double y) {
        public enum Kind {
            MOVE,
            LINE,
            CURVE
        }
    }

    /** The drawing commands: straight runs joined by quadratic corners of radius up to {@link #CORNER}. */
    public List<PathStep> steps() {
        java.util.ArrayList<PathStep> out = new java.util.ArrayList<>();
        Point first = points.get(0);
        out.add(new PathStep(PathStep.Kind.MOVE, 0, 0, first.x(), first.y()));
        for (int i = 1; i < points.size(); i++) {
            Point p = points.get(i);
            if (i + 1 < points.size()) {
                Point prev = points.get(i - 1);
                Point next = points.get(i + 1);
                double r = Math.min(CORNER, Math.min(prev.distance(p), p.distance(next)) / 2);
                Point in = towards(p, prev, r);
                Point outP = towards(p, next, r);
                out.add(new PathStep(PathStep.Kind.LINE, 0, 0, in.x(), in.y()));
                out.add(new PathStep(PathStep.Kind.CURVE, p.x(), p.y(), outP.x(), outP.y()));
            } else {
                out.add(new PathStep(PathStep.Kind.LINE, 0, 0, p.x(), p.y()));
            }
        }
        return out;
    }

    private static Point towards(Point from, Point to, double r) {
        double d = from.distance(to);
        return d == 0
                ? from
                : new Point(from.x() + (to.x() - from.x()) * r / d, from.y() + (to.y() - from.y()) * r / d);
    }
}
