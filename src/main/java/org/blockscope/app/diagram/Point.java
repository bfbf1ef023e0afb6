package org.blockscope.app.diagram;

/** A point in document coordinates. */
public record Point(double x, double y) {

    Point transposed() {
        return new Point(y, x);
    }

    public double distance(Point p) {
        return Math.hypot(p.x - x, p.y - y);
    }
}
