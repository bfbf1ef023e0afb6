package org.blockscope.app.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Batches;
import org.blockscope.engine.inspect.Inspector;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.run.DataLoading;

/**
 * Squeeze-and-excitation weights: per SE block, the excitation (0..1) of every channel for the
 * probe image (live while training), in channel order or sorted; and a class × channel heat map of
 * mean excitations over the validation set (at the end of a run, or on demand).
 */
public final class SeWeightsViewModel {

    public record Bar(int channel, double value) {}

    /** Mean excitation per class and channel of one SE block. */
    public record PerClass(String block, List<String> classNames, double[][] means) {}

    private static final String KEY = "se-gates";
    private static final String PER_CLASS = "se-per-class";

    private final InspectionModel inspection;
    private final ObservableList<String> blocks = FXCollections.observableArrayList();
    private final ObjectProperty<String> block = new SimpleObjectProperty<>(this, "block");
    private final BooleanProperty sorted = new SimpleBooleanProperty(this, "sorted", false);
    private final ReadOnlyObjectWrapper<Map<String, double[]>> gates =
            new ReadOnlyObjectWrapper<>(this, "gates", Map.of());
    private final ReadOnlyObjectWrapper<List<Bar>> bars = new ReadOnlyObjectWrapper<>(this, "bars", List.of());
    private final ReadOnlyObjectWrapper<Map<String, double[][]>> perClass =
            new ReadOnlyObjectWrapper<>(this, "perClass");
    private final ReadOnlyObjectWrapper<PerClass> heatMap = new ReadOnlyObjectWrapper<>(this, "heatMap");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private List<String> classNames = List.of();
    private Model perClassModel;

    public SeWeightsViewModel(InspectionModel inspection) {
        this.inspection = inspection;
        inspection.revisionProperty().addListener((o, a, b) -> refresh());
        inspection.editor().generationProperty().addListener((o, a, b) -> {
            perClassModel = null;
            perClass.set(null);
            gates.set(Map.of());
            refresh();
        });
        block.addListener((o, a, b) -> rebuild());
        sorted.addListener((o, a, b) -> rebuild());
        gates.addListener((o, a, b) -> rebuild());
        perClass.addListener((o, a, b) -> rebuild());
        refresh();
    }

    public ObservableList<String> blocks() {
        return blocks;
    }

    public ObjectProperty<String> blockProperty() {
        return block;
    }

    public BooleanProperty sortedProperty() {
        return sorted;
    }

    public ReadOnlyObjectProperty<List<Bar>> barsProperty() {
        return bars.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PerClass> heatMapProperty() {
        return heatMap.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Gate values of every SE block for the probe (block path → one value per channel). */
    public Map<String, double[]> gates() {
        return gates.get();
    }

    public void refresh() {
        InspectionModel.Target t = inspection.target();
        List<String> found = t == null ? List.of() : NodePaths.seBlocks(t.expanded());
        if (!blocks.equals(found)) {
            blocks.setAll(found);
        }
        if (found.isEmpty()) {
            block.set(null);
            message.set(
                    t == null
                            ? inspection.sourceTextProperty().get()
                            : "This network has no squeeze-and-excitation block (try the SE-ResNet-20 template).");
            gates.set(Map.of());
            inspection.access().stopSampling(KEY);
            return;
        }
        message.set("");
        if (block.get() == null || !found.contains(block.get())) {
            block.set(found.get(0));
        }
        InspectionModel.Job<Map<String, double[]>> job = (m, probe, target) -> probeGates(m, probe, found);
        if (t.live()) {
            inspection.sampleWhileTraining(KEY, job, gates::set);
        } else {
            inspection.access().stopSampling(KEY);
            if (t.validation() != null && perClassModel != t.fixed()) {
                computePerClass();
            }
        }
        inspection.inspect(KEY, job, gates::set, e -> message.set(e.getMessage()));
    }

    /** Mean gates per class over the validation set of the run looked at (not while it trains). */
    public void computePerClass() {
        InspectionModel.Target t = inspection.target();
        if (t == null || t.validation() == null) {
            message.set("The per-class map needs a validation set: train a run first.");
            return;
        }
        if (t.live()) {
            message.set("The per-class map is computed when the run ends.");
            return;
        }
        classNames = t.classNames();
        perClassModel = t.fixed();
        message.set(
                "Computing mean excitations per class over " + t.validation().size() + " validation images…");
        inspection.inspect(
                PER_CLASS,
                (m, probe, target) -> Inspector.seGatesPerClass(
                        m, DataLoading.source(Batches.evaluation(target.validation(), 64, target.normalization()))),
                r -> {
                    message.set("");
                    perClass.set(r);
                },
                e -> message.set(e.getMessage()));
    }

    static Map<String, double[]> probeGates(Model m, float[] probe, List<String> blocks) {
        Map<String, double[]> all = ModelProbe.seGates(m, probe);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String se : blocks) {
            out.put(se, all.get(se));
        }
        return out;
    }

    private void rebuild() {
        double[] g = block.get() == null ? null : gates.get().get(block.get());
        bars.set(g == null ? List.of() : bars(g, sorted.get()));
        Map<String, double[][]> pc = perClass.get();
        heatMap.set(
                pc == null || block.get() == null || !pc.containsKey(block.get())
                        ? null
                        : new PerClass(block.get(), classNames, pc.get(block.get())));
    }

    /** One bar per channel, in channel order or sorted by excitation (largest first, ties by channel). */
    public static List<Bar> bars(double[] gates, boolean sorted) {
        List<Bar> out = new ArrayList<>();
        for (int c = 0; c < gates.length; c++) {
            out.add(new Bar(c, gates[c]));
        }
        if (sorted) {
            out.sort(Comparator.comparingDouble(Bar::value).reversed().thenComparingInt(Bar::channel));
        }
        return out;
    }

    /** Forget the per-class map (a new run or network). */
    public void clearPerClass() {
        perClass.set(null);
    }
}
