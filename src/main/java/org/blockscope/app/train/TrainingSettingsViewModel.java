package org.blockscope.app.train;

import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.EditorModel;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;

/**
 * What the next run will use (optimiser, learning rate, schedule, batch, epochs, split, seed,
 * augmentation, name) and why it cannot start yet: errors in the network, unusable data or a bad
 * value, each quoted.
 */
public final class TrainingSettingsViewModel {

    private final EditorModel editor;
    private final TrainingDataViewModel data;
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
    private final ReadOnlyStringWrapper whyNot = new ReadOnlyStringWrapper(this, "whyNot", "");

    public TrainingSettingsViewModel(EditorModel editor, TrainingDataViewModel data) {
        this.editor = editor;
        this.data = data;
        data.valFractionProperty().bind(valFraction);
        data.seedProperty().bind(seed);
        for (ObservableValue<?> v : List.of(
                editor.analysisProperty(),
                data.previewMessageProperty(),
                data.dataFolderProperty(),
                optimiser,
                learningRate,
                schedule,
                batchSize,
                epochs,
                valFraction,
                seed)) {
            v.addListener((o, a, b) -> refresh());
        }
        refresh();
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

    /** Why a run with these settings, this network and this data cannot start ("" when it can). */
    public ReadOnlyStringProperty whyNotProperty() {
        return whyNot.getReadOnlyProperty();
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

    /** The run's name: the one typed, or "12 blocks, with SE". */
    String runName(Graph snapshot) {
        return runName.get().isBlank() ? defaultName(snapshot) : runName.get().trim();
    }

    /** Recomputes {@link #whyNotProperty()} now (Start does, so it never acts on a stale answer). */
    void refresh() {
        whyNot.set(compute());
    }

    private String compute() {
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
        String dataProblem = data.problem();
        if (!dataProblem.isEmpty()) {
            return dataProblem;
        }
        return settings().problem().orElse("");
    }

    private static String defaultName(Graph g) {
        boolean se = g.nodes().stream()
                .anyMatch(n -> n.kind() == NamedBlock.SE
                        || (n.params().has("se")
                                && Boolean.TRUE.equals(n.params().get("se"))));
        return g.nodes().size() + " blocks" + (se ? ", with SE" : "");
    }
}
