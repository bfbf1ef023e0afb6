package org.blockscope.app.inspect;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * Deformable sampling: the probe image with the regular k×k grid of one output position (hollow) and
 * the points its learned offsets moved the taps to (filled; fainter where the v2 mask is small).
 * Click the image to choose the output position.
 */
public final class DeformSamplingView extends BorderPane {

    static final double SIZE = 336;

    private final DeformSamplingViewModel vm;
    private final Canvas canvas = new Canvas(SIZE, SIZE);

    public DeformSamplingView(InspectionModel inspection) {
        this.vm = new DeformSamplingViewModel(inspection);
        getStyleClass().add("deform-sampling-view");
        ComboBox<String> conv = new ComboBox<>(vm.convs());
        conv.valueProperty().bindBidirectional(vm.convProperty());
        Spinner<Integer> row = new Spinner<>(0, 4096, 0);
        Spinner<Integer> col = new Spinner<>(0, 4096, 0);
        row.setPrefWidth(80);
        col.setPrefWidth(80);
        row.valueProperty().addListener((o, a, b) -> vm.rowProperty().set(b));
        col.valueProperty().addListener((o, a, b) -> vm.columnProperty().set(b));
        HBox controls = new HBox(
                8, new Label("Deformable conv:"), conv, new Label("output row"), row, new Label("column"), col);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        Label text = new Label();
        text.setWrapText(true);
        Label explain = new Label("Hollow: the regular grid of the chosen output position. Filled: where each tap "
                + "actually read the input after its learned offset. Click the image to pick another position.");
        explain.setWrapText(true);
        canvas.setOnMouseClicked(e -> {
            var p = vm.pictureProperty().get();
            if (p != null) {
                vm.pointAt(
                        e.getY() / SIZE * p.probe().shape().height() - 0.5,
                        e.getX() / SIZE * p.probe().shape().width() - 0.5);
            }
        });
        vm.pictureProperty().addListener((o, a, b) -> {
            text.setText(b == null ? "" : b.text());
            draw(b);
        });
        VBox body = new VBox(8, controls, message, explain, canvas, text);
        body.setPadding(new Insets(8));
        setTop(new ProbeBar(inspection));
        setCenter(new ScrollPane(body));
        draw(vm.pictureProperty().get());
    }

    public DeformSamplingViewModel viewModel() {
        return vm;
    }

    public Canvas canvas() {
        return canvas;
    }

    private void draw(DeformSamplingViewModel.Picture p) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#eee"));
        g.fillRect(0, 0, SIZE, SIZE);
        if (p == null) {
            return;
        }
        var shape = p.probe().shape();
        int h = shape.height();
        int w = shape.width();
        double cy = SIZE / h;
        double cx = SIZE / w;
        float[] px = p.probe().pixels();
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                g.setFill(
                        shape.channels() >= 3
                                ? Color.color(clamp(px[i]), clamp(px[plane + i]), clamp(px[2 * plane + i]))
                                : Color.gray(clamp(px[i])));
                g.fillRect(x * cx, y * cy, cx + 0.5, cy + 0.5);
            }
        }
        for (DeformSampling.Tap t : p.taps()) {
            double gx = (t.gridX() + 0.5) * cx;
            double gy = (t.gridY() + 0.5) * cy;
            double sx = (t.x() + 0.5) * cx;
            double sy = (t.y() + 0.5) * cy;
            g.setStroke(Color.web("#ffcc00"));
            g.setLineWidth(1.5);
            g.strokeLine(gx, gy, sx, sy);
            g.strokeOval(gx - 4, gy - 4, 8, 8);
            g.setFill(Color.web("#ff3030", 0.25 + 0.75 * clamp(t.mask())));
            g.fillOval(sx - 5, sy - 5, 10, 10);
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
