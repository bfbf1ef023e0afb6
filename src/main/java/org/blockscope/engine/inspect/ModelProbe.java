package org.blockscope.engine.inspect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.blockscope.engine.data.Batch;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.ImageProbe;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.Evaluation;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The engine as the app sees it: one image in, plain copies out ({@code float[]} planes and
 * shapes, never an ND4J array). An image is a {@code float[]} in C×H×W order at the model's input
 * shape, already normalised. Every call runs on the thread that owns the model.
 */
public final class ModelProbe {

    private ModelProbe() {}

    /** A model of {@code g} with fresh random weights (FLOAT), to look at before any training. */
    public static Model untrained(Graph g, long seed) {
        return Compiler.compile(g, new Compiler.Options(seed, DataType.FLOAT));
    }

    /** An image file converted exactly like a validation image, pixels in [0, 1] (not normalised), C×H×W. */
    public static float[] loadImage(Path file, Shape shape) throws DataException {
        return ImageProbe.load(file, shape, Normalization.identity(shape.channels()))
                .data()
                .asFloat();
    }

    /** Outputs of every primitive evaluated in {@code mode}, in topological order (see {@link Inspector#outputs}). */
    public static List<Activation> outputs(Model model, float[] image, Mode mode) {
        List<Activation> out = new ArrayList<>();
        for (NodeOutput o : Inspector.outputs(model, batchOfOne(model, image), mode)) {
            out.add(new Activation(o.path(), o.owner(), o.shape(), planes(o.value())));
        }
        return out;
    }

    /**
     * One inference pass; copies of the outputs of {@code paths} (a path the pass does not compute is
     * left out).
     */
    public static Map<String, Planes> inference(Model model, float[] image, Collection<String> paths) {
        model.forward(batchOfOne(model, image), Mode.INFERENCE, 0);
        Map<String, Planes> out = new LinkedHashMap<>();
        for (String p : paths) {
            INDArray a = model.activation(p);
            if (a != null) {
                out.put(p, planes(a.get(NDArrayIndex.point(0))));
            }
        }
        return out;
    }

    /** Class probabilities for one image (inference mode). */
    public static double[] probabilities(Model model, float[] image) {
        return model.forward(batchOfOne(model, image), Mode.INFERENCE, 0)
                .getRow(0)
                .castTo(DataType.DOUBLE)
                .toDoubleVector();
    }

    /** Excitation vector of every SE block for one image (see {@link Inspector#seGates}). */
    public static Map<String, double[]> seGates(Model model, float[] image) {
        return Inspector.seGates(model, batchOfOne(model, image));
    }

    /** A copy of tensor {@code name} (e.g. {@code conv1/weight}), or null if the model has none. */
    public static Planes tensor(Model model, String name) {
        Tensor t = model.tensors().get(name);
        return t == null ? null : planes(t.value());
    }

    /**
     * The validation set of {@code run} through its model (idle): confusion matrix and mean loss as
     * {@link TrainingRun#evaluateValidation} counts them, plus the first {@code maxWrong} wrong answers.
     */
    public static Validation validate(TrainingRun run, int batchSize, int maxWrong) {
        Model model = run.model();
        int k = model.classCount();
        long[][] confusion = new long[k][k];
        double lossSum = 0;
        long n = 0;
        List<Validation.Wrong> wrong = new ArrayList<>();
        for (Iterator<Batch> it = run.data().validationBatches(batchSize).epoch(0); it.hasNext(); ) {
            Batch b = it.next();
            INDArray p = model.infer(b.features());
            lossSum += model.loss(b.labels()) * b.size();
            INDArray arg = p.argMax(1);
            for (int i = 0; i < b.size(); i++) {
                int predicted = arg.getInt(i);
                int actual = b.labels()[i];
                confusion[actual][predicted]++;
                if (predicted != actual && wrong.size() < maxWrong) {
                    wrong.add(new Validation.Wrong(b.indices()[i], actual, predicted, p.getDouble(i, predicted)));
                }
            }
            n += b.size();
        }
        return new Validation(new Evaluation(n == 0 ? Double.NaN : lossSum / n, confusion), wrong);
    }

    /**
     * Seconds per training iteration (forward, backward; no optimiser step) of {@code g} on a batch
     * of {@code batch} random images: the median of {@code runs} after one warm-up pass. A quick
     * measure of this machine for the time estimates shown before a run.
     */
    public static double secondsPerIteration(Graph g, int batch, int runs) {
        Model m = untrained(g, 1);
        Shape s = m.inputShape();
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, s.channels(), s.height(), s.width());
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = i % m.classCount();
        }
        double[] t = new double[runs];
        for (int r = -1; r < runs; r++) {
            long t0 = System.nanoTime();
            m.forward(x, Mode.TRAINING, r + 2);
            m.backward(labels);
            if (r >= 0) {
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        java.util.Arrays.sort(t);
        return t[runs / 2];
    }

    private static INDArray batchOfOne(Model model, float[] image) {
        Shape s = model.inputShape();
        if (image.length != s.elements()) {
            throw new IllegalArgumentException(
                    "the image has " + image.length + " values, the network takes " + s + " = " + s.elements());
        }
        return Nd4j.create(image, new long[] {1, s.channels(), s.height(), s.width()}, DataType.FLOAT)
                .castTo(model.dataType());
    }

    static Planes planes(INDArray a) {
        long[] shape = a.shape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        return new Planes(dims, a.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }
}
