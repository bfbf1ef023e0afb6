package org.blockscope.app.ui;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.Numbers;
import org.blockscope.cost.Cost;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;

/**
 * "New from template": every template with its description, source and size. Parameter and MAC
 * counts are computed in the background the first time and remembered.
 */
public final class TemplateGallery {

    private static final Map<String, Cost> COSTS = new ConcurrentHashMap<>();

    private TemplateGallery() {}

    public static Optional<Template> choose(Window owner) {
        ListView<Template> list = new ListView<>(FXCollections.observableArrayList(Templates.all()));
        list.setId("template-list");
        list.setPrefSize(620, 520);
        list.setCellFactory(v -> new TemplateCell());
        list.getSelectionModel().selectFirst();
        Thread worker = new Thread(
                () -> {
                    for (Template t : Templates.all()) {
                        COSTS.computeIfAbsent(
                                t.id(), id -> NetworkAnalysis.of(t.graph()).total());
                        Platform.runLater(list::refresh);
                    }
                },
                "template-costs");
        worker.setDaemon(true);
        worker.start();

        Dialog<Template> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("New from template");
        d.setHeaderText("Start from a classic network");
        d.getDialogPane().setId("template-gallery");
        d.getDialogPane().setContent(list);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (owner != null && owner.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        list.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY
                    && e.getClickCount() == 2
                    && list.getSelectionModel().getSelectedItem() != null) {
                d.setResult(list.getSelectionModel().getSelectedItem());
                d.close();
            }
        });
        d.setResultConverter(b -> b == ButtonType.OK ? list.getSelectionModel().getSelectedItem() : null);
        return d.showAndWait();
    }

    private static final class TemplateCell extends ListCell<Template> {
        @Override
        protected void updateItem(Template t, boolean empty) {
            super.updateItem(t, empty);
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            Label title = new Label(t.title() + (t.classroom() ? "   · classroom" : ""));
            title.getStyleClass().add("template-title");
            Label desc = new Label(t.description());
            desc.setWrapText(true);
            Cost c = COSTS.get(t.id());
            Label size = new Label(
                    c == null
                            ? "counting…"
                            : Numbers.grouped(c.params()) + " params   ·   " + Numbers.compact(c.macs())
                                    + "MACs per image" + (t.reference().isEmpty() ? "" : "   ·   " + t.reference()));
            size.getStyleClass().add("template-size");
            VBox box = new VBox(2, title, desc, size);
            box.setPadding(new Insets(4, 2, 4, 2));
            setGraphic(box);
        }
    }
}
