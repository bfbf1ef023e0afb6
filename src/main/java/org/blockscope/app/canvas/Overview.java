package org.blockscope.app.canvas;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;

/**
 * A large network zoomed far out, drawn without skins: every box in view as a rectangle (selected
 * ones highlighted) and, while not too many, every edge as a straight line from port to port. In
 * view coordinates, over the canvas; zooming in brings the real, editable boxes back.
 */
final class Overview extends Canvas {

    /** Above this many boxes in view, edges are left out (lines thinner than a pixel apart). */
    static final int MAX_EDGES = 20_000;

    Overview() {
        setMouseTransparent(true);
        setManaged(false);
        setVisible(false);
        getStyleClass().add("canvas-overview");
    }

    void draw(GraphView view, PanZoom pz, double w, double h) {
        boolean on = view.lazySkins().overview() && w > 0 && h > 0;
        if (!on) {
            if (isVisible()) {
                setVisible(false);
                setWidth(0);
                setHeight(0);
            }
            return;
        }
        setVisible(true);
        setWidth(w);
        setHeight(h);
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        Bounds area = view.lazySkins().area();
        List<String> names = view.boxes.in(area);
        double z = pz.zoom();
        double tx = pz.translateX();
        double ty = pz.translateY();
        SkinGeometry geo = view.geometry();
        Graph graph = view.graph();
        if (names.size() <= MAX_EDGES) {
            g.setStroke(Color.web("#7c8797"));
            g.setLineWidth(1);
            for (String n : names) {
                for (Edge e : graph.outputs(n)) {
                    Box a = view.shown.of(e.from());
                    Box b = view.shown.of(e.to());
                    if (a == null || b == null || a == b) {
                        continue;
                    }
                    Point p = geo.output(a);
                    Point q = geo.input(b, 0, 1);
                    g.strokeLine(p.x() * z + tx, p.y() * z + ty, q.x() * z + tx, q.y() * z + ty);
                }
            }
        }
        Color plain = Color.web("#6366f1");
        Color chosen = Color.web("#f59e0b");
        for (String n : names) {
            if (view.hidden(n)) {
                continue;
            }
            Box b = view.boxes.box(n);
            g.setFill(view.selectedNames().contains(n) ? chosen : plain);
            g.fillRect(b.x() * z + tx, b.y() * z + ty, Math.max(1, b.width() * z), Math.max(1, b.height() * z));
        }
    }
}
