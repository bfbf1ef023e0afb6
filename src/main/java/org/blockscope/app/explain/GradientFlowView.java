package org.blockscope.app.explain;

import java.util.Locale;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.blockscope.engine.explain.FlowSnapshot;

/**
 * How gradients flow in a run: the heat strip (layers × iterations), the same as lines, the dead ReLU
 * share and a layer's weight histograms per epoch; with "compare", two runs side by side on one scale.
 */
public final class GradientFlowView extends BorderPane {

    static final double W = 380;
    private final GradientFlowViewModel vm;
    private final HBox columns = new HBox(16);
    private final Label message = new Label();
    private final ComboBox<String> layer = new ComboBox<>();

    public GradientFlowView(GradientFlowViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("gradient-flow", "explain-view");
        ExplainWorkspace.style(this);
        ComboBox<GradientFlowViewModel.RunFlow> a = new ComboBox<>(vm.runs());
        a.valueProperty().bindBidirectional(vm.runAProperty());
        a.setId("flow-run-a");
        CheckBox compare = new CheckBox("compare with");
        compare.selectedProperty().bindBidirectional(vm.compareProperty());
        compare.setId("flow-compare");
        ComboBox<GradientFlowViewModel.RunFlow> b = new ComboBox<>(vm.runs());
        b.valueProperty().bindBidirectional(vm.runBProperty());
        b.disableProperty().bind(compare.selectedProperty().not());
        ComboBox<GradientFlowViewModel.Metric> metric =
                new ComboBox<>(FXCollections.observableArrayList(GradientFlowViewModel.Metric.values()));
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        layer.valueProperty().bindBidirectional(vm.histogramLayerProperty());
        layer.setPromptText("layer");
        FlowPane controls = new FlowPane(
                8, 4, new Label("Run:"), a, compare, b, new Label("Show:"), metric, new Label("Histograms of:"), layer);
        controls.setAlignment(Pos.CENTER_LEFT); // wraps on narrow windows
        message.setWrapText(true);
        message.getStyleClass().add("caption");
        VBox body = new VBox(8, controls, message, columns);
        body.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.revisionProperty().addListener((o, x, y) -> redraw());
        redraw();
    }

    public GradientFlowViewModel viewModel() {
        return vm;
    }

    public HBox columns() {
        return columns;
    }

    private void redraw() {
        var shown = vm.shown();
        columns.getChildren().clear();
        if (shown.isEmpty()) {
            message.setText("Start a run in the Training tab: its gradients are followed here while it trains.");
            return;
        }
        FlowSnapshot first = shown.get(0).snapshot();
        var names = FlowSeries.layerNames(first);
        if (!layer.getItems().equals(names)) {
            layer.getItems().setAll(names);
        }
        String chosen = vm.histogramLayerProperty().get();
        if ((chosen == null || !names.contains(chosen)) && !names.isEmpty()) {
            vm.histogramLayerProperty().set(names.get(0));
            return; // the change redraws
        }
        FlowSeries.Range range = vm.range();
        StringBuilder text = new StringBuilder();
        for (GradientFlowViewModel.RunFlow r : shown) {
            double ratio =
                    FlowSeries.firstToLast(r.snapshot(), vm.metricProperty().get());
            if (!Double.isNaN(ratio)) {
                text.append(String.format(
                        Locale.ROOT,
                        "%s: first layer / last layer = %.3g (median over %d samples).  ",
                        r,
                        ratio,
                        r.snapshot().samples().size()));
            }
        }
        message.setText(text.toString());
        boolean two = shown.size() == 2;
        for (GradientFlowViewModel.RunFlow r : shown) {
            FlowSnapshot s = r.snapshot();
            Canvas strip = new Canvas(W, Math.max(150, 52 + 9 * s.layers().size()));
            FlowCharts.heatStrip(strip, s, vm.metricProperty().get(), range);
            Canvas lines = new Canvas(W, 190);
            FlowCharts.lines(lines, s, vm.metricProperty().get(), range);
            Canvas dead = new Canvas(W, Math.max(110, 40 + 11 * s.reluPaths().size()));
            FlowCharts.deadBars(dead, s);
            Canvas hist = new Canvas(W, 170);
            FlowCharts.histograms(hist, s, vm.histogramLayerProperty().get());
            Label title = new Label(r.toString());
            title.getStyleClass().add("section-title");
            if (two) {
                columns.getChildren().add(new VBox(6, title, strip, lines, dead, hist));
            } else {
                FlowPane wrap = new FlowPane(12, 12, strip, lines, dead, hist);
                wrap.setPrefWrapLength(2 * W + 12);
                columns.getChildren().add(new VBox(6, title, wrap));
            }
        }
    }
}
