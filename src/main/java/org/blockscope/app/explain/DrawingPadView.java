package org.blockscope.app.explain;

import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;

/** Draw with the mouse; when the button is released the drawing goes to {@code onDrawn} (as a probe). */
public final class DrawingPadView extends VBox {

    private final DrawingPad pad;
    private final Canvas canvas;
    private double lastX;
    private double lastY;

    public DrawingPadView(DrawingPad pad, Consumer<float[]> onDrawn) {
        this.pad = pad;
        getStyleClass().add("drawing-pad");
        canvas = new Canvas(pad.width() * pad.scale(), pad.height() * pad.scale());
        canvas.setId("drawing-pad-canvas");
        clearCanvas();
        canvas.setOnMousePressed(e -> {
            lastX = e.getX();
            lastY = e.getY();
            draw(e.getX(), e.getY());
        });
        canvas.setOnMouseDragged(e -> draw(e.getX(), e.getY()));
        canvas.setOnMouseReleased(e -> {
            if (!pad.isEmpty()) {
                onDrawn.accept(pad.image());
            }
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> {
            pad.clear();
            clearCanvas();
        });
        Label hint = new Label("Draw a digit: it becomes the probe when you let go.");
        hint.setWrapText(true);
        hint.setMaxWidth(canvas.getWidth());
        hint.getStyleClass().add("caption");
        setSpacing(4);
        getChildren().addAll(canvas, new HBox(6, clear), hint);
    }

    public DrawingPad pad() {
        return pad;
    }

    public Canvas canvas() {
        return canvas;
    }

    private void draw(double x, double y) {
        pad.stroke(lastX, lastY, x, y);
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setStroke(Color.WHITE);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineWidth(2 * radius());
        g.strokeLine(lastX, lastY, x, y);
        lastX = x;
        lastY = y;
    }

    private double radius() {
        return canvas.getWidth() / pad.width() * BRUSH / 2;
    }

    static final double BRUSH = 2.6;

    private void clearCanvas() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.BLACK);
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    }
}
