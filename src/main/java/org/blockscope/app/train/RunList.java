package org.blockscope.app.train;

import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The runs to compare, the current one (the latest started), and a revision the charts redraw on
 * (new points, a run shown, hidden or removed).
 */
public final class RunList {

    private final ObservableList<TrainingRunRecord> runs = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<TrainingRunRecord> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyLongWrapper chartRevision = new ReadOnlyLongWrapper(this, "chartRevision");
    private final Predicate<TrainingRunRecord> inProgress;

    /** @param inProgress whether a record is the run still preparing or training (it cannot be removed) */
    RunList(Predicate<TrainingRunRecord> inProgress) {
        this.inProgress = inProgress;
    }

    public ObservableList<TrainingRunRecord> runs() {
        return runs;
    }

    public ReadOnlyObjectProperty<TrainingRunRecord> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public TrainingRunRecord current() {
        return current.get();
    }

    /** Increases whenever chart data changed (new points, a run shown or hidden). */
    public ReadOnlyLongProperty chartRevisionProperty() {
        return chartRevision.getReadOnlyProperty();
    }

    /** Whether {@code r} can be removed from the list: any run but the one still preparing or training. */
    public boolean canRemove(TrainingRunRecord r) {
        return r != null && runs.contains(r) && !inProgress.test(r);
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
        bump();
        return true;
    }

    /** Adds a run and makes it the current one; its checkbox redraws the charts. */
    void add(TrainingRunRecord r) {
        r.visibleProperty().addListener((o, a, b) -> bump());
        runs.add(r);
        current.set(r);
    }

    void drop(TrainingRunRecord r) {
        runs.remove(r);
        if (current.get() == r) {
            current.set(runs.isEmpty() ? null : runs.get(runs.size() - 1));
        }
    }

    void clear() {
        runs.clear();
        current.set(null);
        bump();
    }

    void bump() {
        chartRevision.set(chartRevision.get() + 1);
    }
}
