package org.blockscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import org.blockscope.app.model.BlockColours;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Glyph;

/** Small 20×20 vector icons, one idea per kind, drawn in code in the kind's category colour. */
public final class BlockIcons {

    static final double SIZE = 20;

    private BlockIcons() {}

    public static Node of(BlockKind k) {
        Color ink = Color.web(BlockColours.stroke(k.category()));
        Rectangle tile = new Rectangle(SIZE, SIZE);
        tile.setArcWidth(6);
        tile.setArcHeight(6);
        tile.setFill(Color.web(BlockColours.fill(k.category())));
        tile.setStroke(ink);
        tile.setStrokeWidth(1);
        Group g = new Group(tile);
        for (Shape s : marks(k)) {
            if (s.getFill() == Color.BLACK) {
                s.setFill(null);
            }
            if (s.getStroke() == null) {
                s.setStroke(ink);
            }
            s.setStrokeWidth(s.getStrokeWidth() == 1 ? 1.4 : s.getStrokeWidth());
            g.getChildren().add(s);
        }
        g.getStyleClass().add("block-icon");
        return g;
    }

    private static Shape[] marks(BlockKind k) {
        List<Shape> shapes = new ArrayList<>();
        for (Glyph.Mark m : Glyph.parse(k.glyph())) {
            double[] v = m.numbers();
            switch (m.type()) {
                case RECT -> shapes.add(rect(v[0], v[1], v[2], v[3]));
                case DASHED -> shapes.add(dashed(rect(v[0], v[1], v[2], v[3])));
                case LINE -> shapes.add(line(v));
                case DOT -> shapes.add(dot(v[0], v[1]));
                case RING -> shapes.add(ring(v[0], v[1]));
                case GRID -> shapes.addAll(List.of(grid(v[0], v[1], (int) v[2], v[3])));
                case PATH -> shapes.add(path(m.path()));
            }
        }
        return shapes.toArray(Shape[]::new);
    }

    private static Shape[] grid(double x, double y, int n, double cell) {
        Shape[] s = new Shape[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i * n + j] = rect(x + i * cell, y + j * cell, cell, cell);
            }
        }
        return s;
    }

    private static Rectangle rect(double x, double y, double w, double h) {
        Rectangle r = new Rectangle(x, y, w, h);
        r.setFill(Color.BLACK); // becomes "no fill" in of()
        return r;
    }

    private static Polyline line(double... xy) {
        Polyline p = new Polyline(xy);
        p.setFill(null);
        return p;
    }

    private static Circle dot(double x, double y) {
        Circle c = new Circle(x, y, 1.6);
        c.setStroke(null);
        c.setFill(Color.web("#37474f"));
        return c;
    }

    private static Circle ring(double x, double y) {
        Circle c = new Circle(x, y, 1.6);
        c.setFill(Color.WHITE);
        return c;
    }

    private static SVGPath path(String d) {
        SVGPath p = new SVGPath();
        p.setContent(d);
        p.setFill(Color.BLACK);
        return p;
    }

    private static Shape dashed(Shape s) {
        s.getStrokeDashArray().setAll(2.0, 2.0);
        return s;
    }
}
