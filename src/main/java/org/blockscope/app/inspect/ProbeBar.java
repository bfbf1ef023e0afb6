package org.blockscope.app.inspect;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/** The probe image and the model looked at: bundled probes, "next validation image", any file; the source toggle. */
public final class ProbeBar extends FlowPane {

    private int validationIndex;

    public ProbeBar(InspectionModel m) {
        super(8, 4); // wraps on narrow windows
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(6));
        getStyleClass().add("probe-bar");
        ImageView thumb = new ImageView();
        Label label = new Label();
        ComboBox<Path> files = new ComboBox<>(FXCollections.observableArrayList(m.probeFiles()));
        files.setPromptText("bundled probe…");
        files.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        files.setOnAction(e -> {
            if (files.getValue() != null) {
                m.chooseFile(files.getValue());
            }
        });
        Button fromData = new Button("Next validation image");
        fromData.setOnAction(e -> m.useValidationImage(validationIndex++));
        Button open = new Button("Open image…");
        open.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                m.chooseFile(f.toPath());
            }
        });
        ComboBox<InspectionModel.Source> source =
                new ComboBox<>(FXCollections.observableArrayList(InspectionModel.Source.values()));
        source.valueProperty().bindBidirectional(m.sourceProperty());
        source.disableProperty().bind(m.liveProperty());
        Label sourceText = new Label();
        sourceText.textProperty().bind(m.sourceTextProperty());
        sourceText.getStyleClass().add("source-text");
        sourceText.setWrapText(true);
        Label problem = new Label();
        problem.textProperty().bind(m.probeMessageProperty());
        problem.getStyleClass().add("problem");
        problem.setWrapText(true);
        Runnable show = () -> {
            ProbeImage p = m.probeProperty().get();
            if (p == null) {
                thumb.setImage(null);
                label.setText("no probe image");
                return;
            }
            ImageView v = FxImages.view(
                    Pixels.photo(p.pixels(), p.shape()),
                    p.shape().width(),
                    p.shape().height(),
                    40);
            thumb.setImage(v.getImage());
            thumb.setSmooth(false);
            thumb.setFitWidth(v.getFitWidth());
            thumb.setFitHeight(v.getFitHeight());
            label.setText(p.label());
        };
        m.probeProperty().addListener((o, a, b) -> show.run());
        for (javafx.scene.Node n : List.of(label, files, fromData, open, source)) {
            ((Region) n).setMinWidth(Region.USE_PREF_SIZE);
        }
        show.run();
        Label answer = new Label();
        answer.setId("probe-prediction");
        answer.setMinWidth(Region.USE_PREF_SIZE);
        ProgressBar confidence = new ProgressBar(0);
        confidence.setPrefWidth(90);
        Runnable showAnswer = () -> {
            PredictionViewModel.Prediction p =
                    m.prediction().predictionProperty().get();
            answer.setText(p == null ? "" : p.text());
            confidence.setProgress(p == null ? 0 : p.probability());
            confidence.setVisible(p != null);
        };
        m.prediction().predictionProperty().addListener((o, a, b) -> showAnswer.run());
        showAnswer.run();
        getChildren()
                .addAll(
                        new Label("Probe:"),
                        thumb,
                        label,
                        answer,
                        confidence,
                        files,
                        fromData,
                        open,
                        new Label("Weights:"),
                        source,
                        sourceText,
                        problem);
    }
}
