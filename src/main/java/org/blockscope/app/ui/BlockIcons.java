package org.blockscope.app.ui;

import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.SVGPath;
import javafx.scene.shape.Shape;
import org.blockscope.app.model.BlockColours;
import org.blockscope.block.BlockKind;

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
        return switch (k) {
            case INPUT -> new Shape[] {rect(4, 5, 12, 10), line(4, 14, 9, 9, 12, 12, 14, 10, 16, 13)};
            case CONV2D -> grid(5, 5, 3, 3.4);
            case DEPTHWISE_CONV2D -> new Shape[] {rect(4, 8, 8, 8), rect(6, 6, 8, 8), rect(8, 4, 8, 8)};
            case BATCH_NORM -> new Shape[] {path("M3 15 C7 15 8 4 10 4 C12 4 13 15 17 15")};
            case ACTIVATION -> new Shape[] {line(3, 14, 10, 14, 17, 5)};
            case MAX_POOL, AVG_POOL ->
                new Shape[] {
                    rect(3, 4, 8, 8),
                    line(12, 8, 15, 8),
                    rect(15, 7, 3, 3),
                    k == BlockKind.MAX_POOL ? line(5, 10, 7, 6, 9, 10) : line(5, 8, 9, 8)
                };
            case GLOBAL_AVG_POOL -> new Shape[] {rect(3, 4, 8, 11), line(12, 10, 15, 10), dot(16.5, 10)};
            case FLATTEN -> new Shape[] {rect(4, 4, 6, 6), line(11, 7, 13, 12), rect(3, 13, 14, 3)};
            case FULLY_CONNECTED ->
                new Shape[] {
                    dot(5, 6),
                    dot(5, 14),
                    dot(15, 5),
                    dot(15, 10),
                    dot(15, 15),
                    line(5, 6, 15, 5),
                    line(5, 6, 15, 15),
                    line(5, 14, 15, 5),
                    line(5, 14, 15, 15),
                    line(5, 6, 15, 10),
                    line(5, 14, 15, 10)
                };
            case DROPOUT ->
                new Shape[] {dot(6, 6), dot(14, 6), dot(10, 10), dot(6, 14), ring(14, 14), ring(10, 6 + 0.01)};
            case ADD -> new Shape[] {line(10, 4, 10, 16), line(4, 10, 16, 10)};
            case CONCAT -> new Shape[] {rect(4, 4, 12, 5), rect(4, 11, 12, 5)};
            case SCALE -> new Shape[] {line(5, 5, 15, 15), line(15, 5, 5, 15)};
            case CHANNEL_SHUFFLE -> new Shape[] {line(4, 6, 16, 14), line(4, 14, 16, 6), line(4, 10, 16, 10)};
            case CLASSIFIER -> new Shape[] {rect(4, 11, 3, 5), rect(8.5, 5, 3, 11), rect(13, 9, 3, 7)};
            case INCEPTION, AUX_CLASSIFIER ->
                new Shape[] {
                    line(10, 3, 10, 6),
                    line(10, 6, 5, 10),
                    line(10, 6, 10, 10),
                    line(10, 6, 15, 10),
                    dot(5, 12),
                    dot(10, 12),
                    dot(15, 12),
                    line(5, 13, 10, 17, 15, 13)
                };
            case RESIDUAL, RESNEXT, MBCONV, SHUFFLE_UNIT ->
                new Shape[] {
                    rect(7, 3, 6, 5), rect(7, 12, 6, 5), line(10, 8, 10, 12), path("M13 5.5 C18 5.5 18 14.5 13 14.5")
                };
            case DENSE_BLOCK, TRANSITION ->
                new Shape[] {rect(3, 4, 3, 12), rect(8, 4, 3, 12), rect(13, 4, 4, 12), path("M4.5 4 C4.5 1 14 1 14 4")};
            case SE ->
                new Shape[] {rect(3, 5, 6, 10), line(9, 10, 12, 10), dot(13.5, 10), path("M15 10 C17 10 17 4 6 4")};
            case SEPARABLE_CONV -> new Shape[] {rect(3, 6, 6, 8), line(9, 10, 12, 10), rect(12, 8, 5, 4)};
            case VGG_STAGE -> new Shape[] {rect(3, 5, 4, 10), rect(8, 5, 4, 10), rect(13, 7, 3, 6)};
            case GROUP, PORT -> new Shape[] {dashed(rect(4, 4, 12, 12))};
        };
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
