package org.blockscope.app.inspect;

import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/**
 * Feature maps of the node selected on the canvas for the probe image: its input next to its
 * output channels (click one to enlarge), live while training; and the first conv's filters.
 */
public final class FeatureMapView extends BorderPane {

    private final FeatureMapViewModel vm;
    private final InspectionModel inspection;
    private final ChannelGridView output = new ChannelGridView();
    private final ChannelGridView input = new ChannelGridView();
    private final BorderPane enlarged = new BorderPane();
    private final TilePane filterTiles = new TilePane(3, 3);
    private final Label filterTitle = new Label();

    public FeatureMapView(InspectionModel inspection) {
        this.vm = new FeatureMapViewModel(inspection);
        this.inspection = inspection;
        getStyleClass().add("feature-map-view");
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        input.setMaxTiles(16);
        output.setOnTileClicked(c -> vm.enlargedProperty().set(c));
        FlowPane maps = new FlowPane(16, 8, input, output, enlarged);
        maps.setAlignment(javafx.geometry.Pos.TOP_LEFT);

        filterTiles.setPrefColumns(16);
        filterTitle.setWrapText(true);
        VBox filters = new VBox(4, filterTitle, filterTiles);
        filters.setPadding(new Insets(4));
        TitledPane filterPane = new TitledPane("First-layer filters", filters);
        filterPane.setExpanded(true);
        VBox body = new VBox(8, message, maps, filterPane);
        body.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setTop(new ProbeBar(inspection));
        setCenter(scroll);
        vm.mapsProperty().addListener((o, a, b) -> showMaps());
        vm.enlargedProperty().addListener((o, a, b) -> showEnlarged());
        vm.filtersProperty().addListener((o, a, b) -> showFilters());
        inspection.editor().presenterModeProperty().addListener((o, a, b) -> {
            showMaps();
            showFilters();
        });
        showMaps();
        showFilters();
    }

    /** Presenter mode shows every picture 1.5 times larger. */
    private double scale() {
        return inspection.editor().presenterModeProperty().get() ? 1.5 : 1;
    }

    public FeatureMapViewModel viewModel() {
        return vm;
    }

    /** The output tiles (one per channel). */
    public TilePane outputTiles() {
        return output.tiles();
    }

    private void showMaps() {
        FeatureMapViewModel.Maps m = vm.mapsProperty().get();
        if (m == null) {
            output.show("", null, 0);
            input.show("", null, 0);
            enlarged.setCenter(null);
            return;
        }
        double size = scale()
                * (m.output().isVector()
                        ? 12
                        : Math.max(
                                36, Math.min(84, 1200.0 / Math.sqrt(m.output().channels()) / 3)));
        output.show(
                "Output of '" + m.node() + "' (" + m.output().path() + "): "
                        + m.output().channels() + " channel" + (m.output().channels() == 1 ? "" : "s"),
                m.output(),
                size);
        input.show(
                m.input() == null
                        ? "Input: (this is the network's input)"
                        : "Input (" + m.input().path() + ")",
                m.input(),
                48 * scale());
        showEnlarged();
    }

    private void showEnlarged() {
        FeatureMapViewModel.Maps m = vm.mapsProperty().get();
        int c = vm.enlargedProperty().get();
        if (m == null || c < 0 || c >= m.output().channels() || m.output().isVector()) {
            enlarged.setCenter(null);
            return;
        }
        enlarged.setCenter(ChannelGridView.enlarged(m.output(), c, 220 * scale()));
    }

    private void showFilters() {
        FilterTiles f = vm.filtersProperty().get();
        filterTiles.getChildren().clear();
        if (f == null) {
            filterTitle.setText("No plain convolution in this network.");
            return;
        }
        filterTitle.setText(f.filters() + " filters of '" + f.path() + "', " + f.k() + "×" + f.k()
                + (f.rgb() ? " RGB" : f.inChannels() == 1 ? " grey" : " (input channel 0 of " + f.inChannels() + ")")
                + "; grey = 0, brighter = positive weight, darker = negative");
        for (int i = 0; i < f.filters(); i++) {
            filterTiles.getChildren().add(FxImages.view(f.tile(i), f.k(), f.k(), 40 * scale()));
        }
    }
}
