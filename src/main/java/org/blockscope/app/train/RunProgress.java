package org.blockscope.app.train;

import java.util.Locale;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.blockscope.engine.train.TrainingEvent;

/**
 * How far the current run is and how long it still needs ({@link ProgressEstimate}), with the
 * speed smoothed over iterations and paused time left out of the clock.
 */
public final class RunProgress {

    private final LongSupplier nanos;
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(this, "fraction", 0);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
    private long startNanos;
    private long pausedAt;
    private long pausedNanos;
    private double imagesPerSecond;

    RunProgress(LongSupplier nanos) {
        this.nanos = nanos;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** A run is being prepared: nothing done yet. */
    void reset() {
        fraction.set(0);
        text.set("");
        imagesPerSecond = 0;
        pausedNanos = 0;
    }

    /** The trainer started now. */
    void started(long totalIterations) {
        startNanos = nanos.getAsLong();
        text.set(new ProgressEstimate(0, totalIterations, 0, 0).text());
    }

    void iteration(TrainingEvent.IterationDone it) {
        imagesPerSecond =
                imagesPerSecond == 0 ? it.imagesPerSecond() : 0.9 * imagesPerSecond + 0.1 * it.imagesPerSecond();
    }

    void paused() {
        pausedAt = nanos.getAsLong();
    }

    void resumed() {
        pausedNanos += nanos.getAsLong() - pausedAt;
    }

    void finished() {
        fraction.set(1);
    }

    /** Updates the bar and the text from the record's latest iteration. */
    void update(TrainingRunRecord record) {
        RunMetrics.IterationPoint last = record.metrics().last();
        long done = last == null ? 0 : last.iteration() + 1;
        double elapsed = (nanos.getAsLong() - startNanos - pausedNanos) / 1e9;
        ProgressEstimate p = new ProgressEstimate(done, record.totalIterations(), elapsed, imagesPerSecond);
        fraction.set(p.fraction());
        String epochText = last == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        "epoch %d of %d · ",
                        last.epoch() + 1,
                        record.settings().epochs());
        text.set(epochText + p.text());
    }
}
