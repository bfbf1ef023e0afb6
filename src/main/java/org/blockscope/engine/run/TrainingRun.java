package org.blockscope.engine.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.memory.MemoryEstimate;
import org.blockscope.engine.memory.MemoryLimits;
import org.blockscope.engine.memory.NotEnoughMemoryException;
import org.blockscope.engine.train.Checkpoints;
import org.blockscope.engine.train.Evaluation;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Trainer;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.Primitive;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One training run from a network and a data folder: loads the images at the network's input shape,
 * matches the output to the data's classes, compiles, and wires the trainer. The CLI's
 * {@code train} and the app's training panel both start runs through this class.
 */
public final class TrainingRun {

    /** How to train and how to prepare the data. */
    public record Settings(TrainingConfig config, double valFraction, Augmentation augmentation) {}

    private final Graph graph;
    private final TrainingData data;
    private final Model model;
    private final Trainer trainer;
    private final List<String> notes;
    private final Settings settings;

    private TrainingRun(
            Graph graph, TrainingData data, Model model, Trainer trainer, List<String> notes, Settings settings) {
        this.graph = graph;
        this.data = data;
        this.model = model;
        this.trainer = trainer;
        this.notes = List.copyOf(notes);
        this.settings = settings;
    }

    /**
     * @throws DataException when the data cannot be used (message names the folder or file)
     * @throws NotEnoughMemoryException when training at the batch size cannot fit (checked before anything
     *     is loaded or allocated; the message gives the figures and the largest batch that fits)
     * @throws org.blockscope.engine.compile.CompileException when the network is invalid (with its diagnostics)
     */
    public static TrainingRun prepare(Graph graph, DataSpec spec, Settings s) throws DataException {
        NetworkAnalysis a = NetworkAnalysis.of(graph);
        if (a.hasErrors()) {
            throw new org.blockscope.engine.compile.CompileException(a.diagnostics());
        }
        memoryNeeded(a, s.config()).check(MemoryLimits.current());
        Shape input = inputShape(a);
        TrainingData data =
                DataLoading.load(spec, input, s.valFraction(), s.config().seed(), s.augmentation());
        List<String> notes = new ArrayList<>();
        ClassCount.Adapted adapted =
                ClassCount.adapt(graph, data.split().train().classCount());
        adapted.note().ifPresent(notes::add);
        Model model = Compiler.compile(
                adapted.graph(), new Compiler.Options(s.config().seed(), DataType.FLOAT));
        Trainer trainer =
                new Trainer(model, s.config(), DataLoading.trainingFeed(data), DataLoading.validationFeed(data));
        return new TrainingRun(adapted.graph(), data, model, trainer, notes, s);
    }

    /** What training {@code a} with {@code config} needs at least, in FLOAT (see {@link MemoryEstimate}). */
    public static MemoryEstimate memoryNeeded(NetworkAnalysis a, TrainingConfig config) {
        int slots = config.optimizer() instanceof OptimizerConfig.Adam
                ? 2
                : config.optimizer() instanceof OptimizerConfig.Sgd sgd && sgd.momentum() != 0 ? 1 : 0;
        return MemoryEstimate.training(a, config.batchSize(), slots, 4);
    }

    public static Shape inputShape(NetworkAnalysis a) {
        return a.expanded().nodes().stream()
                .filter(p -> p.kind() == Primitive.INPUT)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no input"))
                .output();
    }

    /** The network as trained (its output may have been matched to the data's classes). */
    public Graph graph() {
        return graph;
    }

    public TrainingData data() {
        return data;
    }

    public Model model() {
        return model;
    }

    public Trainer trainer() {
        return trainer;
    }

    public List<String> notes() {
        return notes;
    }

    public List<String> classNames() {
        return data.split().train().classNames();
    }

    public Evaluation evaluateValidation(int batchSize) {
        return Evaluation.of(model, DataLoading.source(data.validationBatches(batchSize)));
    }

    /** How this run trains (optimiser, schedule, batch, epochs, seed, split, augmentation). */
    public Settings settings() {
        return settings;
    }

    /** Weights, optimiser state, graph, class names, normalisation and settings, in one file. */
    public void saveCheckpoint(Path file) throws IOException {
        Checkpoints.save(
                file,
                model,
                trainer.optimizer(),
                trainer.epoch(),
                trainer.iteration(),
                Map.of(
                        RunMetadata.ENTRY,
                        new RunMetadata(classNames(), data.normalization()).toJson(),
                        SettingsFile.ENTRY,
                        SettingsFile.toJson(settings)));
    }
}
