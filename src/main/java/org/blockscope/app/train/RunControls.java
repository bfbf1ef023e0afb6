package org.blockscope.app.train;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** Start / Pause / Resume / Stop with why Start is off, the progress bar, the time left and the status. */
final class RunControls extends VBox {

    RunControls(TrainingRunsViewModel vm, GuardRailsViewModel rails) {
        super(6);
        Button start = new Button("Start");
        start.setId("train-start");
        start.setDefaultButton(true);
        start.setOnAction(e -> vm.start());
        start.disableProperty().bind(vm.canStartProperty().not());
        Button pause = new Button("Pause");
        pause.setOnAction(e -> vm.pause());
        pause.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingRunsViewModel.State.RUNNING));
        Button resume = new Button("Resume");
        resume.setOnAction(e -> vm.resume());
        resume.disableProperty().bind(vm.stateProperty().isNotEqualTo(TrainingRunsViewModel.State.PAUSED));
        Button stop = new Button("Stop");
        stop.setId("train-stop");
        stop.setOnAction(e -> vm.stop());
        stop.disableProperty()
                .bind(Bindings.createBooleanBinding(() -> !vm.state().busy(), vm.stateProperty()));
        FlowPane buttons = new FlowPane(6, 6, start, pause, resume, stop);
        Label why = new Label();
        why.textProperty().bind(vm.whyNotStartProperty());
        why.getStyleClass().add("problem");
        why.setWrapText(true);
        Label note = new Label(TrainingRunsViewModel.SNAPSHOT_NOTE);
        note.setWrapText(true);
        note.getStyleClass().add("hint");
        ProgressBar bar = new ProgressBar();
        bar.progressProperty().bind(vm.progress().fractionProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        Label progress = new Label();
        progress.textProperty().bind(vm.progress().textProperty());
        progress.setWrapText(true);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.getStyleClass().add("status");
        Label estimate = new Label();
        estimate.setId("run-estimate");
        estimate.setWrapText(true);
        estimate.getStyleClass().add("estimate");
        Label detail = new Label();
        detail.setWrapText(true);
        detail.getStyleClass().add("hint");
        Label warning = new Label();
        warning.setId("run-warning");
        warning.setWrapText(true);
        warning.getStyleClass().add("warning");
        Button resize = new Button();
        resize.setId("resize-input");
        resize.setWrapText(true);
        resize.setOnAction(e -> rails.resizeInput());
        Runnable show = () -> {
            GuardRails g = rails.rails();
            estimate.setText(g.estimate());
            detail.setText(g.detail());
            warning.setText(g.warning());
            resize.setText(g.resize()
                    .map(s -> "Resize the input to " + s + " (the data's size)")
                    .orElse(""));
            for (javafx.scene.Node n : java.util.List.of(estimate, detail, warning, resize)) {
                boolean on = n == resize
                        ? g.resize().isPresent()
                        : !((Label) n).getText().isEmpty();
                n.setVisible(on);
                n.setManaged(on);
            }
        };
        rails.railsProperty().addListener((o, a, b) -> show.run());
        show.run();
        getChildren().addAll(estimate, detail, warning, resize, buttons, why, note, bar, progress, status);
    }
}
