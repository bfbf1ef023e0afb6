package org.blockscope.app.explain;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import org.blockscope.app.inspect.FxImages;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.Pixels;
import org.blockscope.engine.explain.TopPatches;
import org.blockscope.graph.Shape;

/** Per channel of a node, a 3×3 grid of the validation patches that excite it most. */
public final class TopPatchesView extends BorderPane {

    static final double TILE = 34;
    private final TopPatchesViewModel vm;
    private final FlowPane cards = new FlowPane(10, 10);
    private final Label summary = new Label();

    public TopPatchesView(InspectionModel inspection, java.util.concurrent.Executor ui) {
        this.vm = new TopPatchesViewModel(inspection, ui);
        getStyleClass().addAll("top-patches", "explain-view");
        ExplainWorkspace.style(this);
        ComboBox<String> node = new ComboBox<>(vm.nodes());
        node.valueProperty().bindBidirectional(vm.nodeProperty());
        node.setId("top-patches-node");
        Button find = new Button("Find top " + TopPatchesViewModel.K + " patches");
        find.setId("top-patches-find");
        find.setOnAction(e -> vm.find());
        find.disableProperty().bind(vm.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> vm.cancel());
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setPrefWidth(160);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        progress.managedProperty().bind(progress.visibleProperty());
        message.setWrapText(true);
        Label nodeLabel = new Label("Node:");
        for (javafx.scene.control.Control c : List.of(nodeLabel, node, find, cancel)) {
            c.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // wrap onto a new line, never cut
        }
        javafx.scene.layout.FlowPane controls =
                new javafx.scene.layout.FlowPane(8, 6, nodeLabel, node, find, cancel, progress);
        controls.setAlignment(Pos.CENTER_LEFT);
        summary.setWrapText(true);
        summary.getStyleClass().add("caption");
        cards.setPrefWrapLength(1000);
        VBox body = new VBox(8, controls, message, summary, cards);
        body.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        setCenter(scroll);
        vm.resultProperty().addListener((o, a, b) -> show(b));
        show(vm.resultProperty().get());
    }

    public TopPatchesViewModel viewModel() {
        return vm;
    }

    public FlowPane cards() {
        return cards;
    }

    private void show(TopPatches t) {
        cards.getChildren().clear();
        if (t == null) {
            summary.setText("");
            return;
        }
        TopPatches.Patch any = t.channels().stream()
                .flatMap(c -> c.patches().stream())
                .findFirst()
                .orElse(null);
        summary.setText(String.format(
                Locale.ROOT,
                "%s: for each of its %d channels, the %d of %d validation images where that channel's strongest"
                        + " value is highest, cropped to what that value sees (%s). Strongest first.",
                t.path(),
                t.channels().size(),
                t.k(),
                t.images(),
                any == null ? "" : any.rect().width() + "×" + any.rect().height() + " pixels away from the borders"));
        for (TopPatches.ChannelPatches c : t.channels()) {
            TilePane grid = new TilePane(2, 2);
            grid.setPrefColumns(3);
            for (TopPatches.Patch p : c.patches()) {
                int channels = p.crop().length / (p.rect().width() * p.rect().height());
                ImageView v = FxImages.view(
                        Pixels.photo(
                                p.crop(),
                                Shape.map(channels, p.rect().height(), p.rect().width())),
                        p.rect().width(),
                        p.rect().height(),
                        TILE);
                StackPane cell = new StackPane(v);
                cell.setPrefSize(TILE, TILE);
                Tooltip.install(
                        cell,
                        new Tooltip(String.format(
                                Locale.ROOT,
                                "validation image %d, value %.3g at (%d, %d)",
                                p.image(),
                                p.value(),
                                p.y(),
                                p.x())));
                grid.getChildren().add(cell);
            }
            float best = c.patches().isEmpty() ? 0 : c.patches().get(0).value();
            Label l = new Label(String.format(Locale.ROOT, "channel %d · max %.2g", c.channel(), best));
            l.getStyleClass().add("caption");
            VBox card = new VBox(3, l, grid);
            card.getStyleClass().add("patch-card");
            cards.getChildren().add(card);
        }
    }
}
