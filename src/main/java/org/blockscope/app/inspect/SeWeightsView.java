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
    private final InspectionModel inspection;
    private final Canvas axis = new Canvas(44, 170);
    private final Label xAxis = new Label();
    private final HBox bars = new HBox(1);
    private final Canvas heat = new Canvas(10, 10);
    private final Label heatTitle = new Label();

    public SeWeightsView(InspectionModel inspection) {
        this.vm = new SeWeightsViewModel(inspection);
        this.inspection = inspection;
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
        bars.getStyleClass().add("se-bars");
        xAxis.getStyleClass().add("hint");
        HBox chart = new HBox(4, axis, bars);
        chart.setAlignment(Pos.BOTTOM_LEFT);
        VBox body = new VBox(8, controls, message, explain, chart, xAxis, heatTitle, heat);
        body.setPadding(new Insets(8));
        setTop(new ProbeBar(inspection));
        setCenter(new ScrollPane(body));
        vm.barsProperty().addListener((o, a, b) -> showBars(b));
        vm.heatMapProperty().addListener((o, a, b) -> showHeat(b));
        inspection.editor().presenterModeProperty().addListener((o, a, b) -> {
            showBars(vm.barsProperty().get());
            showHeat(vm.heatMapProperty().get());
        });
        vm.sortedProperty().addListener((o, a, b) -> showBars(vm.barsProperty().get()));
        showBars(vm.barsProperty().get());
        showHeat(vm.heatMapProperty().get());
    }

    /** Presenter mode draws everything 1.5 times larger. */
    private double scale() {
        return inspection.editor().presenterModeProperty().get() ? 1.5 : 1;
    }

    /** The y axis of the bars: the excitation from 0 (suppress) to 1 (keep). */
    private void drawAxis(double plot, double labels, boolean any) {
        double f = scale();
        axis.setWidth(44 * f);
        axis.setHeight(plot + labels);
        GraphicsContext g = axis.getGraphicsContext2D();
        g.clearRect(0, 0, axis.getWidth(), axis.getHeight());
        if (!any) {
            return;
        }
        g.setFont(javafx.scene.text.Font.font(11 * f));
        g.setFill(Color.web("#333"));
        g.setStroke(Color.web("#888"));
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        g.setTextAlign(javafx.scene.text.TextAlignment.RIGHT);
        double x = axis.getWidth() - 1;
        g.strokeLine(x, 0, x, plot);
        for (double v : new double[] {0, 0.5, 1}) {
            double y = Math.min(plot - 0.5, Math.max(6 * f, plot * (1 - v)));
            g.strokeLine(x - 5, y, x, y);
            g.fillText(String.format(Locale.ROOT, "%.1f", v), x - 7, y);
        }
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
        double f = scale();
        double plot = 150 * f;
        double labels = 16 * f;
        drawAxis(plot, labels, !list.isEmpty());
        xAxis.setText(
                list.isEmpty()
                        ? ""
                        : "channel" + (vm.sortedProperty().get() ? " (sorted, largest weight first)" : "")
                                + " · height: the weight in 0..1");
        double w = list.isEmpty() ? 10 : Math.max(3, Math.min(28 * f, 900.0 * f / list.size() - 1));
        for (SeWeightsViewModel.Bar b : list) {
            Rectangle r = new Rectangle(w, Math.max(1, plot * b.value()));
            r.setFill(Color.rgb(
                    FeatureMapImages.colour((float) b.value()) >> 16 & 0xFF,
                    FeatureMapImages.colour((float) b.value()) >> 8 & 0xFF,
                    FeatureMapImages.colour((float) b.value()) & 0xFF));
            Label l = new Label(Integer.toString(b.channel()));
            l.getStyleClass().add("bar-label");
            l.setMinWidth(Region.USE_PREF_SIZE);
            Region spacer = new Region();
            spacer.setMinHeight(labels);
            spacer.setPrefHeight(labels);
            l.setMinHeight(labels);
            l.setPrefHeight(labels);
            VBox cell = new VBox(0, r, w >= 14 ? l : spacer);
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
