package org.blockscope.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;
import org.blockscope.export.MetricsFollower;

/**
 * A run of an exported train.py, followed live: the training loss per iteration and the validation
 * accuracy per epoch from its metrics.jsonl, read again every second while the window is open.
 */
final class MetricsWindow {

    private MetricsWindow() {}

    static Stage show(Window owner, Path file, Executor io) {
        MetricsFollower follower = new MetricsFollower(file);
        XYChart.Series<Number, Number> loss = new XYChart.Series<>();
        loss.setName("training loss");
        XYChart.Series<Number, Number> accuracy = new XYChart.Series<>();
        accuracy.setName("validation accuracy");
        LineChart<Number, Number> lossChart = chart("iteration", loss);
        LineChart<Number, Number> accuracyChart = chart("epoch", accuracy);
        Label status = new Label("waiting for " + file);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Training metrics — " + file.getFileName());
        stage.setScene(new Scene(new VBox(8, status, lossChart, accuracyChart), 720, 620));
        Timeline poll = new Timeline(new KeyFrame(
                Duration.seconds(1),
                e -> io.execute(() -> {
                    try {
                        List<MetricsFollower.Metric> metrics = follower.poll();
                        Platform.runLater(() -> add(metrics, loss, accuracy, status));
                    } catch (IOException ex) {
                        Platform.runLater(() -> status.setText(file + ": " + ex.getMessage()));
                    }
                })));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        stage.setOnHidden(e -> poll.stop());
        stage.show();
        return stage;
    }

    private static LineChart<Number, Number> chart(String x, XYChart.Series<Number, Number> series) {
        NumberAxis xAxis = new NumberAxis();
        xAxis.setLabel(x);
        xAxis.setForceZeroInRange(false);
        LineChart<Number, Number> c = new LineChart<>(xAxis, new NumberAxis());
        c.setCreateSymbols(false);
        c.setAnimated(false);
        c.getData().add(series);
        return c;
    }

    private static void add(
            List<MetricsFollower.Metric> metrics,
            XYChart.Series<Number, Number> loss,
            XYChart.Series<Number, Number> accuracy,
            Label status) {
        if (metrics.isEmpty()) {
            return;
        }
        for (MetricsFollower.Metric m : metrics) {
            if (m.isEpoch()) {
                accuracy.getData().add(new XYChart.Data<>(m.epoch(), m.valAccuracy()));
                status.setText(String.format(
                        java.util.Locale.ROOT,
                        "epoch %d: validation accuracy %.4f, loss %.4f",
                        m.epoch(),
                        m.valAccuracy(),
                        m.valLoss()));
            } else {
                loss.getData().add(new XYChart.Data<>(m.iteration(), m.loss()));
            }
        }
    }
}
