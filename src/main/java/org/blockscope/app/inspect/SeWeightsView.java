package org.blockscope.app.inspect;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.blockscope.engine.inspect.FeatureMapImages;

/** SE excitations: one bar per channel for the probe (live while training), and the class × channel heat map. */
public final class SeWeightsView extends BorderPane {

    private final SeWeightsViewModel vm;
    private final HBox bars = new HBox(1);
    private final Canvas heat = new Canvas(10, 10);
    private final Label heatTitle = new Label();

    public SeWeightsView(InspectionModel inspection) {
        this.vm = new SeWeightsViewModel(inspection);
        getStyleClass().add("se-weights-view");
        ComboBox<String> block = new ComboBox<>(vm.blocks());
        block.valueProperty().bindBidirectional(vm.blockProperty());
        CheckBox sorted = new CheckBox("Sorted (largest first)");
        sorted.selectedProperty().bindBidirectional(vm.sortedProperty());
        Button perClass = new Button("Per-class map over the validation set");
        perClass.setOnAction(e -> vm.computePerClass());
        HBox controls = new HBox(10, new Label("SE block:"), block, sorted, perClass);
        controls.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        Label explain = new Label("Excitation: the weight in 0..1 that this SE block gives each channel for the probe "
                + "image (1 = keep, 0 = suppress).");
        explain.setWrapText(true);
        bars.setAlignment(Pos.BOTTOM_LEFT);
        bars.setMinHeight(170);
        bars.setPrefHeight(170);
        bars.getStyleClass().add("se-bars");
        VBox body = new VBox(8, controls, message, explain, bars, heatTitle, heat);
        body.setPadding(new Insets(8));
        setTop(new ProbeBar(inspection));
        setCenter(new ScrollPane(body));
        vm.barsProperty().addListener((o, a, b) -> showBars(b));
        vm.heatMapProperty().addListener((o, a, b) -> showHeat(b));
        showBars(vm.barsProperty().get());
        showHeat(vm.heatMapProperty().get());
    }

    public SeWeightsViewModel viewModel() {
        return vm;
    }

    /** One node per bar. */
    public HBox bars() {
        return bars;
    }

    private void showBars(List<SeWeightsViewModel.Bar> list) {
        bars.getChildren().clear();
        double w = list.isEmpty() ? 10 : Math.max(3, Math.min(28, 900.0 / list.size() - 1));
        for (SeWeightsViewModel.Bar b : list) {
            Rectangle r = new Rectangle(w, Math.max(1, 150 * b.value()));
            r.setFill(Color.rgb(
                    FeatureMapImages.colour((float) b.value()) >> 16 & 0xFF,
                    FeatureMapImages.colour((float) b.value()) >> 8 & 0xFF,
                    FeatureMapImages.colour((float) b.value()) & 0xFF));
            Label l = new Label(Integer.toString(b.channel()));
            l.getStyleClass().add("bar-label");
            l.setMinWidth(Region.USE_PREF_SIZE);
            VBox cell = new VBox(1, r, w >= 14 ? l : new Region());
            cell.setAlignment(Pos.BOTTOM_CENTER);
            javafx.scene.control.Tooltip.install(
                    cell,
                    new javafx.scene.control.Tooltip(
                            String.format(Locale.ROOT, "channel %d: %.3f", b.channel(), b.value())));
            bars.getChildren().add(cell);
        }
    }

    private void showHeat(SeWeightsViewModel.PerClass p) {
        GraphicsContext g = heat.getGraphicsContext2D();
        if (p == null) {
            heatTitle.setText("");
            heat.setWidth(10);
            heat.setHeight(10);
            g.clearRect(0, 0, 10, 10);
            return;
        }
        heatTitle.setText("Mean excitation per class (rows) and channel (columns) of " + p.block()
                + " over the validation set — colour scale 0 (dark) to 1 (yellow)");
        int rows = p.means().length;
        int cols = rows == 0 ? 0 : p.means()[0].length;
        double cell = Math.max(4, Math.min(22, 900.0 / Math.max(1, cols)));
        double left = 80;
        heat.setWidth(left + cols * cell + 4);
        heat.setHeight(rows * cell + 20);
        g.clearRect(0, 0, heat.getWidth(), heat.getHeight());
        g.setFill(Color.web("#333"));
        for (int r = 0; r < rows; r++) {
            String name = r < p.classNames().size() ? p.classNames().get(r) : "class " + r;
            g.fillText(name, 2, r * cell + cell * 0.75);
            for (int c = 0; c < cols; c++) {
                double v = p.means()[r][c];
                int rgb = FeatureMapImages.colour(Double.isNaN(v) ? 0 : (float) v);
                g.setFill(Double.isNaN(v) ? Color.LIGHTGREY : Color.rgb(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF));
                g.fillRect(left + c * cell, r * cell, cell - 1, cell - 1);
            }
            g.setFill(Color.web("#333"));
        }
        g.fillText("channel 0 … " + (cols - 1), left, rows * cell + 14);
    }
}
