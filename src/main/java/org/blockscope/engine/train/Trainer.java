package org.blockscope.engine.train;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a model on its own thread. Listeners and hooks run on that thread between iterations, when
 * the model is quiet: a listener may save a checkpoint on {@link TrainingEvent.EpochDone}; anything
 * handed to another thread must be copied. {@link #pause()}, {@link #resume()} and {@link #stop()}
 * take effect before the next iteration. A run that diverges (loss not finite or far above its start,
 * weights not finite) stops with {@link TrainingEvent.Failed} naming the likely cause ({@link Divergence}).
 */
public final class Trainer {

    /** Called after every iteration on the trainer thread (e.g. a probe that samples every N ms). */
    @FunctionalInterface
    public interface IterationHook {
        void afterIteration(Model model, int epoch, long iteration);
    }

    private enum Control {
        RUN,
        PAUSE,
        STOP
    }

    private final Model model;
    private final TrainingConfig config;
    private final DataFeed train;
    private final DataFeed validation;
    private final Optimizer optimizer;
    private final List<Consumer<TrainingEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<IterationHook> hooks = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private Control control = Control.RUN;
    private Thread thread;
    private volatile int epoch;
    private volatile long iteration;
    private int threads;

    /** @param validation may be null */
    public Trainer(Model model, TrainingConfig config, DataFeed train, DataFeed validation) {
        this.model = model;
        this.config = config;
        this.train = train;
        this.validation = validation;
        this.optimizer = new Optimizer(config.optimizer());
    }

    public Model model() {
        return model;
    }

    public TrainingConfig config() {
        return config;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    /** Epochs completed so far. */
    public int epoch() {
        return epoch;
    }

    /** Iterations completed so far. */
    public long iteration() {
        return iteration;
    }

    public void addListener(Consumer<TrainingEvent> l) {
        listeners.add(l);
    }

    public void addHook(IterationHook h) {
        hooks.add(h);
    }

    /** Continues a run from a checkpoint: the model's tensors must be restored already. Call before start. */
    public void resumeFrom(Checkpoints.Checkpoint c) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        optimizer.restore(c.optimizerState(), c.optimizerSteps());
        epoch = c.epoch();
        iteration = c.iteration();
    }

    /**
     * Runs the training on n threads (OpenMP regions and the Java loops), instead of all the cores; for
     * tiny networks, where a parallel hand-off costs more than the work. Call before {@link #start()}.
     */
    public synchronized Trainer threads(int n) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
        return this;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = new Thread(this::run, "blockscope-trainer");
        thread.setDaemon(true);
        thread.start();
    }

    public void pause() {
        set(Control.PAUSE);
    }

    public void resume() {
        set(Control.RUN);
    }

    public void stop() {
        set(Control.STOP);
    }

    private void set(Control c) {
        synchronized (lock) {
            if (control != Control.STOP) {
                control = c;
            }
            lock.notifyAll();
        }
    }

    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Waits until the run ends (finished, failed or stopped). */
    public void join() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join();
        }
    }

    private void emit(TrainingEvent e) {
        for (Consumer<TrainingEvent> l : listeners) {
            l.accept(e);
        }
    }

    /** @return false if the run must stop */
    private boolean checkControl() throws InterruptedException {
        synchronized (lock) {
            if (control == Control.PAUSE) {
                emit(new TrainingEvent.Paused(epoch, iteration));
                while (control == Control.PAUSE) {
                    lock.wait();
                }
                if (control == Control.RUN) {
                    emit(new TrainingEvent.Resumed(epoch, iteration));
                }
            }
            if (control == Control.STOP) {
                emit(new TrainingEvent.Stopped(epoch, iteration));
                return false;
            }
            return true;
        }
    }

    private void run() {
        if (threads > 0) {
            org.blockscope.engine.NativeThreads.limitCallingThread(threads);
            org.blockscope.engine.backend.Workers.limitCallingThread(threads);
        }
        model.keepPreviousPass(false); // the loop never reads an earlier pass: halves peak memory
        model.computeInputGradient(false); // nothing reads dLoss/dImage: the first conv skips it
        model.fastTraining(true); // nor pre-ReLU batch-norm outputs: fused
        Divergence divergence = new Divergence(model, config);
        try {
            BatchSource trainBatches = train.batches(config.batchSize(), config.seed());
            BatchSource valBatches = validation == null ? null : validation.batches(config.batchSize(), config.seed());
            for (int e = epoch; e < config.epochs(); e++) {
                double lossSum = 0;
                long right = 0;
                long seen = 0;
                int b = 0;
                for (Iterator<Batch> it = trainBatches.epoch(e); it.hasNext(); b++) {
                    if (!checkControl()) {
                        return;
                    }
                    Batch batch = it.next();
                    double lr = config.schedule()
                            .lr(config.learningRate(), e, (double) b / trainBatches.batchCount(), config.epochs());
                    long t0 = System.nanoTime();
                    INDArray p = model.forward(batch.x(), Mode.TRAINING, config.seed() * 1_000_003L + iteration);
                    INDArray predicted = p.argMax(1);
                    double loss = model.backward(batch.labels());
                    Optional<String> diverged = divergence.afterLoss(loss, lr, e, iteration);
                    if (diverged.isEmpty()) {
                        optimizer.step(model, lr);
                        diverged = divergence.afterStep(lr, e, iteration);
                    }
                    if (diverged.isPresent()) {
                        emit(new TrainingEvent.Failed(diverged.get()));
                        return;
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    for (int i = 0; i < batch.size(); i++) {
                        if (predicted.getInt(i) == batch.labels()[i]) {
                            right++;
                        }
                    }
                    lossSum += loss * batch.size();
                    seen += batch.size();
                    iteration++;
                    emit(new TrainingEvent.IterationDone(loss, lr, batch.size() / seconds, e, iteration - 1));
                    for (IterationHook h : hooks) {
                        h.afterIteration(model, e, iteration - 1);
                    }
                }
                double valLoss = Double.NaN;
                double valAcc = Double.NaN;
                if (valBatches != null) {
                    Evaluation ev = Evaluation.of(model, valBatches);
                    valLoss = ev.loss();
                    valAcc = ev.accuracy();
                }
                epoch = e + 1;
                emit(new TrainingEvent.EpochDone(e, lossSum / seen, (double) right / seen, valLoss, valAcc));
            }
            emit(new TrainingEvent.Finished(config.epochs(), iteration));
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            emit(new TrainingEvent.Stopped(epoch, iteration));
        } catch (RuntimeException | OutOfMemoryError ex) {
            emit(new TrainingEvent.Failed(ex.getClass().getSimpleName() + ": " + ex.getMessage()));
        } finally {
            model.keepPreviousPass(true);
            model.computeInputGradient(true);
            model.fastTraining(false);
        }
    }
}
