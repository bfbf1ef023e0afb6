package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.model.EditorModel;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.graph.Graph;

/**
 * The runs: Start/Pause/Resume/Stop of the current one and the list to compare. Training always
 * runs on a copy of the graph taken at Start, so editing goes on. Trainer events land in an
 * {@link EventInbox} and are applied in {@link #pump()}, which the view calls every 100 ms (tests
 * call it directly).
 */
public final class TrainingRunsViewModel {

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
    private final TrainingSettingsViewModel settings;
    private final TrainingDataViewModel data;
    private final ModelAccess access;
    private final TrainingService service;
    private final RunProgress progress;
    private final EventInbox inbox = new EventInbox();
    private final List<Consumer<TrainingRun>> starting = new CopyOnWriteArrayList<>();
    private final List<Consumer<TrainingRun>> started = new ArrayList<>();
    private final List<Consumer<TrainingRun>> ended = new ArrayList<>();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper whyNotStart = new ReadOnlyStringWrapper(this, "whyNotStart", "");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(this, "canStart");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyLongWrapper chartRevision = new ReadOnlyLongWrapper(this, "chartRevision");
    private final ObservableList<TrainingRunRecord> runs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TrainingRunRecord> current = new ReadOnlyObjectWrapper<>(this, "current");
    private volatile boolean cancelled;

    public TrainingRunsViewModel(
            EditorModel editor,
            TrainingSettingsViewModel settings,
            TrainingDataViewModel data,
            ModelAccess access,
            TrainingService service,
            RunProgress progress) {
        this.editor = editor;
        this.settings = settings;
        this.data = data;
        this.access = access;
        this.service = service;
        this.progress = progress;
        settings.whyNotProperty().addListener((o, a, b) -> refreshWhyNot());
        state.addListener((o, a, b) -> refreshWhyNot());
        refreshWhyNot();
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyStringProperty whyNotStartProperty() {
        return whyNotStart.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    public RunProgress progress() {
        return progress;
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

    public EventInbox inbox() {
        return inbox;
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

    // ---- the list ------------------------------------------------------------------------------

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
        drop(r);
        bumpCharts();
        return true;
    }

    private void drop(TrainingRunRecord r) {
        runs.remove(r);
        if (current.get() == r) {
            current.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        }
    }

    private void refreshWhyNot() {
        String why = state.get().busy()
                ? "a run is in progress: stop it before starting another"
                : settings.whyNotProperty().get();
        whyNotStart.set(why);
        canStart.set(why.isEmpty());
    }

    // ---- commands ------------------------------------------------------------------------------

    /** Starts a run on a copy of the current graph; does nothing (and says why) if it cannot start. */
    public void start() {
        settings.refresh();
        refreshWhyNot();
        if (!canStart.get()) {
            status.set(whyNotStart.get());
            return;
        }
        Graph snapshot = editor.graph();
        TrainingSettings s = settings.settings();
        Path folder = data.dataFolderProperty().get();
        TrainingRunRecord record = new TrainingRunRecord(
                runs.size() + 1,
                settings.runName(snapshot),
                snapshot,
                s,
                folder.getFileName().toString());
        record.visibleProperty().addListener((o, a, b) -> bumpCharts());
        runs.add(record);
        current.set(record);
        state.set(State.PREPARING);
        cancelled = false;
        progress.reset();
        status.set("Loading " + folder.getFileName() + " and compiling… " + SNAPSHOT_NOTE);
        boolean colour = TrainingRun.inputShape(editor.analysis()).channels() == 3;
        service.prepare(snapshot, s, folder, colour, run -> wire(record, run), why -> {
            drop(record);
            state.set(State.FAILED);
            status.set("Could not start: " + why);
        });
    }

    /** On the preparing thread: hooks the run up before its trainer starts; false when Stop came first. */
    private boolean wire(TrainingRunRecord record, TrainingRun run) {
        if (cancelled) { // Stop was pressed while the data loaded
            service.ui().execute(() -> {
                drop(record);
                state.set(State.STOPPED);
                status.set("Stopped before training began.");
            });
            return false;
        }
        long perEpoch =
                run.data().trainingBatches(record.settings().batchSize(), 0).batchCount();
        record.attach(run, perEpoch * record.settings().epochs());
        run.trainer().addListener(inbox::offer);
        run.trainer().addHook(access.goLive(run.model()));
        starting.forEach(c -> c.accept(run));
        String notes = String.join(" ", run.notes());
        service.ui().execute(() -> {
            progress.started(record.totalIterations());
            state.set(State.RUNNING);
            record.statusProperty().set("training");
            status.set(notes.isEmpty() ? "Training " + record + "." : "Training " + record + ". Note: " + notes);
            started.forEach(c -> c.accept(run));
        });
        return true;
    }

    /** For tests: makes {@code r} the current run, as if it had been prepared with {@code total} iterations. */
    void adopt(TrainingRunRecord r, long total) {
        r.attach(null, total);
        runs.add(r);
        current.set(r);
        state.set(State.RUNNING);
        progress.started(total);
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
                progress.iteration(it);
                changed = true;
            } else if (e instanceof TrainingEvent.EpochDone ep) {
                record.metrics().add(ep);
                changed = true;
            } else if (e instanceof TrainingEvent.Paused) {
                progress.paused();
                state.set(State.PAUSED);
                record.statusProperty().set("paused");
            } else if (e instanceof TrainingEvent.Resumed) {
                progress.resumed();
                state.set(State.RUNNING);
                record.statusProperty().set("training");
            } else {
                end = e;
            }
        }
        if (changed) {
            progress.update(record);
            bumpCharts();
        }
        if (end != null) {
            finish(record, end);
        }
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
            progress.finished();
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

    /** Stops the run in progress (the window closes). */
    public void shutdown() {
        TrainingRun r = currentRun();
        if (r != null) {
            r.trainer().stop();
        }
    }
}
