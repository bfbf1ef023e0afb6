package org.blockscope.engine.explain;

import java.util.Collection;
import java.util.Map;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class scores of a network (the input of its main classifier: the logits before the softmax) and
 * the gradient of one score with respect to any activation or the image, for one image in inference
 * mode. Runs on the thread that owns the model; a live trainer's fused training passes are switched
 * off for the pass and back on after.
 */
public final class ClassScores {

    private ClassScores() {}

    /** The gradient of class {@code cls}'s score at the primitives asked for, and the class probabilities. */
    public record Gradients(Map<String, INDArray> at, double[] probabilities, double score) {}

    /** Path of the primitive whose output is the class scores. */
    public static String path(Model m) {
        return m.expanded().primitive(m.outputPath()).orElseThrow().inputs().get(0);
    }

    /** Path of the network's INPUT primitive (its "activation" is the image). */
    public static String inputPath(Model m) {
        return m.expanded().nodes().stream()
                .filter(p -> p.kind() == org.blockscope.primitive.Primitive.INPUT)
                .findFirst()
                .orElseThrow()
                .path();
    }

    /** One image (C×H×W, normalised) as a batch of one in the model's data type. */
    static INDArray batchOfOne(Model m, float[] image) {
        Shape s = m.inputShape();
        if (image.length != s.elements()) {
            throw new IllegalArgumentException(
                    "the image has " + image.length + " values, the network takes " + s + " = " + s.elements());
        }
        return Nd4j.create(image, new long[] {1, s.channels(), s.height(), s.width()}, DataType.FLOAT)
                .castTo(m.dataType());
    }

    /** An inference pass of one image (fused training passes off); returns the class probabilities. */
    static double[] forward(Model m, float[] image) {
        boolean fast = m.fastTraining();
        m.fastTraining(false);
        try {
            return m.forward(batchOfOne(m, image), Mode.INFERENCE, 0)
                    .getRow(0)
                    .castTo(DataType.DOUBLE)
                    .toDoubleVector();
        } finally {
            m.fastTraining(fast);
        }
    }

    /** d score[cls] / d (outputs of {@code at}) for one image, inference mode. */
    public static Gradients gradient(Model m, float[] image, int cls, Collection<String> at) {
        int k = m.classCount();
        if (cls < 0 || cls >= k) {
            throw new IllegalArgumentException("class " + cls + " outside 0.." + (k - 1));
        }
        double[] p = forward(m, image);
        String scores = path(m);
        INDArray z = m.activation(scores);
        INDArray seed = Nd4j.zeros(z.dataType(), z.shape()); // fresh and row-major: flat index = class
        seed.data().put(cls, 1.0);
        double score = z.dup('c').data().getDouble(cls);
        return new Gradients(m.backwardFrom(scores, seed, at), p, score);
    }

    /** Values of a [1, ...] array as floats, row-major. */
    static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }
}
