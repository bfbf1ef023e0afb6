package org.blockscope.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.run.RunMetadata;
import org.blockscope.engine.run.SettingsFile;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.Checkpoints;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A network with its weights, as the exporters and {@code predict} see it. This is the one class of the
 * export package that talks to the engine: weights and batch-norm statistics per primitive
 * ({@link #tensor}), the inference pass ({@link #predict}) and writing weights back ({@link #load}).
 *
 * <p>Tensor names are the engine's: {@code <primitive path>/weight}, {@code /bias}, {@code /gamma},
 * {@code /beta}, {@code /running_mean}, {@code /running_var}; conv weights are [Cout, Cin/groups, k, k]
 * and fully connected weights [out, in], PyTorch's layouts.
 */
public final class TrainedNetwork {

    private final Model model;
    private final List<String> classNames;
    private final Normalization normalization;
    private final boolean trained;
    private final TrainingRun.Settings settings;

    private TrainedNetwork(
            Model model,
            List<String> classNames,
            Normalization normalization,
            boolean trained,
            TrainingRun.Settings settings) {
        this.model = model;
        this.classNames = List.copyOf(classNames);
        this.normalization = normalization;
        this.trained = trained;
        this.settings = settings;
    }

    /**
     * A network with its initial weights (the engine's seeded initialisation), class names {@code 0..K-1}
     * and no normalisation (pixels in [0, 1]).
     *
     * @throws org.blockscope.engine.compile.CompileException when the graph has errors (with the diagnostics)
     */
    public static TrainedNetwork untrained(Graph graph) {
        Model m = Compiler.compile(graph);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < m.classCount(); i++) {
            names.add(Integer.toString(i));
        }
        return new TrainedNetwork(
                m, names, Normalization.identity(m.inputShape().channels()), false, null);
    }

    /** A network read back from a checkpoint saved by {@code blockscope train --save}. */
    public static TrainedNetwork fromCheckpoint(Path file) throws IOException {
        Checkpoints.Checkpoint c = Checkpoints.load(file);
        Model model = c.toModel();
        RunMetadata meta = RunMetadata.readFor(file, model);
        TrainingRun.Settings settings = SettingsFile.readFrom(file).orElse(null);
        return new TrainedNetwork(model, meta.classNames(), meta.normalization(), true, settings);
    }

    /** A network from a model the caller trained (tests, the app). */
    public static TrainedNetwork of(Model model, List<String> classNames, Normalization normalization) {
        return new TrainedNetwork(model, classNames, normalization, true, null);
    }

    /** The same network and weights with other class names and normalisation (imported weights). */
    public TrainedNetwork withLabels(List<String> names, Normalization norm) {
        return new TrainedNetwork(model, names, norm, true, settings);
    }

    public Graph graph() {
        return model.graph();
    }

    /** Whether {@code g} is this network: the same nodes, parameters and edges (positions aside). */
    public boolean fits(Graph g) {
        Graph mine = graph();
        if (mine.size() != g.size()
                || !new java.util.HashSet<>(mine.edges()).equals(new java.util.HashSet<>(g.edges()))) {
            return false;
        }
        for (var n : mine.nodes()) {
            var other = g.find(n.name());
            if (other.isEmpty()
                    || other.get().kind() != n.kind()
                    || !other.get().params().equals(n.params())
                    || !java.util.Objects.equals(other.get().body(), n.body())) {
                return false;
            }
        }
        return true;
    }

    public ExpandedGraph expanded() {
        return model.expanded();
    }

    /** The compiled network holding the weights (for views that look inside it). */
    public Model model() {
        return model;
    }

    /** C×H×W of one input image. */
    public Shape inputShape() {
        return model.inputShape();
    }

    public List<String> classNames() {
        return classNames;
    }

    public Normalization normalization() {
        return normalization;
    }

    /** False for {@link #untrained} networks (initial weights). */
    public boolean trained() {
        return trained;
    }

    /** How the checkpoint was trained, if it says so. */
    public Optional<TrainingRun.Settings> settings() {
        return Optional.ofNullable(settings);
    }

    /** The network's output: the first classifier used at inference. */
    public PrimitiveNode output() {
        return model.expanded().primitive(model.outputPath()).orElseThrow();
    }

    /** Whether the primitive at {@code path} has the tensor {@code name} (e.g. a conv's {@code bias}). */
    public boolean has(String path, String name) {
        return model.tensors().containsKey(path + "/" + name);
    }

    /** Values of tensor {@code name} of the primitive at {@code path}, in C order (row-major). */
    public float[] tensor(String path, String name) {
        INDArray a = array(path + "/" + name);
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** Shape of tensor {@code name} of the primitive at {@code path}. */
    public long[] shape(String path, String name) {
        return array(path + "/" + name).shape();
    }

    /** Every tensor name ({@code path/name}) with its shape, in plan order. */
    public Map<String, long[]> tensorShapes() {
        Map<String, long[]> m = new LinkedHashMap<>();
        model.tensors().forEach((k, t) -> m.put(k, t.value().shape()));
        return m;
    }

    private INDArray array(String name) {
        var t = model.tensors().get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'");
        }
        return t.value();
    }

    /** Overwrites tensors by full name ({@code path/name}); each must exist and have the same element count. */
    public void load(Map<String, float[]> values) {
        values.forEach((name, v) -> {
            long[] shape = array(name).shape();
            model.setTensor(name, Nd4j.create(v, shape, 'c'));
        });
    }

    /**
     * Logits and class probabilities of a batch [N, C, H, W] (already preprocessed), inference mode, by the
     * engine's plain forward pass (every node's output in NCHW, float).
     */
    public Prediction predict(INDArray batch) {
        INDArray p = model.forward(batch, Mode.INFERENCE).castTo(DataType.FLOAT);
        String logitsPath = output().inputs().get(0);
        INDArray z = model.activation(logitsPath).castTo(DataType.FLOAT);
        int n = (int) batch.size(0);
        int k = model.classCount();
        float[][] logits = new float[n][];
        float[][] probs = new float[n][];
        float[] zs = z.dup('c').data().asFloat();
        float[] ps = p.dup('c').data().asFloat();
        for (int i = 0; i < n; i++) {
            logits[i] = java.util.Arrays.copyOfRange(zs, i * k, (i + 1) * k);
            probs[i] = java.util.Arrays.copyOfRange(ps, i * k, (i + 1) * k);
        }
        return new Prediction(logits, probs);
    }

    /** Saves the network, its class names and normalisation as a checkpoint {@code eval} and {@code predict} read. */
    public void saveCheckpoint(Path file) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        entries.put(RunMetadata.ENTRY, new RunMetadata(classNames, normalization).toJson());
        if (settings != null) {
            entries.put(SettingsFile.ENTRY, SettingsFile.toJson(settings));
        }
        Checkpoints.save(file, model, null, 0, 0, entries);
    }
}
