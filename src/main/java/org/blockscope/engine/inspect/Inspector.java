package org.blockscope.engine.inspect;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.block.SqueezeExcitationExpansion;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.Batch;
import org.blockscope.engine.train.BatchSource;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Looks inside a model: every node's output for one image (the step-through and feature-map views)
 * and the squeeze-and-excitation gates. Runs on the thread that owns the model (not during a
 * training iteration); a TRAINING-mode look leaves the batch-norm running statistics as they were.
 */
public final class Inspector {
    private Inspector() {}

    /** Outputs of every primitive evaluated in {@code mode}, in topological order, for image [C,H,W] or [1,C,H,W]. */
    public static List<NodeOutput> outputs(Model model, INDArray image, Mode mode) {
        Map<String, INDArray> saved = mode == Mode.TRAINING ? state(model) : Map.of();
        boolean fast = model.fastTraining(); // the live trainer's model fuses BN-ReLU: not here
        model.fastTraining(false);
        try {
            model.forward(batchOfOne(image), mode, 0);
        } finally {
            model.fastTraining(fast);
        }
        Map<String, INDArray> act = model.activations();
        List<NodeOutput> out = new ArrayList<>();
        for (PrimitiveNode p : model.expanded().nodes()) {
            INDArray a = act.get(p.path());
            if (a == null) {
                continue;
            }
            out.add(new NodeOutput(p.path(), p.kind(), p.owner(), p.output(), first(a)));
        }
        saved.forEach(model::setTensor);
        return out;
    }

    /** Paths of the SE blocks in the model (the expansion that owns each {@code …/gate}). */
    public static List<String> seBlocks(Model model) {
        List<String> out = new ArrayList<>();
        String suffix = "/" + SqueezeExcitationExpansion.GATE;
        for (PrimitiveNode p : model.expanded().nodes()) {
            if (p.kind() == Primitive.ACTIVATION
                    && p.path().endsWith(suffix)
                    && "sigmoid".equals(p.params().getString("function"))) {
                out.add(p.path().substring(0, p.path().length() - suffix.length()));
            }
        }
        return out;
    }

    /** Excitation vector (one weight in 0..1 per channel) of every SE block for one image, inference mode. */
    public static Map<String, double[]> seGates(Model model, INDArray image) {
        model.forward(batchOfOne(image), Mode.INFERENCE, 0);
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String se : seBlocks(model)) {
            out.put(
                    se,
                    model.activation(se + "/" + SqueezeExcitationExpansion.GATE)
                            .getRow(0)
                            .dup()
                            .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                            .toDoubleVector());
        }
        return out;
    }

    /**
     * Mean excitation vector per true class over a data set, inference mode: result.get(se)[class][channel]
     * (NaN rows for classes absent from the data).
     */
    public static Map<String, double[][]> seGatesPerClass(Model model, BatchSource data) {
        int k = model.classCount();
        List<String> blocks = seBlocks(model);
        Map<String, double[][]> sums = new LinkedHashMap<>();
        long[] counts = new long[k];
        for (Iterator<Batch> it = data.epoch(0); it.hasNext(); ) {
            Batch b = it.next();
            model.forward(b.x(), Mode.INFERENCE, 0);
            for (String se : blocks) {
                double[][] g = model.activation(se + "/" + SqueezeExcitationExpansion.GATE)
                        .castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                        .toDoubleMatrix();
                double[][] s = sums.computeIfAbsent(se, x -> new double[k][g[0].length]);
                for (int i = 0; i < b.size(); i++) {
                    for (int c = 0; c < g[i].length; c++) {
                        s[b.labels()[i]][c] += g[i][c];
                    }
                }
            }
            for (int l : b.labels()) {
                counts[l]++;
            }
        }
        for (double[][] s : sums.values()) {
            for (int cls = 0; cls < k; cls++) {
                for (int c = 0; c < s[cls].length; c++) {
                    s[cls][c] = counts[cls] == 0 ? Double.NaN : s[cls][c] / counts[cls];
                }
            }
        }
        return sums;
    }

    static INDArray batchOfOne(INDArray image) {
        if (image.rank() == 4) {
            if (image.size(0) != 1) {
                throw new IllegalArgumentException("one image expected, got a batch of " + image.size(0));
            }
            return image;
        }
        return image.reshape('c', 1, image.size(0), image.size(1), image.size(2));
    }

    private static INDArray first(INDArray a) {
        return a.get(NDArrayIndex.point(0)).dup('c');
    }

    private static Map<String, INDArray> state(Model model) {
        Map<String, INDArray> m = new LinkedHashMap<>();
        model.tensors().forEach((k, t) -> {
            if (!t.trainable()) {
                m.put(k, t.value().dup());
            }
        });
        return m;
    }
}
