package org.blockscope.app.explain;

import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import org.blockscope.app.inspect.FxImages;
import org.blockscope.app.inspect.Pixels;

/** The validation images of the confusion-matrix cell last clicked, with the probability given to the prediction. */
public final class ConfusionExamplesView extends VBox {

    private final ConfusionExamplesViewModel vm;
    private final Label title = new Label("Click a cell of the confusion matrix to see its validation images.");
    private final FlowPane images = new FlowPane(6, 6);

    public ConfusionExamplesView(ConfusionExamplesViewModel vm) {
        this.vm = vm;
        getStyleClass().addAll("confusion-examples", "explain-view");
        ExplainWorkspace.style(this);
        setId("confusion-examples");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("message");
        images.setPrefWrapLength(640);
        setSpacing(4);
        getChildren().addAll(title, message, images);
        vm.cellProperty().addListener((o, a, b) -> show(b));
    }

    public ConfusionExamplesViewModel viewModel() {
        return vm;
    }

    public FlowPane images() {
        return images;
    }

    private void show(ConfusionExamplesViewModel.Cell c) {
        images.getChildren().clear();
        if (c == null) {
            return;
        }
        title.setText(c.title());
        for (ConfusionExamplesViewModel.Example e : c.examples()) {
            VBox v = new VBox(
                    2,
                    FxImages.view(
                            Pixels.photo(e.pixels(), e.shape()),
                            e.shape().width(),
                            e.shape().height(),
                            44),
                    new Label(String.format(Locale.ROOT, "%.0f%%", 100 * e.confidence())));
            v.setAlignment(Pos.CENTER);
            Tooltip.install(v, new Tooltip("validation image " + e.index()));
            images.getChildren().add(v);
        }
        if (c.examples().isEmpty()) {
            images.getChildren().add(new Label("no image in this cell"));
        }
    }
}
