package org.blockscope.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.train.Evaluation;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The training view-models (data, settings, runs) and their pure helpers, without JavaFX running. */
class TrainingViewModelsTest {

    private final AtomicLong clock = new AtomicLong();

    private Training training(Graph g) {
        EditorModel editor = new EditorModel(new Document(g), Runnable::run, false);
        return Training.create(
                editor, new ModelAccess(Runnable::run, 500), Runnable::run, Path.of("sample-images"), clock::get);
    }

    private TrainingRunsViewModel vm(Graph g) {
        return training(g).runs();
    }

    private static TrainingEvent.IterationDone it(long i, double loss) {
        return new TrainingEvent.IterationDone(loss, 0.001, 500, (int) (i / 10), i);
    }

    @Test
    void eventsArriveCoalescedOneUiUpdatePerPump() {
        TrainingRunsViewModel vm = vm(Templates.graph("lenet5"));
        TrainingRunRecord r =
                new TrainingRunRecord(1, "lenet", Templates.graph("lenet5"), TrainingSettings.defaults(), "digits");
        vm.adopt(r, 20);
        long before = vm.list().chartRevisionProperty().get();
        for (int i = 0; i < 10; i++) {
            vm.inbox().offer(it(i, 2.0 - i * 0.1));
        }
        vm.inbox().offer(new TrainingEvent.EpochDone(0, 1.5, 0.4, 1.4, 0.45));
        clock.set(2_000_000_000L);
        vm.pump();
        assertThat(vm.list().chartRevisionProperty().get()).isEqualTo(before + 1);
        assertThat(r.metrics().iterations()).hasSize(10);
        assertThat(r.metrics().epochs()).hasSize(1);
        assertThat(vm.progress().fractionProperty().get()).isEqualTo(0.5);
        assertThat(vm.progress().textProperty().get())
                .isEqualTo("epoch 1 of 1 · iteration 10 of 20 · 500 images/s · 0:02 left");
        vm.pump(); // nothing new: no redraw
        assertThat(vm.list().chartRevisionProperty().get()).isEqualTo(before + 1);
    }

    @Test
    void endedRunsCanBeRemovedButNotTheOneTraining() {
        TrainingRunsViewModel vm = vm(Templates.graph("lenet5"));
        TrainingRunRecord first =
                new TrainingRunRecord(1, "a", Templates.graph("lenet5"), TrainingSettings.defaults(), "digits");
        vm.adopt(first, 10);
        vm.inbox().offer(new TrainingEvent.Failed("diverged"));
        vm.pump();
        TrainingRunRecord second =
                new TrainingRunRecord(2, "b", Templates.graph("lenet5"), TrainingSettings.defaults(), "digits");
        vm.adopt(second, 10);
        assertThat(vm.list().canRemove(second)).isFalse(); // training
        assertThat(vm.list().removeRun(second)).isFalse();
        long before = vm.list().chartRevisionProperty().get();
        assertThat(vm.list().removeRun(first)).isTrue();
        assertThat(vm.list().runs()).containsExactly(second);
        assertThat(vm.list().currentProperty().get()).isSameAs(second);
        assertThat(vm.list().chartRevisionProperty().get()).isGreaterThan(before);
        vm.inbox().offer(new TrainingEvent.Stopped(0, 3));
        vm.pump();
        assertThat(vm.list().removeRun(second)).isTrue(); // stopped now
        assertThat(vm.list().runs()).isEmpty();
        assertThat(vm.list().currentProperty().get()).isNull();
        assertThat(vm.list().removeRun(second)).isFalse(); // already gone
    }

    @Test
    void pauseAndResumeAreReflectedAndPausedTimeDoesNotCountForTheEstimate() {
        TrainingRunsViewModel vm = vm(Templates.graph("lenet5"));
        TrainingRunRecord r =
                new TrainingRunRecord(1, "lenet", Templates.graph("lenet5"), TrainingSettings.defaults(), "digits");
        vm.adopt(r, 20);
        vm.inbox().offer(it(0, 2));
        vm.inbox().offer(new TrainingEvent.Paused(0, 1));
        vm.pump();
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.PAUSED);
        clock.set(60_000_000_000L); // a minute paused
        vm.inbox().offer(new TrainingEvent.Resumed(0, 1));
        vm.pump();
        clock.set(61_000_000_000L);
        vm.inbox().offer(it(1, 2));
        vm.pump();
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.RUNNING);
        assertThat(vm.progress().textProperty().get()).endsWith("0:09 left"); // 1 s for 2 iterations, 18 to go
    }

    @Test
    void stopWhileTheDataLoadsCancelsTheRunBeforeItTrains() throws Exception {
        TrainingRunsViewModel vm = vm(Templates.graph("lenet5"));
        vm.start();
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.PREPARING);
        vm.stop();
        long deadline = System.currentTimeMillis() + 60_000;
        while (vm.state() == TrainingRunsViewModel.State.PREPARING && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.STOPPED);
        assertThat(vm.list().runs()).isEmpty();
    }

    @Test
    void anInvalidNetworkCannotStartAndSaysWhy() {
        Graph g = Templates.graph("lenet5");
        Edge e = g.inputs("c3").get(0);
        TrainingRunsViewModel vm = vm(g.withoutEdge(e));
        assertThat(vm.canStartProperty().get()).isFalse();
        assertThat(vm.whyNotStartProperty().get())
                .startsWith("The network cannot train (")
                .contains("'c3'");
        vm.start();
        assertThat(vm.list().runs()).isEmpty();
        assertThat(vm.statusProperty().get()).isEqualTo(vm.whyNotStartProperty().get());
    }

    @Test
    void badSettingsAreRefusedQuotingTheValue() {
        Training t = training(Templates.graph("lenet5"));
        TrainingRunsViewModel vm = t.runs();
        t.settings().learningRateProperty().set(Double.NaN);
        assertThat(vm.whyNotStartProperty().get()).isEqualTo("the learning rate must be positive, got NaN");
        t.settings().learningRateProperty().set(0.01);
        t.settings().valFractionProperty().set(1.0);
        assertThat(vm.whyNotStartProperty().get()).isEqualTo("the validation split must be in [0, 1), got 1.0");
    }

    @Test
    void dataFollowsTheNetworksInputChannelsUntilTheUserChooses() {
        TrainingDataViewModel vm = training(Templates.graph("resnet20")).data();
        assertThat(vm.dataFolderProperty().get()).isEqualTo(Path.of("sample-images", "colour32"));
        TrainingDataViewModel grey = training(Templates.graph("lenet5")).data();
        assertThat(grey.dataFolderProperty().get()).isEqualTo(Path.of("sample-images", "digits"));
    }

    @Test
    void stopFreesTheUiAtOnceWhileASlowIterationFinishesInTheBackground() throws Exception {
        Training t = training(Templates.graph("lenet5"));
        TrainingRunsViewModel vm = t.runs();
        // a slow fake step: every iteration takes three seconds more
        vm.onRunStarting(run -> run.trainer().addHook((m, epoch, iteration) -> sleep(3000)));
        vm.start();
        long deadline = System.currentTimeMillis() + 90_000;
        while (vm.list().current() != null
                && vm.list().current().metrics().iterations().isEmpty()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            vm.pump();
        }
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.RUNNING);
        TrainingRunRecord r = vm.list().current();
        long t0 = System.nanoTime();
        vm.stop();
        vm.pump();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(seconds).isLessThan(1.0);
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.STOPPED);
        assertThat(vm.canStartProperty().get()).isTrue();
        assertThat(r.run().trainer().isRunning())
                .as("the iteration in progress finishes on its own")
                .isTrue();
        r.run().trainer().join();
        vm.pump();
        assertThat(r.statusProperty().get()).startsWith("stopped after ");
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.STOPPED);
        assertThat(r.resultProperty().get())
                .as("a stopped run is not evaluated")
                .isNull();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anotherNetworkClearsTheRunsAndTheRunName() {
        Training t = training(Templates.graph("se_resnet20"));
        TrainingRunsViewModel vm = t.runs();
        TrainingRunRecord r = new TrainingRunRecord(
                1, "with SE", Templates.graph("se_resnet20"), TrainingSettings.defaults(), "colour32");
        vm.adopt(r, 10);
        vm.inbox().offer(new TrainingEvent.Finished(1, 10));
        vm.pump();
        t.settings().runNameProperty().set("with SE");
        long charts = vm.list().chartRevisionProperty().get();
        vm.editorForTests().document().reset(Templates.graph("lenet5"), null, false);
        assertThat(vm.list().runs()).isEmpty();
        assertThat(vm.list().current()).isNull();
        assertThat(vm.state()).isEqualTo(TrainingRunsViewModel.State.IDLE);
        assertThat(t.settings().runNameProperty().get()).isEmpty();
        assertThat(vm.list().chartRevisionProperty().get()).isGreaterThan(charts);
        assertThat(t.data().dataFolderProperty().get()).isEqualTo(Path.of("sample-images", "digits"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # done, total, elapsed s, seconds left, fraction
              0,     100,   0,         NaN,          0
              10,    100,   5,         45,           0.1
              50,    100,   30,        30,           0.5
              100,   100,   60,        0,            1
            """)
    void timeLeftIsTheAverageSpeedSoFar(long done, long total, double elapsed, double left, double fraction) {
        ProgressEstimate p = new ProgressEstimate(done, total, elapsed, 100);
        assertThat(Double.valueOf(p.secondsLeft())).isEqualTo(Double.valueOf(left)); // NaN before the first iteration
        assertThat(p.fraction()).isEqualTo(fraction);
    }

    @Test
    void smoothedLossStartsAtTheFirstLossAndFollowsTheTrend() {
        RunMetrics m = new RunMetrics();
        m.add(it(0, 2.0));
        m.add(it(1, 1.0));
        assertThat(m.iterations().get(0).smoothed()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-12));
        // (0.9·0.1·2 + 0.1·1) / (1 − 0.81) = 0.28 / 0.19
        assertThat(m.iterations().get(1).smoothed()).isCloseTo(0.28 / 0.19, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void csvHasOneRowPerIterationAndEpochColumnsOnTheLastIterationOfEachEpoch() {
        RunMetrics m = new RunMetrics();
        m.add(new TrainingEvent.IterationDone(2.0, 0.01, 100, 0, 0));
        m.add(new TrainingEvent.IterationDone(1.0, 0.01, 200, 0, 1));
        m.add(new TrainingEvent.EpochDone(0, 1.5, 0.5, 1.25, 0.625));
        assertThat(m.toCsv("Run 1")).isEqualTo("""
                # Run 1
                iteration,epoch,loss,smoothed_loss,lr,images_per_second,train_loss,train_acc,val_loss,val_acc
                0,1,2.00000,2.00000,0.0100000,100.000,,,,
                1,1,1.00000,1.47368,0.0100000,200.000,1.50000,0.500000,1.25000,0.625000
                """);
    }

    @Test
    void chartsShowOnlyTickedRunsRawAndSmoothed() {
        TrainingRunRecord a = new TrainingRunRecord(1, "a", Graph.EMPTY, TrainingSettings.defaults(), "d");
        TrainingRunRecord b = new TrainingRunRecord(2, "b", Graph.EMPTY, TrainingSettings.defaults(), "d");
        a.metrics().add(it(0, 2));
        a.metrics().add(it(1, 1));
        b.metrics().add(it(0, 3));
        b.visibleProperty().set(false);
        ChartData.Chart loss = ChartData.iterationLoss(List.of(a, b));
        assertThat(loss.series()).extracting(ChartData.Series::name).containsExactly("Run 1 loss", "Run 1 smoothed");
        assertThat(loss.series().get(0).x()).containsExactly(1, 2);
        assertThat(loss.series().get(0).y()).containsExactly(2, 1);
        b.visibleProperty().set(true);
        b.metrics().add(new TrainingEvent.EpochDone(0, 1, 0.3, 1.1, 0.25));
        ChartData.Chart acc = ChartData.epochAccuracy(List.of(a, b));
        assertThat(acc.series())
                .extracting(ChartData.Series::name)
                .containsExactly("Run 1 train", "Run 1 validation", "Run 2 train", "Run 2 validation");
        assertThat(acc.series().get(3).y()).containsExactly(0.25);
        assertThat(acc.series().get(3).colour()).isEqualTo(1);
    }

    @Test
    void confusionCellsCarryCountsAndRowShares() {
        RunResult r =
                new RunResult(new Evaluation(0.5, new long[][] {{8, 2}, {1, 9}}), List.of("cat", "dog"), List.of());
        assertThat(r.cells())
                .containsExactly(
                        new RunResult.Cell(0, 0, 8, 0.8),
                        new RunResult.Cell(0, 1, 2, 0.2),
                        new RunResult.Cell(1, 0, 1, 0.1),
                        new RunResult.Cell(1, 1, 9, 0.9));
        assertThat(r.perClassLines()).containsExactly("cat: 80.0% (8 of 10)", "dog: 90.0% (9 of 10)");
        assertThat(r.summary()).isEqualTo("validation accuracy 85.0% on 20 images, loss 0.5000");
    }
}
