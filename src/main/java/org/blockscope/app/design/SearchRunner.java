package org.blockscope.app.design;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import org.blockscope.design.Candidate;
import org.blockscope.design.Trial;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.search.Search;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.graph.Shape;

/** Runs one search on its own thread and hands every event to the view-model on the delivering thread. */
final class SearchRunner {

    /** A candidate's progress is reported at most this often. */
    private static final long PROGRESS_NANOS = 250_000_000L;

    private final List<Candidate> candidates;
    private final Shape input;
    private final Path data;
    private final TrainingConfig config;
    private final Executor deliver;
    private final SearchViewModel vm;
    private volatile Search search;
    private volatile boolean cancelled;
    private long lastProgress;

    SearchRunner(
            List<Candidate> candidates,
            Shape input,
            Path data,
            int epochs,
            double lr,
            long seed,
            Executor deliver,
            SearchViewModel vm) {
        this.candidates = candidates;
        this.input = input;
        this.data = data;
        this.config = TrainingConfig.adam(lr, 64, epochs).withSeed(seed);
        this.deliver = deliver;
        this.vm = vm;
    }

    void start() {
        Thread t = new Thread(this::run, "blockscope-search");
        t.setDaemon(true);
        t.start();
    }

    void cancel() {
        cancelled = true;
        Search s = search;
        if (s != null) {
            s.cancel();
        }
    }

    private void run() {
        long t0 = System.nanoTime();
        try {
            TrainingData d = Search.load(DataSpec.detect(data, null), input, 0.2, config.seed());
            Search s = new Search(candidates, d, config);
            search = s;
            if (cancelled) {
                s.cancel();
            }
            deliver.execute(() -> vm.status("Training " + candidates.size() + " networks, " + config.epochs()
                    + " epochs each, on " + d.split().train().size() + " images…"));
            List<Trial> trials = s.run(new Search.Listener() {
                @Override
                public void started(Candidate c, int of) {
                    deliver.execute(() -> vm.started(c));
                }

                @Override
                public void progress(Candidate c, double progress, double loss) {
                    long now = System.nanoTime();
                    if (now - lastProgress > PROGRESS_NANOS) {
                        lastProgress = now;
                        deliver.execute(() -> vm.progress(c, progress));
                    }
                }

                @Override
                public void finished(Trial t) {
                    deliver.execute(() -> vm.finished(t));
                }
            });
            String text = String.format(
                    Locale.ROOT,
                    "%s %d networks in %.0f s.",
                    s.cancelled() ? "Stopped after" : "Trained",
                    trials.size(),
                    (System.nanoTime() - t0) / 1e9);
            deliver.execute(() -> vm.ended(text));
        } catch (DataException e) {
            deliver.execute(() -> vm.ended(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            deliver.execute(() -> vm.ended("Stopped."));
        } catch (RuntimeException e) {
            deliver.execute(() -> vm.ended("The search failed: " + e));
        }
    }
}
