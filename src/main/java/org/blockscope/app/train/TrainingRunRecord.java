package org.blockscope.app.train;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.graph.Graph;

/**
 * One run in the comparison list: the copy of the network it trained, its settings and data, its
 * metrics, and at the end its evaluation. Its checkbox ({@link #visibleProperty()}) shows or hides
 * it in the charts.
 */
public final class TrainingRunRecord {

    private final int number;
    private final String name;
    private final Graph graph;
    private final TrainingSettings settings;
    private final String data;
    private final RunMetrics metrics = new RunMetrics();
    private final BooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final StringProperty status = new SimpleStringProperty(this, "status", "preparing");
    private final ObjectProperty<RunResult> result = new SimpleObjectProperty<>(this, "result");
    private volatile TrainingRun run;
    private volatile boolean stopping;
    private volatile long totalIterations;

    public TrainingRunRecord(int number, String name, Graph graph, TrainingSettings settings, String data) {
        this.number = number;
        this.name = name;
        this.graph = graph;
        this.settings = settings;
        this.data = data;
    }

    public int number() {
        return number;
    }

    /** Index into the chart palette. */
    public int colour() {
        return (number - 1) % ChartData.PALETTE.length;
    }

    public String name() {
        return name;
    }

    /** The network exactly as it was when Start was pressed. */
    public Graph graph() {
        return graph;
    }

    public TrainingSettings settings() {
        return settings;
    }

    public String data() {
        return data;
    }

    public RunMetrics metrics() {
        return metrics;
    }

    public BooleanProperty visibleProperty() {
        return visible;
    }

    public boolean isVisible() {
        return visible.get();
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ObjectProperty<RunResult> resultProperty() {
        return result;
    }

    /** The engine's run, once prepared (null before, and if preparing failed). */
    public TrainingRun run() {
        return run;
    }

    /** Stop was pressed: the UI is done with this run, its thread may still finish an iteration. */
    void stop() {
        stopping = true;
    }

    boolean stopping() {
        return stopping;
    }

    void attach(TrainingRun r, long total) {
        this.run = r;
        this.totalIterations = total;
    }

    public long totalIterations() {
        return totalIterations;
    }

    public String title() {
        return "Run " + number + ": " + name + " — " + settings.describe() + " — " + data;
    }

    public String csv() {
        return metrics.toCsv(title());
    }

    @Override
    public String toString() {
        return "Run " + number + " · " + name;
    }
}
