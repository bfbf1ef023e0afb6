package org.blockscope.app.canvas;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;

/**
 * Pan and zoom of a content node inside a viewport, as two transforms on the content:
 * {@code view = doc · zoom + translate}. Panning and zooming change only these transforms, so no
 * skin is laid out again.
 */
final class PanZoom {

    static final double MIN = 0.05;
    static final double MAX = 4;

    private final Translate translate = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(this, "zoom", 1);

    PanZoom(Node content) {
        content.getTransforms().setAll(translate, scale);
    }

    /** Called whenever the view pans or zooms. */
    void addListener(javafx.beans.InvalidationListener l) {
        translate.xProperty().addListener(l);
        translate.yProperty().addListener(l);
        zoom.addListener(l);
    }

    ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    double zoom() {
        return zoom.get();
    }

    Point2D toDoc(double x, double y) {
        double z = zoom.get();
        return new Point2D((x - translate.getX()) / z, (y - translate.getY()) / z);
    }

    double translateX() {
        return translate.getX();
    }

    double translateY() {
        return translate.getY();
    }

    Point2D toView(Point2D doc) {
        double z = zoom.get();
        return new Point2D(doc.getX() * z + translate.getX(), doc.getY() * z + translate.getY());
    }

    void panBy(double dx, double dy) {
        translate.setX(translate.getX() + dx);
        translate.setY(translate.getY() + dy);
    }

    /** Zooms by {@code factor} keeping the document point under view point (x, y) in place. */
    void zoomAt(double factor, double x, double y) {
        setZoom(zoom.get() * factor, x, y);
    }

    void setZoom(double z, double x, double y) {
        double nz = Math.max(MIN, Math.min(MAX, z));
        Point2D doc = toDoc(x, y);
        scale.setX(nz);
        scale.setY(nz);
        zoom.set(nz);
        translate.setX(x - doc.getX() * nz);
        translate.setY(y - doc.getY() * nz);
    }

    /** Shows all of {@code doc} in a {@code w × h} viewport, never magnifying beyond {@code maxZoom}. */
    void fit(Bounds doc, double w, double h, double margin, double maxZoom) {
        fit(doc, w, h, margin, MIN, maxZoom);
    }

    /**
     * Shows as much of {@code doc} as fits at a zoom between {@code minZoom} and {@code maxZoom}:
     * all of it, centred, when it fits; otherwise its top (and left) edge, and the rest is a scroll
     * away.
     */
    void fit(Bounds doc, double w, double h, double margin, double minZoom, double maxZoom) {
        if (doc == null || w <= 0 || h <= 0) {
            return;
        }
        double z = Math.min(
                (w - 2 * margin) / Math.max(1, doc.getWidth()), (h - 2 * margin) / Math.max(1, doc.getHeight()));
        z = Math.max(MIN, Math.min(MAX, Math.max(minZoom, Math.min(maxZoom, z))));
        scale.setX(z);
        scale.setY(z);
        zoom.set(z);
        centreOn(new Point2D(doc.getMinX() + doc.getWidth() / 2, doc.getMinY() + doc.getHeight() / 2), w, h);
        if (doc.getWidth() * z > w - 2 * margin) {
            translate.setX(margin - doc.getMinX() * z);
        }
        if (doc.getHeight() * z > h - 2 * margin) {
            translate.setY(margin - doc.getMinY() * z);
        }
    }

    void centreOn(Point2D doc, double w, double h) {
        double z = zoom.get();
        translate.setX(w / 2 - doc.getX() * z);
        translate.setY(h / 2 - doc.getY() * z);
    }
}
