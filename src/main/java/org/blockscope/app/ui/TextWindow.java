package org.blockscope.app.ui;

import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** A non-modal window that shows a lesson or the tutorial next to the editor. */
final class TextWindow {

    private TextWindow() {}

    static Stage show(Window owner, String title, String markdown) {
        VBox body = new VBox(6);
        body.setPadding(new Insets(12, 14, 16, 14));
        body.getStyleClass().add("explanation-body");
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("explanation");
        MarkdownView.render(body, markdown, scroll.widthProperty());
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(scroll, 480, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
            scene.getRoot().getStyleClass().addAll(owner.getScene().getRoot().getStyleClass());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }
}
