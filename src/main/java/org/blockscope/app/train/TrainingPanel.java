package org.blockscope.app.train;

import java.io.IOException;
import java.nio.file.Path;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * The training panel: data, settings and the run controls on the left; live charts of every run
 * (tick to compare), the run list with CSV/PNG export and the selected run's results on the right.
 */
public final class TrainingPanel extends BorderPane {

    private final Training training;
    private final ChartCanvas lossChart = new ChartCanvas();
    private final ChartCanvas accChart = new ChartCanvas();
    private final ChartCanvas epochLossChart = new ChartCanvas();
    private final ChartCanvas lrChart = new ChartCanvas();
    private final GridPane charts = new GridPane();
    private final ResultsView results = new ResultsView();
    private final Timeline pump;

    public TrainingPanel(Training training) {
        this.training = training;
        TrainingRunsViewModel runs = training.runs();
        getStyleClass().add("training-panel");
        VBox left = new VBox(
                10,
                titled("Data", new DataPane(training.data())),
                titled("Settings", new SettingsPane(training.settings())),
                titled("Run", new RunControls(runs, training.rails())));
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
        VBox centre = new VBox(8, charts, new RunListPane(runs, results, this::writeChartsPng), results);
        VBox.setVgrow(charts, Priority.ALWAYS);
        centre.setPadding(new Insets(8));
        ScrollPane centreScroll = new ScrollPane(centre);
        centreScroll.setFitToWidth(true);
        setCenter(centreScroll);
        runs.list().chartRevisionProperty().addListener((o, a, b) -> redrawCharts());
        redrawCharts();
        // trainer events are applied ten times a second, never once per iteration
        pump = new Timeline(new KeyFrame(Duration.millis(100), e -> runs.pump()));
        pump.setCycleCount(Timeline.INDEFINITE);
        pump.play();
    }

    public Training training() {
        return training;
    }

    public ChartCanvas lossChart() {
        return lossChart;
    }

    public void stopPump() {
        pump.stop();
    }

    /** Writes the four charts as one PNG. */
    public void writeChartsPng(Path file) throws IOException {
        WritableImage img = charts.snapshot(null, null);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", file.toFile());
    }

    private void redrawCharts() {
        var runs = training.runs().list().runs();
        lossChart.show(ChartData.iterationLoss(runs));
        accChart.show(ChartData.epochAccuracy(runs));
        epochLossChart.show(ChartData.epochLoss(runs));
        lrChart.show(ChartData.learningRate(runs));
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }
}
