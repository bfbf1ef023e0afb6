package org.blockscope.app.train;

import java.io.File;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;
import org.blockscope.app.inspect.FxImages;

/** The data section: bundled sets or a folder, with counts per class, thumbnails and how images are prepared. */
final class DataPane extends VBox {

    DataPane(TrainingDataViewModel vm) {
        super(6);
        ComboBox<Path> sets = new ComboBox<>(FXCollections.observableArrayList(vm.bundledSets()));
        sets.setPromptText("bundled sample set");
        sets.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : "bundled: " + p.getFileName();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        sets.setValue(vm.dataFolderProperty().get());
        vm.dataFolderProperty()
                .addListener((o, a, b) -> sets.setValue(vm.bundledSets().contains(b) ? b : null));
        sets.setOnAction(e -> {
            if (sets.getValue() != null
                    && !sets.getValue().equals(vm.dataFolderProperty().get())) {
                vm.chooseData(sets.getValue());
            }
        });
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Images in class folders, MNIST IDX files or CIFAR-10 batches");
            File f = dc.showDialog(getScene().getWindow());
            if (f != null) {
                vm.chooseData(f.toPath());
            }
        });
        Label where = new Label();
        where.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> vm.dataFolderProperty().get() == null
                                ? ""
                                : vm.dataFolderProperty().get().toString(),
                        vm.dataFolderProperty()));
        where.setWrapText(true);
        Label headline = new Label();
        headline.setWrapText(true);
        Label message = new Label();
        message.textProperty().bind(vm.previewMessageProperty());
        message.getStyleClass().add("problem");
        message.setWrapText(true);
        Label counts = new Label();
        counts.setWrapText(true);
        FlowPane thumbs = new FlowPane(3, 3);
        thumbs.setPrefWrapLength(320);
        Label prep = new Label();
        prep.setWrapText(true);
        prep.getStyleClass().add("hint");
        Runnable show = () -> {
            DataPreview p = vm.previewProperty().get();
            thumbs.getChildren().clear();
            if (p == null) {
                headline.setText("");
                counts.setText("");
                prep.setText("");
                return;
            }
            headline.setText(p.headline());
            counts.setText("Images per class (training / validation): " + String.join(" · ", p.countLines()));
            p.thumbnails().forEach(t -> thumbs.getChildren().add(FxImages.view(t.argb(), t.width(), t.height(), 32)));
            prep.setText(p.preparation());
        };
        vm.previewProperty().addListener((o, a, b) -> show.run());
        show.run();
        sets.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        folder.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(new FlowPane(6, 4, sets, folder), where, headline, message, counts, thumbs, prep);
    }
}
