package org.blockscope.app.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.EditorModel;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.shape.ExpandedGraph;

/**
 * What the inspection views look at: which model (the run training now, the latest trained run, or
 * the current graph untrained) and which probe image. Shared by the feature-map, SE and step-through
 * views; every model access goes through {@link ModelAccess}.
 */
public final class InspectionModel {

    /** Which weights to look at when no run is training. */
    public enum Source {
        TRAINED("latest trained run"),
        UNTRAINED("current graph, untrained");

        private final String text;

        Source(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A model to look at: a fixed one (live or trained), or the untrained current graph, compiled on demand. */
    public record Target(
            Model fixed,
            Graph untrained,
            ExpandedGraph expanded,
            Normalization normalization,
            Dataset validation,
            List<String> classNames,
            boolean live,
            String description) {}

    private final EditorModel editor;
    private final ModelAccess access;
    private final Path samples;
    private final ObjectProperty<ProbeImage> probe = new SimpleObjectProperty<>(this, "probe");
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.TRAINED);
    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper(this, "sourceText");
    private final ReadOnlyBooleanWrapper live = new ReadOnlyBooleanWrapper(this, "live");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyObjectWrapper<Target> target = new ReadOnlyObjectWrapper<>(this, "target");
    private final ReadOnlyStringWrapper probeMessage = new ReadOnlyStringWrapper(this, "probeMessage", "");
    private volatile TrainingRun liveRun;
    private volatile ProbeImage probeNow;
    private PredictionViewModel prediction;
    private Path domainImage;
    private boolean userProbe;
    private TrainingRun trainedRun;
    /** Weights opened from a file (File → Open trained weights), until a run or another network replaces them. */
    private Target opened;

    private final java.util.Map<TrainingRun, Long> generations = new java.util.concurrent.ConcurrentHashMap<>();
    private Graph compiledGraph;
    private Model compiled;

    public InspectionModel(EditorModel editor, ModelAccess access, Path samples) {
        this.editor = editor;
        this.access = access;
        this.samples = samples;
        editor.analysisProperty().addListener((o, a, b) -> retarget());
        editor.generationProperty().addListener((o, a, b) -> forgetRuns());
        source.addListener((o, a, b) -> retarget());
        probe.addListener((o, a, b) -> {
            probeNow = b;
            revision.set(revision.get() + 1);
        });
        retarget();
    }

    /** What the model says the probe is (made on first use). */
    public PredictionViewModel prediction() {
        if (prediction == null) {
            prediction = new PredictionViewModel(this);
        }
        return prediction;
    }

    public ModelAccess access() {
        return access;
    }

    public EditorModel editor() {
        return editor;
    }

    public ObjectProperty<ProbeImage> probeProperty() {
        return probe;
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    public ReadOnlyStringProperty sourceTextProperty() {
        return sourceText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live.getReadOnlyProperty();
    }

    /** Changes whenever the model looked at or the probe changes: views then ask again. */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Target> targetProperty() {
        return target.getReadOnlyProperty();
    }

    public Target target() {
        return target.get();
    }

    public ReadOnlyStringProperty probeMessageProperty() {
        return probeMessage.getReadOnlyProperty();
    }

    public boolean hasTrainedRun() {
        return trainedRun != null;
    }

    // ---- runs ----------------------------------------------------------------------------------

    /** Called on the preparing thread before the trainer starts (the run's model is already live in ModelAccess). */
    public void runStarting(TrainingRun run) {
        liveRun = run;
        generations.put(run, editor.generationProperty().get());
    }

    /** Another network replaced the document: its runs are not looked at any more, the probe is chosen again. */
    private void forgetRuns() {
        liveRun = null;
        trainedRun = null;
        opened = null;
        userProbe = false;
        probe.set(null);
        retarget();
    }

    /**
     * Looks at weights trained elsewhere (a checkpoint, or a cluster run's safetensors read back) as the
     * trained network, so feature maps, SE weights, step-through and the explain views show them. Call
     * on the UI thread after the weights' network became the document; a training run replaces them.
     */
    public void showWeights(Model model, Normalization normalization, List<String> classNames, String description) {
        opened = new Target(
                model, null, model.expanded(), normalization, null, List.copyOf(classNames), false, description);
        retarget();
    }

    /** Called on the UI thread once the run's first events arrive. */
    public void runStarted(TrainingRun run) {
        retarget();
    }

    /** Called on the UI thread when the run finished, failed or was stopped. */
    public void runEnded(TrainingRun run) {
        access.endLive(run.model());
        if (liveRun == run) {
            liveRun = null;
        }
        Long started = generations.remove(run);
        if (started == null || started == editor.generationProperty().get()) {
            trainedRun = run; // a run of a network no longer open is not shown
        }
        retarget();
    }

    private void retarget() {
        TrainingRun l = liveRun;
        Target t;
        if (l != null) {
            t = of(l, true, "live: the copy being trained (sampled every 0.5 s)");
        } else if (trainedRun == null && opened != null && source.get() == Source.TRAINED) {
            t = opened;
        } else if (trainedRun != null && source.get() == Source.TRAINED) {
            t = of(
                    trainedRun,
                    false,
                    "trained copy of the network (after " + trainedRun.trainer().epoch() + " epoch"
                            + (trainedRun.trainer().epoch() == 1 ? "" : "s") + ", "
                            + trainedRun.trainer().iteration() + " iterations)");
        } else {
            NetworkAnalysis a = editor.analysis();
            if (a.hasErrors()) {
                t = null;
            } else {
                Shape in = TrainingRun.inputShape(a);
                t = new Target(
                        null,
                        editor.graph(),
                        a.expanded(),
                        Normalization.identity(in.channels()),
                        null,
                        List.of(),
                        false,
                        "current graph, untrained (random weights, seed 42)");
            }
        }
        target.set(t);
        live.set(t != null && t.live());
        sourceText.set(t == null ? "the network has errors: fix them to look inside" : t.description());
        if (t != null) {
            ensureProbe(t.fixed() != null ? t.fixed().inputShape() : TrainingRun.inputShape(editor.analysis()));
        }
        revision.set(revision.get() + 1);
    }

    private static Target of(TrainingRun r, boolean live, String text) {
        return new Target(
                r.model(),
                null,
                r.model().expanded(),
                r.data().normalization(),
                r.data().split().validation(),
                r.classNames(),
                live,
                text);
    }

    // ---- probe ---------------------------------------------------------------------------------

    /**
     * An image from the training data (its first class's first picture): the default probe, so a
     * digit network looks at a digit. A probe the user picked stays.
     */
    public void setDomainImage(Path file) {
        if (file == null || file.equals(domainImage)) {
            return;
        }
        domainImage = file;
        if (!userProbe && target() != null) {
            useFile(file);
        }
    }

    /** Probe files bundled in sample-images/probe. */
    public List<Path> probeFiles() {
        Path dir = samples.resolve("probe");
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".png")).sorted().forEach(out::add);
            } catch (IOException e) {
                // no bundled probes: the user can still open a file
            }
        }
        return out;
    }

    /** The user opened or picked {@code file}: it stays the probe until they pick another. */
    public void chooseFile(Path file) {
        useFile(file);
        userProbe = true;
    }

    public void useFile(Path file) {
        Target t = target();
        Shape shape = t == null
                ? null
                : t.fixed() != null ? t.fixed().inputShape() : TrainingRun.inputShape(editor.analysis());
        if (shape == null) {
            probeMessage.set("the network has errors: no input shape to convert the image to");
            return;
        }
        try {
            probe.set(
                    file.equals(domainImage) ? ProbeImage.fromDataFile(file, shape) : ProbeImage.fromFile(file, shape));
            probeMessage.set("");
        } catch (DataException e) {
            probeMessage.set(e.getMessage());
        }
    }

    /** Uses image {@code index} of the validation set of the run looked at (wraps around). */
    public void useValidationImage(int index) {
        Target t = target();
        if (t == null || t.validation() == null || t.validation().size() == 0) {
            probeMessage.set("no data set yet: train a run first, or open an image file");
            return;
        }
        int i = Math.floorMod(index, t.validation().size());
        probe.set(ProbeImage.fromDataset(t.validation(), i));
        userProbe = true;
        probeMessage.set("");
    }

    /** Keeps the probe at the network's input shape: a default probe matching the channels, or the same file resized. */
    private void ensureProbe(Shape shape) {
        ProbeImage p = probe.get();
        if (p != null && p.shape().equals(shape)) {
            return;
        }
        if (domainImage != null && !userProbe) {
            useFile(domainImage); // a picture of what the network is trained on
            if (probe.get() != null && probe.get().shape().equals(shape)) {
                return;
            }
        }
        List<Path> files = probeFiles();
        String want = shape.channels() == 1 ? "digit" : "cat";
        Path pick = files.stream()
                .filter(f -> f.getFileName().toString().startsWith(want))
                .findFirst()
                .orElse(files.isEmpty() ? null : files.get(0));
        if (p != null) {
            Path same = samples.resolve("probe").resolve(p.label());
            if (Files.isRegularFile(same)) {
                pick = same;
            }
        }
        if (pick != null) {
            useFile(pick);
        } else {
            probe.set(new ProbeImage("blank", shape, new float[(int) shape.elements()]));
        }
    }

    // ---- running jobs --------------------------------------------------------------------------

    /** Runs {@code job(model, probe tensor)} on the target model; the newest request per key wins. */
    public <T> void inspect(String key, Job<T> job, Consumer<T> onResult, Consumer<Throwable> onError) {
        Target t = target();
        ProbeImage p = probe.get();
        if (t == null || p == null) {
            onError.accept(new IllegalStateException(sourceText.get()));
            return;
        }
        Function<Model, T> f = m -> job.run(m, p.normalised(t.normalization()), t);
        if (t.fixed() != null) {
            access.submit(key, t.fixed(), f, onResult, onError);
        } else {
            Graph g = t.untrained();
            access.submit(key, () -> untrained(g), f, onResult, onError);
        }
    }

    /** Samples {@code job} while a run trains (every 0.5 s, on the trainer thread). */
    public <T> void sampleWhileTraining(String key, Job<T> job, Consumer<T> sink) {
        access.sampleWhileTraining(
                key,
                m -> {
                    TrainingRun r = liveRun;
                    ProbeImage p = probeNow;
                    if (r == null || p == null || r.model() != m || !p.shape().equals(m.inputShape())) {
                        return null;
                    }
                    Target t = of(r, true, "");
                    return job.run(m, p.normalised(t.normalization()), t);
                },
                sink);
    }

    /** Work on a model; runs on the worker or trainer thread and must return copies. */
    @FunctionalInterface
    public interface Job<T> {
        T run(Model model, float[] probe, Target target);
    }

    /** Compiled on the worker thread only, cached per graph. */
    private synchronized Model untrained(Graph g) {
        if (g != compiledGraph) {
            compiled = ModelProbe.untrained(g, 42);
            compiledGraph = g;
        }
        return compiled;
    }
}
