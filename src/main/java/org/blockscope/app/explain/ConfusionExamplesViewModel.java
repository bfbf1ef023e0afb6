package org.blockscope.app.explain;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.explain.ValidationPredictions;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.graph.Shape;

/**
 * Confusion to examples: the validation images behind one cell of a run's confusion matrix (true class
 * a, predicted b). The predictions of the whole validation set are computed once per run (one inference
 * pass on the idle model, through {@link ModelAccess}) and kept; the newest click wins.
 */
public final class ConfusionExamplesViewModel {

    /** At most this many images are shown per cell. */
    public static final int MAX = 60;

    /** Validation image {@code index}, predicted with probability {@code confidence}. */
    public record Example(int index, Shape shape, float[] pixels, float confidence) {}

    /** What the view shows: the cell, its images (the first {@link #MAX}) and how many there are in all. */
    public record Cell(String title, int actual, int predicted, int count, List<Example> examples) {}

    private static final String KEY = "confusion-examples";

    private final ModelAccess access;
    private final Map<TrainingRun, ValidationPredictions> predictions = new IdentityHashMap<>();
    private final ReadOnlyObjectWrapper<Cell> cell = new ReadOnlyObjectWrapper<>(this, "cell");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private long clicks;

    public ConfusionExamplesViewModel(ModelAccess access) {
        this.access = access;
    }

    public ReadOnlyObjectProperty<Cell> cellProperty() {
        return cell.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Shows the images of {@code run}'s validation set of class {@code actual} predicted as {@code predicted}. */
    public void show(TrainingRun run, String runName, int actual, int predicted) {
        long mine = ++clicks;
        ValidationPredictions p = predictions.get(run);
        if (p != null) {
            cell.set(cell(run, runName, p, actual, predicted));
            message.set("");
            return;
        }
        message.set("Classifying the validation images…");
        Dataset val = run.data().split().validation();
        access.submit(
                KEY,
                run.model(),
                m -> ValidationPredictions.of(m, val, run.data().normalization(), 64),
                got -> {
                    predictions.put(run, got);
                    if (mine == clicks) {
                        cell.set(cell(run, runName, got, actual, predicted));
                        message.set("");
                    }
                },
                e -> message.set("Could not classify the validation images: " + e.getMessage()));
    }

    static Cell cell(TrainingRun run, String runName, ValidationPredictions p, int actual, int predicted) {
        Dataset val = run.data().split().validation();
        List<Integer> indices = p.cell(actual, predicted);
        List<Example> out = new ArrayList<>();
        for (int i : indices.subList(0, Math.min(MAX, indices.size()))) {
            out.add(new Example(i, val.shape(), val.image(i), p.confidence()[i]));
        }
        List<String> names = run.classNames();
        String title = runName + ": true " + name(names, actual) + " → predicted " + name(names, predicted) + ", "
                + indices.size() + " validation image" + (indices.size() == 1 ? "" : "s")
                + (indices.size() > MAX ? " (the first " + MAX + ")" : "");
        return new Cell(title, actual, predicted, indices.size(), out);
    }

    private static String name(List<String> names, int c) {
        return c < names.size() ? "'" + names.get(c) + "'" : "class " + c;
    }
}
