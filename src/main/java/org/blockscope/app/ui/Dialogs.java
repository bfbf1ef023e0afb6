package org.blockscope.app.ui;

import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.Window;

/** The app's few standard dialogs, styled like the window. */
public final class Dialogs {

    public static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.YES);
    public static final ButtonType DONT_SAVE = new ButtonType("Don't save", ButtonBar.ButtonData.NO);

    public enum Answer {
        SAVE,
        DISCARD,
        CANCEL
    }

    private Dialogs() {}

    static Alert alert(
            Window owner, Alert.AlertType type, String title, String header, String text, ButtonType... buttons) {
        Alert a = buttons.length == 0 ? new Alert(type) : new Alert(type, "", buttons);
        a.initOwner(owner);
        a.setTitle(title);
        a.setHeaderText(header);
        Label content = new Label(text);
        content.setWrapText(true);
        content.setId("dialog-message");
        content.setMaxWidth(560);
        a.getDialogPane().setContent(content);
        a.getDialogPane().getStyleClass().add("blockscope-dialog");
        if (owner != null && owner.getScene() != null) {
            a.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
            if (owner.getScene().getRoot().getStyleClass().contains(MainWindow.PRESENTER_CLASS)) {
                a.getDialogPane().getStyleClass().add(MainWindow.PRESENTER_CLASS);
            }
        }
        return a;
    }

    public static void error(Window owner, String header, String message) {
        Alert a = alert(owner, Alert.AlertType.ERROR, "Blockscope", header, message);
        a.getDialogPane().setId("error-dialog");
        a.showAndWait();
    }

    public static Answer unsavedChanges(Window owner, String fileName) {
        Alert a = alert(
                owner,
                Alert.AlertType.CONFIRMATION,
                "Unsaved changes",
                "Save the changes to " + fileName + "?",
                "If you don't save, your changes will be lost.",
                SAVE,
                DONT_SAVE,
                ButtonType.CANCEL);
        a.getDialogPane().setId("unsaved-dialog");
        Optional<ButtonType> r = a.showAndWait();
        if (r.isEmpty() || r.get() == ButtonType.CANCEL) {
            return Answer.CANCEL;
        }
        return r.get() == SAVE ? Answer.SAVE : Answer.DISCARD;
    }

    public static boolean confirm(Window owner, String header, String text, String yes, String no) {
        ButtonType y = new ButtonType(yes, ButtonBar.ButtonData.YES);
        ButtonType n = new ButtonType(no, ButtonBar.ButtonData.NO);
        Alert a = alert(owner, Alert.AlertType.CONFIRMATION, "Blockscope", header, text, y, n);
        return a.showAndWait().filter(b -> b == y).isPresent();
    }

    public static void info(Window owner, String header, String text) {
        alert(owner, Alert.AlertType.INFORMATION, "Blockscope", header, text).showAndWait();
    }
}
