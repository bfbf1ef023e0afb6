package org.blockscope.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The four charts with two runs of three epochs each, in a 1280×720 window and in presenter mode. */
@ExtendWith(ApplicationExtension.class)
class ChartsTest {

    private Stage stage;
    private Training training;
    private TrainingPanel panel;
    private EditorModel editor;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        fx(() -> {
            panel.stopPump();
            training.shutdown();
            editor.shutdown();
            return null;
        });
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Two runs of 3 epochs, 40 iterations each, with a learning rate that changes and losses that fall. */
    private void twoRuns() {
        MachineSpeed.set(20e9, "assumed for the test"); // no calibration run competing for the two cores
        fx(() -> {
            editor = new EditorModel(new Document(Templates.graph("lenet5")), Platform::runLater, false);
            training = Training.create(
                    editor,
                    new ModelAccess(Platform::runLater, 500),
                    Platform::runLater,
                    Path.of("sample-images"),
                    System::nanoTime);
            panel = new TrainingPanel(training);
            panel.stopPump();
            stage.setScene(new Scene(panel, 1280, 720));
            stage.show();
            TrainingRunsViewModel vm = training.runs();
            for (int run = 1; run <= 2; run++) {
                TrainingRunRecord r = new TrainingRunRecord(
                        run,
                        run == 1 ? "without SE" : "with SE",
                        editor.graph(),
                        TrainingSettings.defaults(),
                        "digits");
                vm.adopt(r, 120);
                for (int i = 0; i < 120; i++) {
                    double lr = 0.002 * Math.cos(Math.PI * i / 240);
                    vm.inbox()
                            .offer(new TrainingEvent.IterationDone(
                                    2.3 * Math.exp(-i / (40.0 * run)), lr, 500, i / 40, i));
                    if (i % 40 == 39) {
                        vm.inbox()
                                .offer(new TrainingEvent.EpochDone(
                                        i / 40, 1.0 / run, 0.5 + 0.1 * i / 40, 1.1 / run, 0.45 + 0.1 * i / 40));
                    }
                }
                vm.inbox().offer(new TrainingEvent.Finished(3, 120));
                vm.pump();
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<ChartLayout> layouts() {
        return fx(() -> panel.charts().stream().map(ChartCanvas::chartLayout).toList());
    }

    private static void readable(ChartLayout l) {
        assertThat(l).isNotNull();
        List<ChartLayout.Rect> labels = new ArrayList<>();
        l.xTicks().forEach(t -> labels.add(t.box()));
        l.yTicks().forEach(t -> labels.add(t.box()));
        assertThat(l.xTicks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(l.yTicks()).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < labels.size(); i++) {
            for (int j = i + 1; j < labels.size(); j++) {
                assertThat(labels.get(i).intersects(labels.get(j)))
                        .as("tick labels %s and %s", labels.get(i), labels.get(j))
                        .isFalse();
            }
        }
        List<String> texts =
                new ArrayList<>(l.xTicks().stream().map(ChartLayout.Tick::label).toList());
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(l.yTicks().stream().map(ChartLayout.Tick::label).toList()).doesNotHaveDuplicates();
        assertThat(l.legend()).hasSizeGreaterThanOrEqualTo(2); // one or two entries per run
        for (ChartLayout.LegendEntry e : l.legend()) {
            assertThat(e.text()).isEqualTo(e.series().name());
            assertThat(e.box().inside(l.width(), l.height()))
                    .as("legend %s inside the chart", e.text())
                    .isTrue();
            for (ChartLayout.Rect t : labels) {
                assertThat(e.box().intersects(t))
                        .as("legend %s and a tick label", e.text())
                        .isFalse();
            }
        }
    }

    @Test
    void ticksNeverOverlapAndLegendsShowWholeInAWindowAndInPresenterMode() {
        twoRuns();
        shot("charts-normal.png");
        List<ChartLayout> normal = layouts();
        normal.forEach(ChartsTest::readable);
        fx(() -> {
            panel.presenterProperty().set(true);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        shot("charts-presenter.png");
        List<ChartLayout> presenter = layouts();
        presenter.forEach(ChartsTest::readable);
        for (int i = 0; i < normal.size(); i++) {
            assertThat(presenter.get(i).font())
                    .isGreaterThanOrEqualTo(1.5 * normal.get(i).font());
        }
    }

    @Test
    void theLossCanBeSmoothedMoreOrLessAndDrawnOnALogScale() {
        twoRuns();
        ChartData.Chart before = fx(() -> panel.lossChart().chart());
        fx(() -> {
            panel.smoothingProperty().set(0);
            panel.logLossProperty().set(true);
            return null;
        });
        ChartData.Chart after = fx(() -> panel.lossChart().chart());
        assertThat(after.log()).isTrue();
        ChartData.Series raw = after.series().get(0);
        ChartData.Series smooth = after.series().get(1);
        assertThat(smooth.y()).containsExactly(raw.y()); // no smoothing: the raw loss
        assertThat(before.series().get(1).y()[5]).isNotEqualTo(raw.y()[5]);
        ChartLayout l = fx(() -> panel.lossChart().chartLayout());
        assertThat(l.yTicks()).extracting(ChartLayout.Tick::label).allMatch(s -> s.startsWith("1e"));
    }

    /** With -Dblockscope.shots=DIR, a picture of the panel to look at. */
    private void shot(String name) {
        String dir = System.getProperty("blockscope.shots");
        if (dir == null) {
            return;
        }
        javafx.scene.image.WritableImage img = fx(() -> stage.getScene().snapshot(null));
        try {
            javax.imageio.ImageIO.write(
                    javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png", new java.io.File(dir, name));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
