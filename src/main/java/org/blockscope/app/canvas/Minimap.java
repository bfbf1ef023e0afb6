package org.blockscope.app.canvas;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.blockscope.app.diagram.Box;

/**
 * An overview of a network larger than the view, in a corner of the canvas: every box as a small
 * rectangle and the part on screen as a frame. Clicking or dragging in it moves the view there.
 */
final class Minimap extends Region {

    static final double WIDTH = 170;
    static final double HEIGHT = 150;
    /** Above this many boxes, the minimap fills pixels instead of drawing every box. */
    static final int PIXELS = 4000;

    private final GraphView view;
    private final PanZoom panZoom;
    private final Region host;
    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private final Rectangle frame = new Rectangle();
    private double scale = 1;
    private Object drawn; // what the boxes on the canvas were drawn from
    private double originX;
    private double originY;

    Minimap(GraphView view, PanZoom panZoom, Region host) {
        this.view = view;
        this.panZoom = panZoom;
        this.host = host;
        getStyleClass().add("minimap");
        setId("minimap");
        frame.setFill(null);
        frame.setStroke(Color.web("#dc2626"));
        frame.setStrokeWidth(1.5);
        frame.setMouseTransparent(true);
        frame.setManaged(false);
        getChildren().addAll(canvas, frame);
        Rectangle clip = new Rectangle(); // the frame of a view larger than the network stays inside
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setVisible(false);
        setManaged(false);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::jump);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::jump);
        addEventHandler(MouseEvent.MOUSE_CLICKED, MouseEvent::consume);
        addEventHandler(MouseEvent.MOUSE_RELEASED, MouseEvent::consume);
    }

    void place(double w, double h) {
        double mw = Math.min(WIDTH, Math.max(90, w * 0.18));
        double mh = Math.min(HEIGHT, Math.max(80, h * 0.28));
        canvas.setWidth(mw);
        canvas.setHeight(mh);
        resizeRelocate(w - mw - 12, h - mh - 12, mw, mh);
        refresh();
    }

    /** Shows itself only when part of the network is out of view. */
    void refresh() {
        Bounds b = view.contentBounds();
        double w = host.getWidth();
        double h = host.getHeight();
        boolean needed = b != null && w > 360 && h > 200 && !allInView(b, w, h);
        setVisible(needed);
        if (needed) {
            draw(b, w, h);
        }
    }

    private boolean allInView(Bounds b, double w, double h) {
        Point2D a = panZoom.toView(new Point2D(b.getMinX(), b.getMinY()));
        Point2D c = panZoom.toView(new Point2D(b.getMaxX(), b.getMaxY()));
        return a.getX() >= -1 && a.getY() >= -1 && c.getX() <= w + 1 && c.getY() <= h + 1;
    }

    /** The boxes (from the model, drawn again only when they changed) and the frame of the view. */
    private void draw(Bounds b, double w, double h) {
        double pad = 6;
        double mw = canvas.getWidth();
        double mh = canvas.getHeight();
        scale = Math.min((mw - 2 * pad) / b.getWidth(), (mh - 2 * pad) / b.getHeight());
        originX = b.getMinX() - (mw / scale - b.getWidth()) / 2;
        originY = b.getMinY() - (mh / scale - b.getHeight()) / 2;
        Object now = java.util.List.of(view.revision(), b, mw, mh);
        if (!now.equals(drawn)) {
            drawn = now;
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setFill(Color.web("#ffffffee"));
            g.fillRect(0, 0, mw, mh);
            g.setStroke(Color.web("#94a3b8"));
            g.strokeRect(0.5, 0.5, mw - 1, mh - 1);
            g.setFill(Color.web("#6366f1"));
            java.util.Collection<Box> shown = view.shownBoxes().values();
            if (shown.size() > PIXELS) {
                fillPixels(g, shown, (int) mw, (int) mh);
            } else {
                for (Box box : shown) {
                    g.fillRect(
                            (box.x() - originX) * scale,
                            (box.y() - originY) * scale,
                            Math.max(1.5, box.width() * scale),
                            Math.max(1.5, box.height() * scale));
                }
            }
        }
        Point2D a = panZoom.toDoc(0, 0);
        Point2D c = panZoom.toDoc(w, h);
        frame.setX((a.getX() - originX) * scale);
        frame.setY((a.getY() - originY) * scale);
        frame.setWidth((c.getX() - a.getX()) * scale);
        frame.setHeight((c.getY() - a.getY()) * scale);
    }

    /** Many boxes: each pixel they cover is filled once, one rectangle per run of a row. */
    private void fillPixels(GraphicsContext g, java.util.Collection<Box> shown, int mw, int mh) {
        boolean[] on = new boolean[mw * mh];
        for (Box box : shown) {
            int x0 = Math.max(0, (int) ((box.x() - originX) * scale));
            int y0 = Math.max(0, (int) ((box.y() - originY) * scale));
            int x1 = Math.min(mw - 1, (int) ((box.maxX() - originX) * scale));
            int y1 = Math.min(mh - 1, (int) ((box.maxY() - originY) * scale));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    on[y * mw + x] = true;
                }
            }
        }
        for (int y = 0; y < mh; y++) {
            int x = 0;
            while (x < mw) {
                if (!on[y * mw + x]) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < mw && on[y * mw + x]) {
                    x++;
                }
                g.fillRect(start, y, x - start, 1);
            }
        }
    }

    /** Centres the view on the document point under the pointer. */
    private void jump(MouseEvent e) {
        double docX = originX + e.getX() / scale;
        double docY = originY + e.getY() / scale;
        panZoom.centreOn(new Point2D(docX, docY), host.getWidth(), host.getHeight());
        refresh();
        e.consume();
    }
}
