package org.blockscope.app.canvas;

import javafx.geometry.Bounds;
import javafx.scene.layout.Region;

/**
 * A graph view seen through a region: its pan and zoom, the semantic zoom that follows the scale,
 * and the readable Fit. Presenter mode magnifies by 1.5: Fit, 100 % and the smallest text size
 * are all 1.5 times larger. Shared by the canvas and the inside view of a block.
 */
final class Viewport {

    static final double MARGIN = 32;
    static final double MAX_FIT = 1.25;

    private final Region host;
    private final GraphView view;
    private final PanZoom panZoom;
    private boolean presenter;

    Viewport(Region host, GraphView view, PanZoom panZoom) {
        this.host = host;
        this.view = view;
        this.panZoom = panZoom;
        panZoom.zoomProperty().addListener((o, a, b) -> update());
        update();
    }

    GraphView view() {
        return view;
    }

    PanZoom panZoom() {
        return panZoom;
    }

    boolean presenter() {
        return presenter;
    }

    /** The smallest text on screen, in pixels. */
    double minPx() {
        return Detail.MIN_PX * factor();
    }

    double factor() {
        return presenter ? Detail.PRESENTER_FACTOR : 1;
    }

    void setPresenter(boolean on) {
        if (on == presenter) {
            return;
        }
        presenter = on;
        double ratio = on ? Detail.PRESENTER_FACTOR : 1 / Detail.PRESENTER_FACTOR;
        panZoom.zoomAt(ratio, host.getWidth() / 2, host.getHeight() / 2);
        update();
    }

    void update() {
        view.setScale(panZoom.zoom(), minPx());
    }

    /**
     * Fits the graph, never below the zoom where names and shapes stay readable ({@link
     * Detail#floor}) and never above 125 % (both times 1.5 in presenter mode): a large network
     * shows its beginning and scrolls.
     */
    void fit() {
        Bounds b = view.contentBounds();
        if (b == null) {
            return;
        }
        double w = host.getWidth();
        double h = host.getHeight();
        double all =
                Math.min((w - 2 * MARGIN) / Math.max(1, b.getWidth()), (h - 2 * MARGIN) / Math.max(1, b.getHeight()));
        double z = factor() * Math.max(Detail.floor(Detail.MIN_PX), Math.min(MAX_FIT, all));
        panZoom.fit(b, w, h, MARGIN, z, z);
    }

    void zoomIn() {
        panZoom.zoomAt(1.25, host.getWidth() / 2, host.getHeight() / 2);
    }

    void zoomOut() {
        panZoom.zoomAt(1 / 1.25, host.getWidth() / 2, host.getHeight() / 2);
    }

    void zoomReset() {
        panZoom.setZoom(factor(), host.getWidth() / 2, host.getHeight() / 2);
    }

    /** The part of the document on screen, or null before the host has a size. */
    Bounds visibleArea() {
        if (host.getWidth() <= 0 || host.getHeight() <= 0) {
            return null;
        }
        javafx.geometry.Point2D a = panZoom.toDoc(0, 0);
        javafx.geometry.Point2D b = panZoom.toDoc(host.getWidth(), host.getHeight());
        return new javafx.geometry.BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
    }

    /** Whether the whole graph is in view. */
    boolean showsAll() {
        Bounds b = view.contentBounds();
        if (b == null) {
            return true;
        }
        double z = panZoom.zoom();
        double x0 = b.getMinX() * z + panZoom.translateX();
        double y0 = b.getMinY() * z + panZoom.translateY();
        return x0 >= -1
                && y0 >= -1
                && x0 + b.getWidth() * z <= host.getWidth() + 1
                && y0 + b.getHeight() * z <= host.getHeight() + 1;
    }
}
