package org.blockscope.app.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.TilePane;
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
    private final TilePane charts = new TilePane(8, 8);
    private final DoubleProperty smoothing = new SimpleDoubleProperty(this, "smoothing", RunMetrics.SMOOTHING);
    private final BooleanProperty logLoss = new SimpleBooleanProperty(this, "logLoss", false);
    private final BooleanProperty presenter = new SimpleBooleanProperty(this, "presenter", false);
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
        charts.getChildren().addAll(lossChart, accChart, epochLossChart, lrChart);
        charts.setId("charts");
        Runnable sizeCharts = () -> {
            double f = presenter.get() ? 1.5 : 1;
            charts.setPrefTileWidth(380 * f);
            charts.setPrefTileHeight(250 * f);
            for (ChartCanvas c : List.of(lossChart, accChart, epochLossChart, lrChart)) {
                c.setFontSize(12 * f);
            }
        };
        presenter.addListener((o, a, b) -> sizeCharts.run());
        sizeCharts.run();
        VBox centre =
                new VBox(8, chartOptions(), charts, new RunListPane(runs, results, this::writeChartsPng), results);
        centre.setPadding(new Insets(8));
        ScrollPane centreScroll = new ScrollPane(centre);
        centreScroll.setFitToWidth(true);
        setCenter(centreScroll);
        runs.list().chartRevisionProperty().addListener((o, a, b) -> redrawCharts());
        smoothing.addListener((o, a, b) -> redrawCharts());
        logLoss.addListener((o, a, b) -> redrawCharts());
        redrawCharts();
        // trainer events are applied ten times a second, never once per iteration
        pump = new Timeline(new KeyFrame(Duration.millis(100), e -> runs.pump()));
        pump.setCycleCount(Timeline.INDEFINITE);
        pump.play();
    }

    public Training training() {
        return training;
    }

    /** The results of the selected run (confusion matrix, misclassified images). */
    public ResultsView results() {
        return results;
    }

    public ChartCanvas lossChart() {
        return lossChart;
    }

    /** The four charts: loss per iteration, accuracy per epoch, loss per epoch, learning rate. */
    public List<ChartCanvas> charts() {
        return List.of(lossChart, accChart, epochLossChart, lrChart);
    }

    /** Presenter mode: every chart's text 1.5 times larger, the charts too. */
    public BooleanProperty presenterProperty() {
        return presenter;
    }

    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public BooleanProperty logLossProperty() {
        return logLoss;
    }

    /** Smoothing of the loss curve and a log scale for the loss. */
    private Node chartOptions() {
        Slider slider = new Slider(0, 0.99, smoothing.get());
        slider.valueProperty().bindBidirectional(smoothing);
        slider.setId("smoothing");
        slider.setPrefWidth(140);
        Label value = new Label();
        value.textProperty().bind(smoothing.asString(java.util.Locale.ROOT, "%.2f"));
        value.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label("Smoothing of the loss");
        title.setMinWidth(Region.USE_PREF_SIZE);
        CheckBox log = new CheckBox("Log scale for the loss");
        log.setId("log-loss");
        log.setMinWidth(Region.USE_PREF_SIZE);
        log.selectedProperty().bindBidirectional(logLoss);
        FlowPane row = new FlowPane(10, 4, title, slider, value, log);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return row;
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
        lossChart.show(ChartData.iterationLoss(runs, smoothing.get()).withLog(logLoss.get()));
        accChart.show(ChartData.epochAccuracy(runs));
        epochLossChart.show(ChartData.epochLoss(runs).withLog(logLoss.get()));
        lrChart.show(ChartData.learningRate(runs));
    }

    private static TitledPane titled(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.setCollapsible(false);
        return t;
    }
}
