package org.blockscope.app.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.LatestWins;
import org.blockscope.block.NamedBlock;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;

/**
 * The training panel's view-model: data choice and preview, settings, Start/Pause/Resume/Stop, the
 * runs to compare, progress. Training always runs on a copy of the graph taken at Start, so editing
 * goes on. Trainer events land in an {@link EventInbox} and are applied in {@link #pump()}, which
 * the view calls every 100 ms (tests call it directly).
 */
public final class TrainingViewModel {

    public enum State {
        IDLE,
        PREPARING,
        RUNNING,
        PAUSED,
        FINISHED,
        STOPPED,
        FAILED;

        public boolean busy() {
            return this == PREPARING || this == RUNNING || this == PAUSED;
        }
    }

    public static final String SNAPSHOT_NOTE =
            "Training a copy of the network as it was at Start: you can keep editing.";

    private final EditorModel editor;
    private final ModelAccess access;
    private final Executor deliver;
    private final Path samples;
    private final LongSupplier nanos;
    private final ExecutorService preparer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockscope-prepare");
        t.setDaemon(true);
        return t;
    });
    private final LatestWins<DataPreview> previewer;
    private final EventInbox inbox = new EventInbox();
    private final List<Consumer<TrainingRun>> starting = new CopyOnWriteArrayList<>();
    private final List<Consumer<TrainingRun>> ended = new ArrayList<>();
    private final List<Consumer<TrainingRun>> started = new ArrayList<>();

    private final ObjectProperty<Path> dataFolder = new SimpleObjectProperty<>(this, "dataFolder");
    private final ReadOnlyObjectWrapper<DataPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewMessage = new ReadOnlyStringWrapper(this, "previewMessage", "");
    private final ObjectProperty<TrainingSettings.Optimiser> optimiser =
            new SimpleObjectProperty<>(this, "optimiser", TrainingSettings.Optimiser.ADAM);
    private final DoubleProperty learningRate = new SimpleDoubleProperty(this, "learningRate", 0.001);
    private final ObjectProperty<TrainingSettings.LrSchedule> schedule =
            new SimpleObjectProperty<>(this, "schedule", TrainingSettings.LrSchedule.CONSTANT);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(this, "batchSize", 64);
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 1);
    private final DoubleProperty valFraction = new SimpleDoubleProperty(this, "valFraction", 0.2);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 1);
    private final BooleanProperty augment = new SimpleBooleanProperty(this, "augment", false);
    private final StringProperty runName = new SimpleStringProperty(this, "runName", "");

    private final ReadOnlyStringWrapper whyNotStart = new ReadOnlyStringWrapper(this, "whyNotStart", "");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private volatile boolean cancelled;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyLongWrapper chartRevision = new ReadOnlyLongWrapper(this, "chartRevision");
    private final ObservableList<TrainingRunRecord> runs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TrainingRunRecord> current = new ReadOnlyObjectWrapper<>(this, "current");

    private boolean userChoseData;
    private long startNanos;
    private long pausedAt;
    private long pausedNanos;
    private double imagesPerSecond;

    /**
     * @param deliver runs results on the UI thread (Platform::runLater; tests: Runnable::run)
     * @param samples the bundled sample-images folder
     */
    public TrainingViewModel(
            EditorModel editor, ModelAccess access, Executor deliver, Path samples, LongSupplier nanos) {
        this.editor = editor;
        this.access = access;
        this.deliver = deliver;
        this.samples = samples;
        this.nanos = nanos;
        this.previewer = new LatestWins<>("blockscope-data-preview", deliver);
        ChangeListener<Object> recheck = (o, a, b) -> refreshWhyNot();
        editor.analysisProperty().addListener((o, a, b) -> {
            followNetwork();
            refreshWhyNot();
        });
        for (javafx.beans.value.ObservableValue<?> v : List.of(
                state,
                previewMessage,
                optimiser,
                learningRate,
                schedule,
                batchSize,
                epochs,
                valFraction,
                seed,
                dataFolder)) {
            v.addListener(recheck);
        }
        dataFolder.addListener((o, a, b) -> reloadPreview());
        valFraction.addListener((o, a, b) -> reloadPreview());
        followNetwork();
        refreshWhyNot();
    }

    public TrainingViewModel(EditorModel editor, ModelAccess access, Executor deliver, Path samples) {
        this(editor, access, deliver, samples, System::nanoTime);
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<Path> dataFolderProperty() {
        return dataFolder;
    }

    public ReadOnlyObjectProperty<DataPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewMessageProperty() {
        return previewMessage.getReadOnlyProperty();
    }

    public ObjectProperty<TrainingSettings.Optimiser> optimiserProperty() {
        return optimiser;
    }

    public DoubleProperty learningRateProperty() {
        return learningRate;
    }

    public ObjectProperty<TrainingSettings.LrSchedule> scheduleProperty() {
        return schedule;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public DoubleProperty valFractionProperty() {
        return valFraction;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public BooleanProperty augmentProperty() {
        return augment;
    }

    /** Name for the next run (blank: derived from the network). */
    public StringProperty runNameProperty() {
        return runName;
    }

    public ReadOnlyStringProperty whyNotStartProperty() {
        return whyNotStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Increases whenever chart data changed (new points, a run shown or hidden). */
    public ReadOnlyLongProperty chartRevisionProperty() {
        return chartRevision.getReadOnlyProperty();
    }

    public ObservableList<TrainingRunRecord> runs() {
        return runs;
    }

    public ReadOnlyObjectProperty<TrainingRunRecord> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Whether {@code r} can be removed from the list: any run but the one still preparing or training. */
    public boolean canRemove(TrainingRunRecord r) {
        return r != null
                && runs.contains(r)
                && !(r == current.get() && state.get().busy());
    }

    /**
     * Removes a finished, stopped or failed run from the list and the charts (its results go with it).
     * The run in progress cannot be removed: stop it first.
     *
     * @return whether it was removed
     */
    public boolean removeRun(TrainingRunRecord r) {
        if (!canRemove(r)) {
            return false;
        }
        runs.remove(r);
        if (current.get() == r) {
            current.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        }
        bumpCharts();
        return true;
    }

    public EventInbox inbox() {
        return inbox;
    }

    public TrainingSettings settings() {
        return new TrainingSettings(
                optimiser.get(),
                learningRate.get(),
                schedule.get(),
                batchSize.get(),
                epochs.get(),
                valFraction.get(),
                seed.get(),
                augment.get());
    }

    /** Bundled data sets (sample-images/digits, sample-images/colour32) that exist. */
    public List<Path> bundledSets() {
        return List.of(samples.resolve("digits"), samples.resolve("colour32")).stream()
                .filter(Files::isDirectory)
                .toList();
    }

    /** The user picked a data folder: stop following the network's input channels. */
    public void chooseData(Path folder) {
        userChoseData = true;
        dataFolder.set(folder);
    }

    /** Called on the preparing thread after the run is wired and before its trainer starts (add hooks here). */
    public void onRunStarting(Consumer<TrainingRun> c) {
        starting.add(c);
    }

    /** Called on the UI thread when the first events of a run arrive. */
    public void onRunStarted(Consumer<TrainingRun> c) {
        started.add(c);
    }

    /** Called on the UI thread when a run finished, failed or was stopped. */
    public void onRunEnded(Consumer<TrainingRun> c) {
        ended.add(c);
    }

    // ---- rules ---------------------------------------------------------------------------------

    private void followNetwork() {
        if (userChoseData) {
            return;
        }
        NetworkAnalysis a = editor.analysis();
        int channels = a.hasErrors() ? 1 : TrainingRun.inputShape(a).channels();
        Path want = samples.resolve(channels == 3 ? "colour32" : "digits");
        if (!want.equals(dataFolder.get())) {
            dataFolder.set(want);
        } else if (preview.get() == null || !preview.get().summary().shape().equals(inputShapeOrNull())) {
            reloadPreview();
        }
    }

    private Shape inputShapeOrNull() {
        NetworkAnalysis a = editor.analysis();
        return a.hasErrors() ? null : TrainingRun.inputShape(a);
    }

    private void reloadPreview() {
        Path folder = dataFolder.get();
        Shape input = inputShapeOrNull();
        if (folder == null) {
            preview.set(null);
            previewMessage.set("choose a data folder");
            return;
        }
        if (input == null) {
            previewMessage.set("the data is shown at the network's input shape, once the network is valid");
            return;
        }
        double vf = valFraction.get();
        long s = seed.get();
        previewMessage.set("loading " + folder.getFileName() + "…");
        previewer.submit(
                () -> {
                    try {
                        return DataPreview.load(folder, input, vf >= 0 && vf < 1 ? vf : 0.2, s, 3);
                    } catch (DataException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                },
                p -> {
                    preview.set(p);
                    previewMessage.set("");
                },
                e -> {
                    preview.set(null);
                    previewMessage.set("cannot use this data: " + e.getMessage());
                });
    }

    private void refreshWhyNot() {
        String why = whyNot();
        whyNotStart.set(why);
        canStart.set(why.isEmpty());
    }

    private String whyNot() {
        if (state.get().busy()) {
            return "a run is in progress: stop it before starting another";
        }
        NetworkAnalysis a = editor.analysis();
        List<Diagnostic> errors =
                a.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            String list = errors.stream()
                    .limit(3)
                    .map(d -> (d.node() == null ? "" : "'" + d.node() + "': ") + d.message())
                    .collect(Collectors.joining("; "));
            return "The network cannot train (" + errors.size() + " error" + (errors.size() == 1 ? "" : "s") + "): "
                    + list + (errors.size() > 3 ? "; …" : "");
        }
        if (dataFolder.get() == null || !Files.isDirectory(dataFolder.get())) {
            return "choose a data folder"
                    + (dataFolder.get() == null ? "" : ": " + dataFolder.get() + " does not exist");
        }
        if (previewMessage.get().startsWith("cannot use")) {
            return previewMessage.get();
        }
        return settings().problem().orElse("");
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Starts a run on a copy of the current graph; does nothing (and says why) if it cannot start. */
    public void start() {
        refreshWhyNot();
        if (!canStart.get()) {
            status.set(whyNotStart.get());
            return;
        }
        Graph snapshot = editor.graph();
        TrainingSettings s = settings();
        Path folder = dataFolder.get();
        String name =
                runName.get().isBlank() ? defaultName(snapshot) : runName.get().trim();
        TrainingRunRecord record = new TrainingRunRecord(
                runs.size() + 1, name, snapshot, s, folder.getFileName().toString());
        record.visibleProperty().addListener((o, a, b) -> bumpCharts());
        runs.add(record);
        current.set(record);
        state.set(State.PREPARING);
        cancelled = false;
        progress.set(0);
        progressText.set("");
        imagesPerSecond = 0;
        pausedNanos = 0;
        status.set("Loading " + folder.getFileName() + " and compiling… " + SNAPSHOT_NOTE);
        boolean colour = TrainingRun.inputShape(editor.analysis()).channels() == 3;
        preparer.execute(() -> prepare(record, snapshot, s, folder, colour));
    }

    private void prepare(TrainingRunRecord record, Graph snapshot, TrainingSettings s, Path folder, boolean colour) {
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
            deliver.execute(() -> {
                runs.remove(record);
                current.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
                state.set(State.FAILED);
                status.set("Could not start: " + why);
            });
            return;
        }
        if (cancelled) { // Stop was pressed while the data loaded
            deliver.execute(() -> {
                runs.remove(record);
                current.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
                state.set(State.STOPPED);
                status.set("Stopped before training began.");
            });
            return;
        }
        long perEpoch = run.data().trainingBatches(s.batchSize(), 0).batchCount();
        record.attach(run, perEpoch * s.epochs());
        run.trainer().addListener(inbox::offer);
        run.trainer().addHook(access.goLive(run.model()));
        starting.forEach(c -> c.accept(run));
        String notes = String.join(" ", run.notes());
        deliver.execute(() -> {
            startNanos = nanos.getAsLong();
            state.set(State.RUNNING);
            record.statusProperty().set("training");
            status.set(notes.isEmpty() ? "Training " + record + "." : "Training " + record + ". Note: " + notes);
            progressText.set(new ProgressEstimate(0, record.totalIterations(), 0, 0).text());
            started.forEach(c -> c.accept(run));
        });
        run.trainer().start();
    }

    private static String defaultName(Graph g) {
        boolean se = g.nodes().stream()
                .anyMatch(n -> n.kind() == NamedBlock.SE
                        || (n.params().has("se")
                                && Boolean.TRUE.equals(n.params().get("se"))));
        return g.nodes().size() + " blocks" + (se ? ", with SE" : "");
    }

    /** For tests: makes {@code r} the current run, as if it had been prepared with {@code total} iterations. */
    void adopt(TrainingRunRecord r, long total) {
        r.attach(null, total);
        runs.add(r);
        current.set(r);
        state.set(State.RUNNING);
        startNanos = nanos.getAsLong();
    }

    public void pause() {
        TrainingRun r = currentRun();
        if (r != null && state.get() == State.RUNNING) {
            r.trainer().pause();
        }
    }

    public void resume() {
        TrainingRun r = currentRun();
        if (r != null && state.get() == State.PAUSED) {
            r.trainer().resume();
        }
    }

    public void stop() {
        if (state.get() == State.PREPARING) {
            cancelled = true;
            status.set("Stopping as soon as the data is loaded…");
            return;
        }
        TrainingRun r = currentRun();
        if (r != null && state.get().busy()) {
            r.trainer().stop();
        }
    }

    private TrainingRun currentRun() {
        TrainingRunRecord c = current.get();
        return c == null ? null : c.run();
    }

    /** Applies every event that arrived since the last call (UI thread, every 100 ms). */
    public void pump() {
        List<TrainingEvent> events = inbox.drain();
        TrainingRunRecord record = current.get();
        if (events.isEmpty() || record == null) {
            return;
        }
        boolean changed = false;
        TrainingEvent end = null;
        for (TrainingEvent e : events) {
            if (e instanceof TrainingEvent.IterationDone it) {
                record.metrics().add(it);
                imagesPerSecond = imagesPerSecond == 0
                        ? it.imagesPerSecond()
                        : 0.9 * imagesPerSecond + 0.1 * it.imagesPerSecond();
                changed = true;
            } else if (e instanceof TrainingEvent.EpochDone ep) {
                record.metrics().add(ep);
                changed = true;
            } else if (e instanceof TrainingEvent.Paused) {
                pausedAt = nanos.getAsLong();
                state.set(State.PAUSED);
                record.statusProperty().set("paused");
            } else if (e instanceof TrainingEvent.Resumed) {
                pausedNanos += nanos.getAsLong() - pausedAt;
                state.set(State.RUNNING);
                record.statusProperty().set("training");
            } else {
                end = e;
            }
        }
        if (changed) {
            updateProgress(record);
            bumpCharts();
        }
        if (end != null) {
            finish(record, end);
        }
    }

    private void updateProgress(TrainingRunRecord record) {
        RunMetrics.IterationPoint last = record.metrics().last();
        long done = last == null ? 0 : last.iteration() + 1;
        double elapsed = (nanos.getAsLong() - startNanos - pausedNanos) / 1e9;
        ProgressEstimate p = new ProgressEstimate(done, record.totalIterations(), elapsed, imagesPerSecond);
        progress.set(p.fraction());
        String epochText = last == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "epoch %d of %d · ",
                        last.epoch() + 1,
                        record.settings().epochs());
        progressText.set(epochText + p.text());
    }

    private void finish(TrainingRunRecord record, TrainingEvent end) {
        TrainingRun run = record.run();
        if (run != null) { // null only for records adopted by tests
            access.endLive(run.model());
        }
        if (end instanceof TrainingEvent.Failed f) {
            state.set(State.FAILED);
            record.statusProperty().set("failed");
            status.set("Training failed: " + f.reason());
        } else if (end instanceof TrainingEvent.Stopped st) {
            state.set(State.STOPPED);
            record.statusProperty().set("stopped after " + st.iteration() + " iterations");
            status.set("Stopped after " + st.iteration() + " iterations; evaluating on the validation set…");
        } else {
            state.set(State.FINISHED);
            progress.set(1);
            record.statusProperty().set("finished");
            status.set("Finished; evaluating on the validation set…");
        }
        if (run == null) {
            return;
        }
        ended.forEach(c -> c.accept(run));
        if (!(end instanceof TrainingEvent.Failed)) {
            int batch = record.settings().batchSize();
            access.submit(
                    "result-" + record.number(),
                    run.model(),
                    m -> RunResult.compute(run, batch, 40),
                    r -> {
                        record.resultProperty().set(r);
                        if (current.get() == record && !state.get().busy()) {
                            status.set(record + ": " + r.summary() + ".");
                        }
                    },
                    e -> status.set("Evaluation failed: " + e.getMessage()));
        }
    }

    private void bumpCharts() {
        chartRevision.set(chartRevision.get() + 1);
    }

    public void shutdown() {
        TrainingRun r = currentRun();
        if (r != null) {
            r.trainer().stop();
        }
        preparer.shutdownNow();
        previewer.shutdown();
    }
}
