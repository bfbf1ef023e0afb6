package org.blockscope.app.inspect;

import java.util.function.BiConsumer;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.graph.Shape;

/**
 * The probe image with the receptive field of one output value outlined: what the value under the mouse
 * (on a feature map elsewhere) sees of the image, clipped at the borders.
 */
public final class ReceptiveFieldPane extends VBox {

    private final ImageView photo = new ImageView();
    private final Rectangle box = new Rectangle();
    private final Label caption =
            new Label("Hover the node's output: what that value sees of the image is outlined here.");
    private final double size;
    private Shape shape;

    public ReceptiveFieldPane(double size) {
        this.size = size;
        getStyleClass().add("receptive-field");
        photo.setSmooth(false);
        box.setFill(Color.TRANSPARENT);
        box.setStroke(Color.web("#ff2d55"));
        box.setStrokeWidth(2);
        box.setVisible(false);
        box.setManaged(false);
        Pane stack = new Pane(photo, box);
        stack.setPrefSize(size, size);
        stack.setMinSize(size, size);
        stack.setMaxSize(size, size);
        caption.setWrapText(true);
        caption.setMaxWidth(size);
        caption.getStyleClass().add("caption");
        setSpacing(4);
        getChildren().addAll(stack, caption);
    }

    /** The image the rectangles lie on: pixels in [0, 1], C×H×W. */
    public void showImage(float[] pixels, Shape s) {
        shape = s;
        ImageView v = FxImages.view(Pixels.photo(pixels, s), s.width(), s.height(), size);
        photo.setImage(v.getImage());
        photo.setFitWidth(v.getFitWidth());
        photo.setFitHeight(v.getFitHeight());
        box.setVisible(false);
    }

    /** Outlines input pixels {@code r} and says what they are. */
    public void outline(ReceptiveFields.Rect r, String what) {
        if (shape == null || r == null) {
            box.setVisible(false);
            return;
        }
        double s = scale();
        box.setX(r.x0() * s);
        box.setY(r.y0() * s);
        box.setWidth(r.width() * s);
        box.setHeight(r.height() * s);
        box.setVisible(true);
        caption.setText(what + " sees input pixels x " + r.x0() + "–" + r.x1() + ", y " + r.y0() + "–" + r.y1() + " ("
                + r.width() + "×" + r.height() + ")");
    }

    /** Screen pixels per image pixel. */
    public double scale() {
        return shape == null ? 0 : photo.getFitWidth() / shape.width();
    }

    public void clear() {
        box.setVisible(false);
    }

    public Rectangle outlineShape() {
        return box;
    }

    /**
     * Calls {@code at(y, x)} with the map position under the mouse on {@code view}, which shows a map of
     * {@code h × w} values, and {@code at(-1, -1)} when the mouse leaves.
     */
    public static void onHover(ImageView view, int h, int w, BiConsumer<Integer, Integer> at) {
        view.setOnMouseMoved(e -> {
            double cw = view.getBoundsInLocal().getWidth() / w;
            double ch = view.getBoundsInLocal().getHeight() / h;
            int x = Math.min(w - 1, Math.max(0, (int) (e.getX() / cw)));
            int y = Math.min(h - 1, Math.max(0, (int) (e.getY() / ch)));
            at.accept(y, x);
        });
        view.setOnMouseExited(e -> at.accept(-1, -1));
    }
}
