package org.blockscope.app.train;

import java.lang.management.ManagementFactory;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.InputResize;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.graph.Shape;

/**
 * The guard rails before Start: the estimate of time and memory for the current network, data
 * and settings, and the warnings with their one-click fix (resize the input to the data). The
 * machine's speed is measured once in the background.
 */
public final class GuardRailsViewModel {

    private final EditorModel editor;
    private final TrainingDataViewModel data;
    private final TrainingSettingsViewModel settings;
    private final ReadOnlyObjectWrapper<GuardRails> rails = new ReadOnlyObjectWrapper<>(this, "rails", GuardRails.NONE);

    public GuardRailsViewModel(
            EditorModel editor,
            TrainingDataViewModel data,
            TrainingSettingsViewModel settings,
            TrainingService service) {
        this.editor = editor;
        this.data = data;
        this.settings = settings;
        for (ObservableValue<?> v : List.of(
                editor.analysisProperty(),
                data.previewProperty(),
                settings.batchSizeProperty(),
                settings.epochsProperty(),
                settings.optimiserProperty(),
                settings.valFractionProperty())) {
            v.addListener((o, a, b) -> refresh());
        }
        service.background(MachineSpeed::calibrate, this::refresh);
        refresh();
    }

    public ReadOnlyObjectProperty<GuardRails> railsProperty() {
        return rails.getReadOnlyProperty();
    }

    public GuardRails rails() {
        return rails.get();
    }

    /** Sets the network's input to the offered size (one undo step). */
    public void resizeInput() {
        rails.get().resize().ifPresent(editor::resizeInput);
    }

    void refresh() {
        NetworkAnalysis a = editor.analysis();
        DataPreview p = data.previewProperty().get();
        if (a.hasErrors() || p == null) {
            rails.set(GuardRails.NONE);
            return;
        }
        Shape input = TrainingRun.inputShape(a);
        Shape stored = p.nativeShape();
        Shape resizeTo = stored == null
                ? null
                : InputResize.smallestValid(editor.graph(), stored, input).orElse(null);
        rails.set(GuardRails.of(
                "This network",
                a.total(),
                input,
                stored,
                p.summary().trainTotal(),
                p.summary().validationTotal(),
                settings.settings(),
                MachineSpeed.flopsPerSecond(),
                MachineSpeed.source(),
                physicalMemory(),
                resizeTo));
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }
}
