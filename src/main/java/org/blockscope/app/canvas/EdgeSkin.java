package org.blockscope.app.canvas;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.shape.CubicCurve;
import org.blockscope.graph.Edge;

/**
 * One edge: a cubic curve from the source's output port to the target's input port, and a small
 * label with the shape of the tensor it carries. The curve is recomputed only when one of its ends
 * moves; the label lives in its own layer so all labels can be hidden at once.
 */
final class EdgeSkin {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final int SAMPLES = 24;

    final Edge edge;
    final CubicCurve curve = new CubicCurve();
    final Label label = new Label();
    private final double[] xs = new double[SAMPLES + 1];
    private final double[] ys = new double[SAMPLES + 1];

    EdgeSkin(Edge edge) {
        this.edge = edge;
        curve.getStyleClass().add("edge");
        curve.setFill(null);
        curve.setMouseTransparent(true);
        label.getStyleClass().add("edge-label");
        label.setMouseTransparent(true);
        label.translateXProperty().bind(label.widthProperty().multiply(-0.5));
        label.translateYProperty().bind(label.heightProperty().negate().subtract(1));   // just above the curve
        label.widthProperty().addListener((o, a, b) -> fit());
    }

    private double spanX;
    private double spanY;

    /** A label on a short straight edge would hide under the nodes: leave it out there. */
    private void fit() {
        boolean room = spanX >= label.getWidth() + 4 || Math.abs(spanY) > 40;
        if (label.isVisible() != room) {
            label.setVisible(room);
        }
    }

    /** Sets the curve between the two port centres (document units). */
    void route(double x1, double y1, double x2, double y2) {
        double dx = Math.max(40, Math.abs(x2 - x1) * 0.5);
        set(curve, x1, y1, x2, y2, dx);
        spanX = x2 - x1;
        spanY = y2 - y1;
        fit();
        // point at t = 1/2 of a cubic Bézier: (P0 + 3 P1 + 3 P2 + P3) / 8
        label.setLayoutX((x1 + 3 * (x1 + dx) + 3 * (x2 - dx) + x2) / 8);
        label.setLayoutY((y1 + 3 * y1 + 3 * y2 + y2) / 8);
        for (int i = 0; i <= SAMPLES; i++) {
            double t = (double) i / SAMPLES;
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double c = 3 * u * t * t;
            double d = t * t * t;
            xs[i] = a * x1 + b * (x1 + dx) + c * (x2 - dx) + d * x2;
            ys[i] = a * y1 + b * y1 + c * y2 + d * y2;
        }
    }

    static void set(CubicCurve c, double x1, double y1, double x2, double y2, double dx) {
        c.setStartX(x1);
        c.setStartY(y1);
        c.setControlX1(x1 + dx);
        c.setControlY1(y1);
        c.setControlX2(x2 - dx);
        c.setControlY2(y2);
        c.setEndX(x2);
        c.setEndY(y2);
    }

    /** Distance from a document point to the curve (sampled polyline). */
    double distanceTo(Point2D p) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < SAMPLES; i++) {
            best = Math.min(best, segmentDistance(p.getX(), p.getY(), xs[i], ys[i], xs[i + 1], ys[i + 1]));
        }
        return best;
    }

    private static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double vx = bx - ax;
        double vy = by - ay;
        double len = vx * vx + vy * vy;
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / len));
        double qx = ax + t * vx - px;
        double qy = ay + t * vy - py;
        return Math.sqrt(qx * qx + qy * qy);
    }

    void setShapeText(String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    void setSelected(boolean selected) {
        curve.pseudoClassStateChanged(SELECTED, selected);
        label.pseudoClassStateChanged(SELECTED, selected);
    }
}
