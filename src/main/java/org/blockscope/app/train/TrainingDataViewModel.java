package org.blockscope.app.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.EditorModel;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.graph.Shape;

/**
 * Which data a run trains on and what it looks like at the network's input: a bundled set chosen
 * by the network's input channels until the user picks a folder, with a preview (counts per class,
 * thumbnails, how images are prepared) loaded off the UI thread.
 */
public final class TrainingDataViewModel {

    private final EditorModel editor;
    private final TrainingService service;
    private final Path samples;
    private final ObjectProperty<Path> dataFolder = new SimpleObjectProperty<>(this, "dataFolder");
    private final ReadOnlyObjectWrapper<DataPreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewMessage = new ReadOnlyStringWrapper(this, "previewMessage", "");
    /** The split the preview shows: the settings' validation fraction and seed follow here. */
    private final DoubleProperty valFraction = new SimpleDoubleProperty(this, "valFraction", 0.2);

    private final LongProperty seed = new SimpleLongProperty(this, "seed", 1);
    private boolean userChoseData;

    /** @param samples the bundled sample-images folder */
    public TrainingDataViewModel(EditorModel editor, TrainingService service, Path samples) {
        this.editor = editor;
        this.service = service;
        this.samples = samples;
        editor.analysisProperty().addListener((o, a, b) -> followNetwork());
        dataFolder.addListener((o, a, b) -> reloadPreview());
        valFraction.addListener((o, a, b) -> reloadPreview());
        followNetwork();
    }

    public ObjectProperty<Path> dataFolderProperty() {
        return dataFolder;
    }

    public ReadOnlyObjectProperty<DataPreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty previewMessageProperty() {
        return previewMessage.getReadOnlyProperty();
    }

    DoubleProperty valFractionProperty() {
        return valFraction;
    }

    LongProperty seedProperty() {
        return seed;
    }

    /** Bundled data sets (sample-images/digits, sample-images/colour32) that exist. */
    public List<Path> bundledSets() {
        return List.of(samples.resolve("digits"), samples.resolve("colour32")).stream()
                .filter(Files::isDirectory)
                .toList();
    }

    /** The user picked a data folder: stop following the network's input channels. */
    public void chooseData(Path folder) {
        userChoseData = true;
        dataFolder.set(folder);
    }

    /** Why the data cannot be used ("" when it can). */
    String problem() {
        Path folder = dataFolder.get();
        if (folder == null || !Files.isDirectory(folder)) {
            return "choose a data folder" + (folder == null ? "" : ": " + folder + " does not exist");
        }
        return previewMessage.get().startsWith("cannot use") ? previewMessage.get() : "";
    }

    private void followNetwork() {
        if (userChoseData) {
            return;
        }
        NetworkAnalysis a = editor.analysis();
        int channels = a.hasErrors() ? 1 : TrainingRun.inputShape(a).channels();
        Path want = samples.resolve(channels == 3 ? "colour32" : "digits");
        if (!want.equals(dataFolder.get())) {
            dataFolder.set(want);
        } else if (preview.get() == null || !preview.get().summary().shape().equals(inputShapeOrNull())) {
            reloadPreview();
        }
    }

    private Shape inputShapeOrNull() {
        NetworkAnalysis a = editor.analysis();
        return a.hasErrors() ? null : TrainingRun.inputShape(a);
    }

    private void reloadPreview() {
        Path folder = dataFolder.get();
        Shape input = inputShapeOrNull();
        if (folder == null) {
            preview.set(null);
            previewMessage.set("choose a data folder");
            return;
        }
        if (input == null) {
            previewMessage.set("the data is shown at the network's input shape, once the network is valid");
            return;
        }
        double vf = valFraction.get();
        previewMessage.set("loading " + folder.getFileName() + "…");
        service.preview(
                folder,
                input,
                vf >= 0 && vf < 1 ? vf : 0.2,
                seed.get(),
                p -> {
                    preview.set(p);
                    previewMessage.set("");
                },
                why -> {
                    preview.set(null);
                    previewMessage.set("cannot use this data: " + why);
                });
    }
}
