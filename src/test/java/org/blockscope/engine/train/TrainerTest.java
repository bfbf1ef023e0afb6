package org.blockscope.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class TrainerTest {

    private static List<TrainingEvent> run(Trainer t) throws InterruptedException {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        t.addListener(events::add);
        t.start();
        t.join();
        return events;
    }

    @Test
    void lenetLearnsSeparableDigitsInAFewSeconds() throws Exception {
        Model m = Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(1, DataType.FLOAT));
        ArrayData train = Synthetic.digits(600, 10, 28, 1);
        ArrayData val = Synthetic.digits(200, 10, 28, 2);
        long t0 = System.nanoTime();
        List<TrainingEvent> events = run(new Trainer(m, TrainingConfig.adam(2e-3, 32, 3), train, val));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Finished.class);
        List<TrainingEvent.EpochDone> epochs = events.stream()
                .filter(e -> e instanceof TrainingEvent.EpochDone)
                .map(e -> (TrainingEvent.EpochDone) e)
                .toList();
        assertThat(epochs).hasSize(3);
        assertThat(epochs.get(2).valAcc()).isGreaterThan(0.95);
        assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.IterationDone))
                .hasSize(3 * 19);
        assertThat(seconds).isLessThan(30);
        Evaluation ev = Evaluation.of(m, val.batches(50, 0));
        assertThat(ev.accuracy()).isCloseTo(epochs.get(2).valAcc(), within(1e-9));
        assertThat(ev.total()).isEqualTo(200);
        assertThat(ev.perClassAccuracy()).hasSize(10);
    }

    @Test
    void divergingLossFailsWithAdvice() throws Exception {
        Model m = Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(1, DataType.FLOAT));
        TrainingConfig cfg =
                new TrainingConfig(new OptimizerConfig.Sgd(0.9, false, 0), 1e38, new Schedule.Constant(), 16, 2, 1);
        List<TrainingEvent> events = run(new Trainer(m, cfg, Synthetic.digits(64, 10, 28, 3), null));
        TrainingEvent last = events.get(events.size() - 1);
        assertThat(last)
                .isInstanceOfSatisfying(
                        TrainingEvent.Failed.class, f -> assertThat(f.reason()).contains("lower the learning rate"));
    }

    @Test
    void pauseResumeAndStopTakeEffectBetweenIterations() throws Exception {
        Model m = Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(1, DataType.FLOAT));
        Trainer t = new Trainer(m, TrainingConfig.sgd(0.01, 8, 50), Synthetic.digits(64, 10, 28, 4), null);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        CountDownLatch third = new CountDownLatch(3);
        CountDownLatch paused = new CountDownLatch(1);
        t.addListener(e -> {
            events.add(e);
            if (e instanceof TrainingEvent.IterationDone) {
                third.countDown();
            }
            if (e instanceof TrainingEvent.Paused) {
                paused.countDown();
            }
        });
        t.start();
        assertThat(third.await(20, TimeUnit.SECONDS)).isTrue();
        t.pause();
        assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
        long at = t.iteration();
        Thread.sleep(200);
        assertThat(t.iteration()).isEqualTo(at);
        t.resume();
        Thread.sleep(200);
        t.stop();
        t.join();
        assertThat(events).anyMatch(e -> e instanceof TrainingEvent.Resumed);
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainingEvent.Stopped.class);
        assertThat(t.iteration()).isLessThan(50 * 8);
    }

    @Test
    void checkpointRoundTripAndResumeContinueAsIfUninterrupted(@TempDir Path dir) throws Exception {
        ArrayData data = Synthetic.digits(96, 10, 28, 5);
        TrainingConfig cfg = TrainingConfig.sgd(0.02, 32, 2);
        Model straight = Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(3, DataType.FLOAT));
        run(new Trainer(straight, cfg, data, null));

        Model first = Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(3, DataType.FLOAT));
        Trainer one = new Trainer(first, cfg.withEpochs(1), data, null);
        run(one);
        Path file = dir.resolve("run.bsc.zip");
        Checkpoints.save(file, first, one.optimizer(), one.epoch(), one.iteration());
        assertThat(Files.list(dir)).containsExactly(file);

        Checkpoints.Checkpoint c = Checkpoints.load(file);
        assertThat(c.graph()).isEqualTo(Templates.graph("lenet5"));
        assertThat(c.epoch()).isEqualTo(1);
        assertThat(c.iteration()).isEqualTo(3);
        Model restored = c.toModel();
        for (Tensor t : first.tensors().values()) {
            assertThat(restored.tensors().get(t.name()).value()).as(t.name()).isEqualTo(t.value());
        }
        Trainer two = new Trainer(restored, cfg, data, null);
        two.resumeFrom(c);
        List<TrainingEvent> events = run(two);
        assertThat(events.stream().filter(e -> e instanceof TrainingEvent.IterationDone))
                .hasSize(3);
        for (Tensor t : straight.tensors().values()) {
            INDArray other = restored.tensors().get(t.name()).value();
            assertThat(other.equalsWithEps(t.value(), 1e-5)).as(t.name()).isTrue();
        }
    }
}
