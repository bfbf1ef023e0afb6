package org.blockscope.app.explain;

import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.app.inspect.Mailbox;
import org.blockscope.engine.explain.FlowSnapshot;
import org.blockscope.engine.explain.GradientFlow;
import org.blockscope.engine.run.TrainingRun;

/**
 * How gradients flow in the runs of this session: each run gets a {@link GradientFlow} listener when it
 * starts (sampled at most every {@value #EVERY_MILLIS} ms on the trainer thread); the view shows one run,
 * or two side by side to compare, on shared scales. New samples reach the UI coalesced, at most one
 * redraw queued at a time.
 */
public final class GradientFlowViewModel {

    static final long EVERY_MILLIS = 200;

    /** What the heat strip and the line chart show per layer. */
    public enum Metric {
        GRADIENT_NORM("gradient norm ‖∂L/∂W‖"),
        UPDATE_RATIO("update / weight ‖ΔW‖/‖W‖");

        private final String text;

        Metric(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One run followed. */
    public static final class RunFlow {
        private final TrainingRun run;
        private final GradientFlow flow;
        private String name;
        private FlowSnapshot snapshot = FlowSnapshot.EMPTY;

        RunFlow(TrainingRun run, GradientFlow flow, String name) {
            this.run = run;
            this.flow = flow;
            this.name = name;
        }

        public FlowSnapshot snapshot() {
            return snapshot;
        }

        public TrainingRun run() {
            return run;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final Executor ui;
    private final ObservableList<RunFlow> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunFlow> runA = new SimpleObjectProperty<>(this, "runA");
    private final ObjectProperty<RunFlow> runB = new SimpleObjectProperty<>(this, "runB");
    private final BooleanProperty compare = new SimpleBooleanProperty(this, "compare");
    private final ObjectProperty<Metric> metric = new SimpleObjectProperty<>(this, "metric", Metric.GRADIENT_NORM);
    private final ObjectProperty<String> histogramLayer = new SimpleObjectProperty<>(this, "histogramLayer");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");

    /** @param ui runs updates on the UI thread (Platform::runLater; tests: Runnable::run) */
    public GradientFlowViewModel(Executor ui) {
        this.ui = ui;
        runA.addListener((o, a, b) -> bump());
        runB.addListener((o, a, b) -> bump());
        compare.addListener((o, a, b) -> bump());
        metric.addListener((o, a, b) -> bump());
        histogramLayer.addListener((o, a, b) -> bump());
    }

    /**
     * Follows {@code run}: call on the preparing thread before its trainer starts (the model is idle). The
     * run becomes the one shown; the one shown before becomes the other side of the comparison.
     */
    public void attach(TrainingRun run, String name) {
        GradientFlow flow = new GradientFlow(run.model(), EVERY_MILLIS);
        RunFlow r = new RunFlow(run, flow, name);
        Mailbox<FlowSnapshot> box = new Mailbox<>(ui, s -> {
            r.snapshot = s;
            if (r == runA.get() || r == runB.get()) {
                bump();
            }
        });
        flow.onChange(() -> box.post(flow.snapshot()));
        flow.start();
        run.trainer().addListener(flow);
        ui.execute(() -> {
            runs.add(r);
            RunFlow before = runA.get();
            runA.set(r);
            if (before != null) {
                runB.set(before);
            }
        });
    }

    /** Gives the run its name in the list (UI thread). */
    public void name(TrainingRun run, String name) {
        for (RunFlow r : runs) {
            if (r.run == run) {
                r.name = name;
            }
        }
        bump();
    }

    /** Forgets a run (UI thread). */
    public void remove(TrainingRun run) {
        runs.removeIf(r -> r.run == run);
        if (runA.get() != null && runA.get().run == run) {
            runA.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        }
        if (runB.get() != null && runB.get().run == run) {
            runB.set(null);
        }
    }

    public ObservableList<RunFlow> runs() {
        return runs;
    }

    public ObjectProperty<RunFlow> runAProperty() {
        return runA;
    }

    public ObjectProperty<RunFlow> runBProperty() {
        return runB;
    }

    public BooleanProperty compareProperty() {
        return compare;
    }

    public ObjectProperty<Metric> metricProperty() {
        return metric;
    }

    /** The layer whose weight histograms are shown (null: the first). */
    public ObjectProperty<String> histogramLayerProperty() {
        return histogramLayer;
    }

    /** Changes whenever something shown changed: the view redraws. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    /** The runs shown: A, and B when comparing. */
    public List<RunFlow> shown() {
        RunFlow a = runA.get();
        RunFlow b = runB.get();
        if (a == null) {
            return List.of();
        }
        return compare.get() && b != null && b != a ? List.of(a, b) : List.of(a);
    }

    /** The shared scale of what is shown: log10 range of the metric over every run shown. */
    public FlowSeries.Range range() {
        return FlowSeries.range(shown().stream().map(RunFlow::snapshot).toList(), metric.get());
    }

    private void bump() {
        revision.set(revision.get() + 1);
    }
}
