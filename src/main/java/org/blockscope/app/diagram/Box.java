package org.blockscope.app.diagram;

/** A node's rectangle in document coordinates. */
public record Box(double x, double y, double width, double height) {

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    public double centreX() {
        return x + width / 2;
    }

    public double centreY() {
        return y + height / 2;
    }

    Box transposed() {
        return new Box(y, x, height, width);
    }

    /** Whether the segment a–b (horizontal or vertical) passes through the inside of this box, shrunk by {@code inset}. */
    public boolean crossedBy(Point a, Point b, double inset) {
        double x0 = x + inset;
        double x1 = maxX() - inset;
        double y0 = y + inset;
        double y1 = maxY() - inset;
        if (x0 >= x1 || y0 >= y1) {
            return false;
        }
        // Liang–Barsky clipping of the segment against the (open) rectangle
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {a.x() - x0, x1 - a.x(), a.y() - y0, y1 - a.y()};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] <= 0) {
                    return false;
                }
            } else {
                double t = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, t);
                } else {
                    t1 = Math.min(t1, t);
                }
            }
        }
        return t0 < t1;
    }
}
