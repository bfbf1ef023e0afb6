package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.blockscope.app.model.LatestWins;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;

/**
 * The slow work of the training panel, off the UI thread: loading a data folder for its preview
 * (the newest request wins) and loading the data and compiling a run (one at a time). The
 * view-models decide what to ask; answers come back through {@link #ui()}.
 */
public final class TrainingService {

    private final Executor deliver;
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockscope-prepare");
        t.setDaemon(true);
        return t;
    });
    private final LatestWins<DataPreview> previewer;

    /** @param deliver runs results on the UI thread (Platform::runLater; tests: Runnable::run) */
    public TrainingService(Executor deliver) {
        this.deliver = deliver;
        this.previewer = new LatestWins<>("blockscope-data-preview", deliver);
    }

    public Executor ui() {
        return deliver;
    }

    /** Loads a preview of {@code folder} at {@code input}; the result or the reason reaches the UI thread. */
    public void preview(
            Path folder,
            Shape input,
            double valFraction,
            long seed,
            Consumer<DataPreview> onResult,
            Consumer<String> onError) {
        previewer.submit(
                () -> {
                    try {
                        return DataPreview.load(folder, input, valFraction, seed, 3);
                    } catch (DataException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                },
                onResult,
                e -> onError.accept(e.getMessage()));
    }

    /**
     * Loads the data and compiles {@code snapshot} on the preparing thread. {@code onPrepared} runs
     * there too, before the trainer starts (to add listeners and hooks); when it returns true the
     * trainer starts. A failure's reason reaches {@code onFailed} on the UI thread.
     */
    public void prepare(
            Graph snapshot,
            TrainingSettings s,
            Path folder,
            boolean colour,
            Predicate<TrainingRun> onPrepared,
            Consumer<String> onFailed) {
        preparer.execute(() -> {
            TrainingRun run;
            try {
                run = TrainingRun.prepare(
                        snapshot,
                        DataSpec.detect(folder, null),
                        new TrainingRun.Settings(s.toConfig(), s.valFraction(), s.augmentation(colour)));
            } catch (DataException | RuntimeException e) {
                String why = e instanceof CompileException ce
                        ? "the network is invalid: "
                                + ce.diagnostics().stream()
                                        .filter(Diagnostic::isError)
                                        .map(Diagnostic::toString)
                                        .collect(Collectors.joining("; "))
                        : e.getMessage();
                deliver.execute(() -> onFailed.accept(why));
                return;
            }
            if (onPrepared.test(run)) {
                run.trainer().start();
            }
        });
    }

    /** Runs {@code work} on the preparing thread, then {@code then} on the UI thread (failures are ignored). */
    public void background(Runnable work, Runnable then) {
        preparer.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                return; // no measurement: the estimate says so
            }
            deliver.execute(then);
        });
    }

    public void shutdown() {
        preparer.shutdownNow();
        previewer.shutdown();
    }
}
