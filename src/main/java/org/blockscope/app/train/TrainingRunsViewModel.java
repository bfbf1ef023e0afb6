package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
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
    private final RunList list = new RunList(r -> r == list().current() && state().busy());
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
        editor.generationProperty().addListener((o, a, b) -> reset());
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

    /** The runs to compare and the current one. */
    public RunList list() {
        return list;
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
                list.runs().size() + 1,
                settings.runName(snapshot),
                snapshot,
                s,
                folder.getFileName().toString());
        list.add(record);
        state.set(State.PREPARING);
        cancelled = false;
        progress.reset();
        status.set("Loading " + folder.getFileName() + " and compiling… " + SNAPSHOT_NOTE);
        boolean colour = TrainingRun.inputShape(editor.analysis()).channels() == 3;
        service.prepare(snapshot, s, folder, colour, run -> wire(record, run), why -> {
            list.drop(record);
            state.set(State.FAILED);
            status.set("Could not start: " + why);
        });
    }

    /** On the preparing thread: hooks the run up before its trainer starts; false when Stop came first. */
    private boolean wire(TrainingRunRecord record, TrainingRun run) {
        if (cancelled || record.stopping()) { // Stop (or another network) came while the data loaded
            return false;
        }
        long perEpoch =
                run.data().trainingBatches(record.settings().batchSize(), 0).batchCount();
        record.attach(run, perEpoch * record.settings().epochs());
        run.trainer().addListener(e -> inbox.offer(record, e));
        run.trainer().addHook(access.goLive(run.model()));
        starting.forEach(c -> c.accept(run));
        String notes = String.join(" ", run.notes());
        service.ui().execute(() -> {
            if (list.current() != record || record.stopping()) {
                return; // stopped, or the list was reset, while the trainer started
            }
            progress.started(record.totalIterations());
            state.set(State.RUNNING);
            record.statusProperty().set("training");
            status.set(notes.isEmpty() ? "Training " + record + "." : "Training " + record + ". Note: " + notes);
            started.forEach(c -> c.accept(run));
        });
        return true;
    }

    /** For tests. */
    EditorModel editorForTests() {
        return editor;
    }

    /** For tests: makes {@code r} the current run, as if it had been prepared with {@code total} iterations. */
    void adopt(TrainingRunRecord r, long total) {
        r.attach(null, total);
        list.add(r);
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

    /**
     * Stops at once as far as the UI is concerned: the state is STOPPED and Start is free again
     * now; the trainer finishes the iteration in progress in the background (its last events still
     * reach this run's record, never a newer run's). A stopped run is not evaluated.
     */
    public void stop() {
        TrainingRunRecord r = list.current();
        if (r == null || !state.get().busy()) {
            return;
        }
        r.stop();
        if (state.get() == State.PREPARING) {
            cancelled = true;
            list.drop(r);
            state.set(State.STOPPED);
            status.set("Stopped before training began.");
            return;
        }
        if (r.run() != null) {
            r.run().trainer().stop();
        }
        state.set(State.STOPPED);
        long done = r.metrics().last() == null ? 0 : r.metrics().last().iteration() + 1;
        r.statusProperty().set("stopped after " + done + " iterations");
        status.set("Stopped after " + done + " iterations (a stopped run is not evaluated).");
    }

    /** Another network replaced the document: its runs, results and run name go. */
    private void reset() {
        TrainingRunRecord r = list.current();
        if (r != null && state.get().busy()) {
            stop();
        }
        list.clear();
        state.set(State.IDLE);
        status.set("");
        progress.reset();
        settings.runNameProperty().set("");
    }

    private TrainingRun currentRun() {
        TrainingRunRecord c = list.current();
        return c == null ? null : c.run();
    }

    /** Applies every event that arrived since the last call (UI thread, every 100 ms). */
    public void pump() {
        List<EventInbox.Tagged> events = inbox.drain();
        TrainingRunRecord record = list.current();
        if (events.isEmpty()) {
            return;
        }
        boolean changed = false;
        TrainingEvent end = null;
        for (EventInbox.Tagged t : events) {
            TrainingRunRecord of = t.run() == null ? record : t.run();
            TrainingEvent e = t.event();
            if (of == null) {
                continue;
            }
            if (of != record || of.stopping()) {
                if (isEnd(e)) {
                    settle(of, e); // a run stopped from the UI (or dropped) ended on its thread
                }
                continue;
            }
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
            list.bump();
        }
        if (end != null) {
            finish(record, end);
        }
    }

    private static boolean isEnd(TrainingEvent e) {
        return e instanceof TrainingEvent.Finished
                || e instanceof TrainingEvent.Stopped
                || e instanceof TrainingEvent.Failed;
    }

    /** The thread of a run that was stopped from the UI has ended: its model is idle again. */
    private void settle(TrainingRunRecord record, TrainingEvent end) {
        TrainingRun run = record.run();
        if (run != null) {
            access.endLive(run.model());
            ended.forEach(c -> c.accept(run));
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
            status.set("Stopped after " + st.iteration() + " iterations (a stopped run is not evaluated).");
        } else {
            state.set(State.FINISHED);
            progress.finished();
            observeSpeed(record);
            record.statusProperty().set("finished");
            status.set("Finished; evaluating on the validation set…");
        }
        if (run == null) {
            return;
        }
        ended.forEach(c -> c.accept(run));
        if (end instanceof TrainingEvent.Finished) {
            int batch = record.settings().batchSize();
            access.submit(
                    "result-" + record.number(),
                    run.model(),
                    m -> RunResult.compute(run, batch, 40),
                    r -> {
                        record.resultProperty().set(r);
                        if (list.current() == record && !state.get().busy()) {
                            status.set(record + ": " + r.summary() + ".");
                        }
                    },
                    e -> status.set("Evaluation failed: " + e.getMessage()));
        }
    }

    /** A finished run tells how fast this machine trains (median speed of its second half). */
    private static void observeSpeed(TrainingRunRecord record) {
        var it = record.metrics().iterations();
        if (it.size() >= 4) {
            double[] v = it.subList(it.size() / 2, it.size()).stream()
                    .mapToDouble(RunMetrics.IterationPoint::imagesPerSecond)
                    .sorted()
                    .toArray();
            MachineSpeed.observed(
                    v[v.length / 2],
                    org.blockscope.analysis.NetworkAnalysis.of(record.graph())
                            .total()
                            .macs());
        }
    }

    /** Stops the run in progress (the window closes). */
    public void shutdown() {
        TrainingRun r = currentRun();
        if (r != null) {
            r.trainer().stop();
        }
    }
}
