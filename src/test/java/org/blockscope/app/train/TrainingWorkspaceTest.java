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
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.compile.Mode;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workspace in a real (headless) window: a short LeNet-5 run on the bundled digits, and the inspection views. */
@ExtendWith(ApplicationExtension.class)
class TrainingWorkspaceTest {

    private Stage stage;
    private EditorModel model;
    private TrainingWorkspace workspace;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void show(String template) {
        fx(() -> {
            model = new EditorModel(new Document(Templates.graph(template)), Platform::runLater, true);
            workspace = new TrainingWorkspace(model, n -> {}, Path.of("sample-images"));
            stage.setScene(new Scene(workspace, 1500, 950));
            stage.show();
            return null;
        });
    }

    @AfterEach
    void close() {
        fx(() -> {
            workspace.shutdown();
            model.shutdown();
            return null;
        });
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(int seconds, Supplier<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    @Test
    void shortLeNetRunFeedsTheChartsAndTheFeatureMaps(FxRobot robot) {
        show("lenet5");
        Training t = workspace.training();
        TrainingRunsViewModel vm = t.runs();
        waitUntil(
                20,
                () -> t.data().previewProperty().get() != null
                        && vm.canStartProperty().get());
        fx(() -> {
            t.settings().epochsProperty().set(1);
            t.settings().batchSizeProperty().set(64);
            model.select("c1");
            workspace.getSelectionModel().select(0);
            vm.start();
            return null;
        });
        waitUntil(60, () -> workspace.trainingPanel().lossChart().chart().points() > 0);
        waitUntil(90, () -> vm.state() == TrainingRunsViewModel.State.FINISHED);
        TrainingRunRecord run = fx(() -> vm.list().runs().get(0));
        assertThat(run.metrics().iterations()).hasSize((int) run.totalIterations());
        assertThat(run.metrics().epochs()).hasSize(1);
        // ~47 iterations arrived in far fewer UI updates than events: the inbox was drained per tick
        assertThat(vm.inbox().offered()).isGreaterThan(run.totalIterations());
        waitUntil(30, () -> run.resultProperty().get() != null);
        assertThat(run.resultProperty().get().evaluation().total()).isEqualTo(600);
        // feature maps of c1 (6 filters) from the trained copy
        fx(() -> {
            workspace.getSelectionModel().select(1);
            return null;
        });
        waitUntil(20, () -> workspace.featureMaps().outputTiles().getChildren().size() == 6);
        fx(() -> {
            model.select("c3");
            return null;
        });
        waitUntil(20, () -> workspace.featureMaps().outputTiles().getChildren().size() == 16);
        explainViewsFollowedTheRun(run);
        // the finished run can be taken off the list, and its curves off the charts
        fx(() -> {
            workspace.getSelectionModel().select(0);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#remove-run");
        waitUntil(
                10,
                () -> vm.list().runs().isEmpty()
                        && workspace.trainingPanel().lossChart().chart().points() == 0);
    }

    /** Issue 17: a click on confusion cell (3, 3) shows its validation images; the run's gradients were followed. */
    private void explainViewsFollowedTheRun(TrainingRunRecord run) {
        fx(() -> {
            workspace.getSelectionModel().select(0);
            var m = workspace.trainingPanel().results().matrix();
            double k = run.resultProperty().get().evaluation().classes();
            double cell = Math.max(22, Math.min(46, 400.0 / k)); // as ResultsView lays the cells out
            javafx.geometry.Point2D at = m.localToScene(64 + 3.5 * cell, 34 + 3.5 * cell);
            javafx.event.Event.fireEvent(
                    m,
                    new javafx.scene.input.MouseEvent(
                            javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                            at.getX(),
                            at.getY(),
                            0,
                            0,
                            javafx.scene.input.MouseButton.PRIMARY,
                            1,
                            false,
                            false,
                            false,
                            false,
                            true,
                            false,
                            false,
                            false,
                            false,
                            true,
                            null));
            return null;
        });
        var examples = workspace.explain().confusionExamples();
        waitUntil(30, () -> examples.viewModel().cellProperty().get() != null);
        var cell = fx(() -> examples.viewModel().cellProperty().get());
        long inMatrix = run.resultProperty().get().evaluation().confusion()[3][3];
        assertThat(cell.actual()).isEqualTo(3);
        assertThat(cell.predicted()).isEqualTo(3);
        assertThat((long) cell.count()).isEqualTo(inMatrix).isPositive();
        assertThat(fx(() -> examples.images().getChildren().size()))
                .isEqualTo((int) Math.min(inMatrix, org.blockscope.app.explain.ConfusionExamplesViewModel.MAX));
        var flow = workspace.explain().gradientFlow().viewModel();
        assertThat(fx(() -> flow.runs().size())).isEqualTo(1);
        assertThat(fx(() -> flow.runAProperty().get().snapshot().layers().size()))
                .as("c1, c3, f5, f6, f7")
                .isEqualTo(5);
        assertThat(fx(() -> flow.runAProperty().get().snapshot().samples().size()))
                .isPositive();
        assertThat(fx(() -> workspace
                        .explain()
                        .gradientFlow()
                        .columns()
                        .getChildren()
                        .size()))
                .isEqualTo(1);
    }

    @Test
    void seViewShowsOneBarPerChannelOfTheFirstSeBlock() {
        show("se_resnet20");
        fx(() -> {
            workspace.getSelectionModel().select(2);
            return null;
        });
        waitUntil(30, () -> workspace.seWeights().bars().getChildren().size() == 16);
        assertThat(fx(() -> workspace.seWeights().viewModel().blockProperty().get()))
                .isEqualTo("stage1_0/se");
        fx(() -> {
            workspace.seWeights().viewModel().sortedProperty().set(true);
            return null;
        });
        List<SeWeightsBar> bars = fx(() -> workspace.seWeights().viewModel().barsProperty().get().stream()
                .map(b -> new SeWeightsBar(b.channel(), b.value()))
                .toList());
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).value()).isLessThanOrEqualTo(bars.get(i - 1).value());
        }
    }

    record SeWeightsBar(int channel, double value) {}

    @Test
    void steppingVisitsTheNodesInTopologicalOrder() {
        show("lenet5");
        var step = fx(() -> {
            workspace.getSelectionModel().select(3);
            return workspace.stepThrough().viewModel();
        });
        fx(() -> {
            step.reset();
            return null;
        });
        waitUntil(20, () -> step.stepProperty().get() != null);
        NetworkAnalysis a = fx(() -> model.analysis());
        List<String> expected =
                a.expanded().nodes().stream().map(PrimitiveNode::path).toList();
        List<String> visited = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            visited.add(fx(() -> step.stepProperty().get().node().path()));
            selected.add(fx(() -> model.selection().iterator().next()));
            fx(() -> {
                step.step();
                return null;
            });
            // a step may run the pass again (the probe image arrives late): wait for it to land
            int next = Math.min(i + 1, expected.size() - 1);
            waitUntil(20, () -> step.indexProperty().get() == next);
        }
        assertThat(visited).isEqualTo(expected);
        assertThat(selected)
                .isEqualTo(
                        a.expanded().nodes().stream().map(PrimitiveNode::owner).toList());
        fx(() -> {
            step.reset();
            step.runTo("c1_tanh");
            return null;
        });
        // when the pass went stale meanwhile (the probe image arrives late), runTo runs it again first
        waitUntil(20, () -> step.stepProperty().get().node().path().equals("c1_tanh"));
        String text = fx(() -> step.stepProperty().get().text());
        assertThat(text).startsWith("tanh squashes every value into (−1, 1)");
        fx(() -> {
            step.modeProperty().set(Mode.TRAINING);
            return null;
        });
        waitUntil(20, () -> step.stepProperty().get().node().path().equals("c1_tanh"));
    }
}
