package org.blockscope.app.train;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The runs to compare (tick to overlay on the charts), CSV and PNG export, removing a run; the
 * selected run's results below.
 */
final class RunListPane extends VBox {

    /** Writes the charts as a PNG (the panel knows them). */
    interface ChartsWriter {
        void write(Path file) throws IOException;
    }

    private final ListView<TrainingRunRecord> runList = new ListView<>();
    private final ResultsView results;

    RunListPane(TrainingRunsViewModel lifecycle, ResultsView results, ChartsWriter charts) {
        super(4);
        this.results = results;
        RunList vm = lifecycle.list();
        runList.setItems(vm.runs());
        runList.setPrefHeight(96);
        runList.setCellFactory(l -> new RunCell());
        vm.currentProperty()
                .addListener((o, a, b) -> runList.getSelectionModel().select(b));
        runList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> results.show(b));
        vm.runs().addListener((ListChangeListener<TrainingRunRecord>) c -> {
            while (c.next()) {
                for (TrainingRunRecord r : c.getAddedSubList()) {
                    r.resultProperty().addListener((o, a, b) -> {
                        if (runList.getSelectionModel().getSelectedItem() == r) {
                            results.show(r);
                        }
                    });
                }
            }
        });
        Button csv = new Button("Export CSV…");
        csv.setTooltip(new Tooltip("Save the selected run's loss, accuracy and learning rate as a CSV file"));
        csv.disableProperty()
                .bind(runList.getSelectionModel().selectedItemProperty().isNull());
        csv.setOnAction(e -> exportCsv(runList.getSelectionModel().getSelectedItem()));
        Button png = new Button("Export PNG…");
        png.setTooltip(new Tooltip("Save the charts as a PNG image"));
        png.setOnAction(e -> save("training-charts.png", charts::write));
        Button remove = new Button("Remove run");
        remove.setId("remove-run");
        remove.setTooltip(new Tooltip("Take the selected run off the list and the charts (not the one training)"));
        remove.disableProperty()
                .bind(Bindings.createBooleanBinding(
                        () -> !vm.canRemove(runList.getSelectionModel().getSelectedItem()),
                        runList.getSelectionModel().selectedItemProperty(),
                        lifecycle.stateProperty(),
                        vm.runs()));
        remove.setOnAction(e -> vm.removeRun(runList.getSelectionModel().getSelectedItem()));
        Label hint = new Label("Tick runs to overlay them (e.g. the same network with and without SE).");
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        FlowPane buttons = new FlowPane(8, 4, csv, png, remove, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(runList, buttons);
    }

    private void exportCsv(TrainingRunRecord r) {
        save("run-" + r.number() + ".csv", file -> Files.writeString(file, r.csv()));
    }

    private void save(String name, ChartsWriter writer) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                writer.write(f.toPath());
            } catch (IOException ex) {
                results.show(null);
            }
        }
    }

    private static final class RunCell extends ListCell<TrainingRunRecord> {
        @Override
        protected void updateItem(TrainingRunRecord r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            CheckBox show = new CheckBox();
            show.selectedProperty().bindBidirectional(r.visibleProperty());
            Label swatch = new Label("■");
            swatch.setStyle("-fx-text-fill: " + ChartData.PALETTE[r.colour()] + ";");
            Label text = new Label();
            text.textProperty().bind(Bindings.concat(r.title(), " — ", r.statusProperty()));
            HBox row = new HBox(6, show, swatch, text);
            row.setAlignment(Pos.CENTER_LEFT);
            setGraphic(row);
            setText(null);
        }
    }
}
