package org.blockscope.engine.search;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.blockscope.design.Candidate;
import org.blockscope.design.Trial;
import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.run.ClassCount;
import org.blockscope.engine.run.DataLoading;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.train.Trainer;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Trains sampled networks one after the other on the same data with the same settings, each for a
 * few epochs, and reports each one's validation accuracy: the classroom version of comparing a design
 * space's models (Radosavovic et al. 2019) or of a search's inner loop (Zoph et al. 2018). Runs on
 * the calling thread; {@link #cancel()} from another thread stops it before the next iteration.
 */
public final class Search {

    /** What a running search reports, on its own thread. */
    public interface Listener {
        void started(Candidate c, int of);

        /** @param progress 0..1 over this candidate's iterations */
        void progress(Candidate c, double progress, double loss);

        void finished(Trial t);
    }

    private final List<Candidate> candidates;
    private final TrainingData data;
    private final TrainingConfig config;
    private final AtomicReference<Trainer> current = new AtomicReference<>();
    private volatile boolean cancelled;
    private int threads = 1;

    public Search(List<Candidate> candidates, TrainingData data, TrainingConfig config) {
        this.candidates = List.copyOf(candidates);
        this.data = data;
        this.config = config;
    }

    /**
     * Threads each candidate trains on (default 1). The sampled networks are tiny (about 0.1-0.4 MMAC
     * per image), so a parallel region's hand-off costs more than its work: on 2 cores one thread was
     * faster, and much faster when the machine is busy (see {@link
     * org.blockscope.engine.NativeThreads#limitCallingThread}).
     */
    public Search threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
        return this;
    }

    /** The images once for all candidates (they share one input shape), split by the training seed. */
    public static TrainingData load(DataSpec spec, Shape input, double valFraction, long seed) throws DataException {
        return DataLoading.load(spec, input, valFraction, seed, Augmentation.NONE);
    }

    public void cancel() {
        cancelled = true;
        Trainer t = current.get();
        if (t != null) {
            t.stop();
        }
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** Trains every candidate in turn; returns the trials of those trained (all, unless cancelled). */
    public List<Trial> run(Listener listener) throws InterruptedException {
        List<Trial> trials = new ArrayList<>();
        int classes = data.split().train().classCount();
        for (Candidate c : candidates) {
            if (cancelled) {
                break;
            }
            listener.started(c, candidates.size());
            Trial t = train(c, classes, listener);
            if (cancelled && t.failure() != null) {
                break;
            }
            trials.add(t);
            listener.finished(t);
        }
        return trials;
    }

    private Trial train(Candidate c, int classes, Listener listener) throws InterruptedException {
        BufferPool.clear(); // the previous candidate's buffers have other sizes
        long t0 = System.nanoTime();
        Graph g = ClassCount.adapt(c.graph(), classes).graph();
        Model model;
        try {
            model = Compiler.compile(g, new Compiler.Options(config.seed(), DataType.FLOAT));
        } catch (RuntimeException e) {
            return new Trial(c, Double.NaN, Double.NaN, 0, "does not compile: " + e.getMessage());
        }
        Trainer trainer = new Trainer(model, config, DataLoading.trainingFeed(data), DataLoading.validationFeed(data));
        long perEpoch = Math.max(1, (data.split().train().size() + config.batchSize() - 1) / config.batchSize());
        double[] result = {Double.NaN, Double.NaN};
        String[] failure = {null};
        trainer.addListener(e -> {
            if (e instanceof TrainingEvent.IterationDone it) {
                listener.progress(c, (it.iteration() + 1) / (double) (perEpoch * config.epochs()), it.loss());
            } else if (e instanceof TrainingEvent.EpochDone ep) {
                result[0] = ep.valAcc();
                result[1] = ep.valLoss();
            } else if (e instanceof TrainingEvent.Failed f) {
                failure[0] = f.reason();
            } else if (e instanceof TrainingEvent.Stopped) {
                failure[0] = "stopped";
            }
        });
        trainer.threads(threads);
        current.set(trainer);
        try {
            trainer.start();
            trainer.join();
        } finally {
            current.set(null);
        }
        return new Trial(c, result[0], result[1], (System.nanoTime() - t0) / 1e9, failure[0]);
    }
}
