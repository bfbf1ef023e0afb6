package org.blockscope.app.train;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.blockscope.app.inspect.FxImages;

/**
 * The training panel: data (bundled sets or a folder) with counts, thumbnails and how images are
 * prepared; settings; Start/Pause/Resume/Stop with progress; live charts of every run (checkbox to
 * compare); CSV/PNG export; the results of the selected run.
 */
public final class TrainingPanel extends BorderPane {

    private final TrainingViewModel vm;
    private final ChartCanvas lossChart = new ChartCanvas();
    private final ChartCanvas accChart = new ChartCanvas();
    private final ChartCanvas epochLossChart = new ChartCanvas();
    private final ChartCanvas lrChart = new ChartCanvas();
    private final GridPane charts = new GridPane();
    private final ListView<TrainingRunRecord> runList = new ListView<>();
    private final ResultsView results = new ResultsView();
    private final Timeline pump;

    public TrainingPanel(TrainingViewModel vm) {
        this.vm = vm;
        getStyleClass().add("training-panel");
        VBox left = new VBox(10, dataSection(), settingsSection(), controls());
        left.setPadding(new Insets(8));
        left.setPrefWidth(340);
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setPrefWidth(360);
        leftScroll.setMinWidth(300);
        setLeft(leftScroll);
        charts.setHgap(8);
        charts.setVgap(8);
        charts.add(lossChart, 0, 0);
        charts.add(accChart, 1, 0);
        charts.add(epochLossChart, 0, 1);
        charts.add(lrChart, 1, 1);
        for (ChartCanvas c : new ChartCanvas[] {lossChart, accChart, epochLossChart, lrChart}) {
            GridPane.setHgrow(c, Priority.ALWAYS);
            GridPane.setVgrow(c, Priority.ALWAYS);
        }
        VBox centre = new VBox(8, charts, runsSection(), results);
        VBox.setVgrow(charts, Priority.ALWAYS);
        centre.setPadding(new Insets(8));
        ScrollPane centreScroll = new ScrollPane(centre);
        centreScroll.setFitToWidth(true);
        setCenter(centreScroll);
        vm.chartRevisionProperty().addListener((o, a, b) -> redrawCharts());
        redrawCharts();
        // trainer events are applied ten times a second, never once per iteration
        pump = new Timeline(new KeyFrame(Duration.millis(100), e -> vm.pump()));
        pump.setCycleCount(Timeline.INDEFINITE);
        pump.play();
    }

    public TrainingViewModel viewModel() {
        return vm;
    }

    public ChartCanvas lossChart() {
        return lossChart;
    }

    public void stopPump() {
        pump.stop();
    }

    // ---- data ----------------------------------------------------------------------------------

    private Node dataSection() {
        ComboBox<Path> sets = new ComboBox<>(FXCollections.observableArrayList(vm.bundledSets()));
        sets.setPromptText("bundled sample set");
        sets.setConverter(new javafx.util.StringConverter<>() {
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
        headline.setWrapText(true);
        VBox box = new VBox(6, new HBox(6, sets, folder), where, headline, message, counts, thumbs, prep);
        return titled("Data", box);
    }

    // ---- settings ------------------------------------------------------------------------------

    private Node settingsSection() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        ComboBox<TrainingSettings.Optimiser> opt =
                new ComboBox<>(FXCollections.observableArrayList(TrainingSettings.Optimiser.values()));
        opt.valueProperty().bindBidirectional(vm.optimiserProperty());
        TextField lr = new TextField(Double.toString(vm.learningRateProperty().get()));
        lr.setPrefColumnCount(8);
        lr.textProperty().addListener((o, a, b) -> {
            try {
                vm.learningRateProperty().set(Double.parseDouble(b.trim()));
            } catch (NumberFormatException e) {
                vm.learningRateProperty().set(Double.NaN);
            }
        });
        ComboBox<TrainingSettings.LrSchedule> sched =
                new ComboBox<>(FXCollections.observableArrayList(TrainingSettings.LrSchedule.values()));
        sched.valueProperty().bindBidirectional(vm.scheduleProperty());
        Spinner<Integer> batch = intSpinner(1, 4096, vm.batchSizeProperty());
        Spinner<Integer> epochs = intSpinner(1, 1000, vm.epochsProperty());
        Spinner<Integer> seed = intSpinner(0, Integer.MAX_VALUE, vm.seedProperty());
        Spinner<Double> val = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(
                0, 0.9, vm.valFractionProperty().get(), 0.05));
        val.setEditable(true);
        val.valueProperty().addListener((o, a, b) -> vm.valFractionProperty().set(b == null ? Double.NaN : b));
        CheckBox aug = new CheckBox("augment (random crops; flips for colour)");
        aug.selectedProperty().bindBidirectional(vm.augmentProperty());
        TextField name = new TextField();
        name.setPromptText("e.g. without SE");
        name.textProperty().bindBidirectional(vm.runNameProperty());
        int r = 0;
        g.addRow(r++, new Label("Optimiser"), opt);
        g.addRow(r++, new Label("Learning rate"), lr);
        g.addRow(r++, new Label("Schedule"), sched);
        g.addRow(r++, new Label("Batch size"), batch);
        g.addRow(r++, new Label("Epochs"), epochs);
        g.addRow(r++, new Label("Validation split"), val);
        g.addRow(r++, new Label("Seed"), seed);
        g.add(aug, 0, r++, 2, 1);
        g.addRow(r, new Label("Run name"), name);
        g.getChildren().stream()
                .filter(n -> n instanceof Label)
                .forEach(n -> ((Label) n).setMinWidth(Label.USE_PREF_SIZE));
        return titled("Settings", g);
    }

    private static Spinner<Integer> intSpinner(int min, int max, javafx.beans.property.IntegerProperty p) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        s.setPrefWidth(110);
        s.valueProperty().addListener((o, a, b) -> {
            if (b != null) {
                p.set(b);
            }
        });
        p.addListener((o, a, b) -> s.getValueFactory().setValue(b.intValue()));
        return s;
    }

    // ---- controls ------------------------------------------------------------------------------

    private Node controls() {
        Button start = new Button("Start");
        start.setDefaultButton(true);
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.canStartProperty().not());
        Button pause = new Button("Pause");
        pause.setOnAction(e -> vm.pause());
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.RUNNING));
        Button resume = new Button("Resume");
        resume.setOnAction(e -> vm.resume());
        resume.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingViewModel.State.PAUSED));
        Button stop = new Button("Stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !vm.state().busy(), vm.stateProperty()));
        HBox buttons = new HBox(6, start, pause, resume, stop);
        Label why = new Label();
        why.textProperty().bind(vm.whyNotStartProperty());
        why.getStyleClass().add("problem");
        why.setWrapText(true);
        Label note = new Label(TrainingViewModel.SNAPSHOT_NOTE);
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label progress = new Label();
        progress.textProperty().bind(vm.progressTextProperty());
        progress.setWrapText(true);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.getStyleClass().add("status");
        VBox box = new VBox(6, buttons, why, note, bar, progress, status);
        return titled("Run", box);
    }

    // ---- runs and export -----------------------------------------------------------------------

    private Node runsSection() {
        runList.setItems(vm.runs());
        runList.setPrefHeight(96);
        runList.setCellFactory(l -> new ListCell<>() {
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
        });
        vm.currentProperty()
                .addListener((o, a, b) -> runList.getSelectionModel().select(b));
        runList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> showResults(b));
        vm.runs().addListener((ListChangeListener<TrainingRunRecord>) c -> {
            while (c.next()) {
                for (TrainingRunRecord r : c.getAddedSubList()) {
                    r.resultProperty().addListener((o, a, b) -> {
                        if (runList.getSelectionModel().getSelectedItem() == r) {
                            showResults(r);
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
        png.setOnAction(e -> exportPng());
        Button remove = new Button("Remove run");
        remove.setId("remove-run");
        remove.setTooltip(new Tooltip("Take the selected run off the list and the charts (not the one training)"));
        Runnable updateRemove = () ->
                remove.setDisable(!vm.canRemove(runList.getSelectionModel().getSelectedItem()));
        runList.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> updateRemove.run());
        vm.stateProperty().addListener((o, a, b) -> updateRemove.run());
        updateRemove.run();
        remove.setOnAction(e -> vm.removeRun(runList.getSelectionModel().getSelectedItem()));
        Label hint = new Label("Tick runs to overlay them (e.g. the same network with and without SE).");
        hint.getStyleClass().add("hint");
        for (Button b : List.of(csv, png, remove)) {
            b.setMinWidth(Region.USE_PREF_SIZE); // the hint gives way when space is short
        }
        hint.setMinWidth(0);
        HBox buttons = new HBox(8, csv, png, remove, hint);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, runList, buttons);
    }

    private void showResults(TrainingRunRecord r) {
        results.show(r);
    }

    private void exportCsv(TrainingRunRecord r) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("run-" + r.number() + ".csv");
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                Files.writeString(f.toPath(), r.csv());
            } catch (IOException ex) {
                results.show(null);
            }
        }
    }

    private void exportPng() {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName("training-charts.png");
        File f = fc.showSaveDialog(getScene().getWindow());
        if (f != null) {
            try {
                writeChartsPng(f.toPath());
            } catch (IOException ex) {
                results.show(null);
            }
        }
    }

    /** Writes the four charts as one PNG. */
    public void writeChartsPng(Path file) throws IOException {
        WritableImage img = charts.snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    private void redrawCharts() {
        lossChart.show(ChartData.iterationLoss(vm.runs()));
        accChart.show(ChartData.epochAccuracy(vm.runs()));
        epochLossChart.show(ChartData.epochLoss(vm.runs()));
        lrChart.show(ChartData.learningRate(vm.runs()));
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }

    @SuppressWarnings("unused")
    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
