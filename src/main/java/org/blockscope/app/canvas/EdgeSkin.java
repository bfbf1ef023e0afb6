package org.blockscope.app.canvas;

import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.geometry.VPos;
import javafx.scene.shape.CubicCurve;
import javafx.scene.text.Text;
import org.blockscope.app.diagram.SkinGeometry;
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
    final Text label = new Text();
    private final double[] xs = new double[SAMPLES + 1];
    private final double[] ys = new double[SAMPLES + 1];

    EdgeSkin(Edge edge) {
        this.edge = edge;
        curve.getStyleClass().add("edge");
        curve.setFill(null);
        curve.setMouseTransparent(true);
        label.getStyleClass().add("edge-label");
        label.setMouseTransparent(true);
        label.setTextOrigin(VPos.BOTTOM); // just above the curve
        label.setManaged(false);
        label.layoutBoundsProperty().addListener((o, a, b) -> {
            label.setTranslateX(-b.getWidth() / 2);
            fit();
        });
    }

    private double spanX;
    private double spanY;

    /** A label on a short straight edge would hide under the nodes: leave it out there. */
    private void fit() {
        boolean room = spanX >= label.getLayoutBounds().getWidth() + 6 || Math.abs(spanY) > 40;
        if (label.isVisible() != room) {
            label.setVisible(room);
        }
    }

    /** Sets the curve between the two port centres (document units). */
    void route(double x1, double y1, double x2, double y2) {
        double[] c = set(curve, x1, y1, x2, y2);
        spanX = x2 - x1;
        spanY = y2 - y1;
        fit();
        for (int i = 0; i <= SAMPLES; i++) {
            double t = (double) i / SAMPLES;
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double d = 3 * u * t * t;
            double e = t * t * t;
            xs[i] = a * x1 + b * c[0] + d * c[2] + e * x2;
            ys[i] = a * y1 + b * c[1] + d * c[3] + e * y2;
        }
        label.setLayoutX(xs[SAMPLES / 2]); // the point at t = 1/2
        label.setLayoutY(ys[SAMPLES / 2] - 2);
    }

    /** Sets a cubic curve between two ports with {@link SkinGeometry#edgeControls}; returns the controls. */
    static double[] set(CubicCurve c, double x1, double y1, double x2, double y2) {
        double[] k = SkinGeometry.edgeControls(x1, y1, x2, y2);
        c.setStartX(x1);
        c.setStartY(y1);
        c.setControlX1(k[0]);
        c.setControlY1(k[1]);
        c.setControlX2(k[2]);
        c.setControlY2(k[3]);
        c.setEndX(x2);
        c.setEndY(y2);
        return k;
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
