package org.blockscope.engine.compile;

import java.util.List;
import java.util.Random;
import java.util.Set;
import org.blockscope.engine.backend.JavaLoops;
import org.blockscope.primitive.Primitive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisation, seeded: conv and fully connected weights whose output reaches a ReLU-family
 * activation (directly or through batch norm) get He normal, std = √2 / √fan_in (He et al. 2015;
 * PyTorch kaiming_normal_, fan_in mode); all other weights Xavier normal,
 * std = √(2 / (fan_in + fan_out)) (Glorot and Bengio 2010). Biases and β 0, γ 1, running mean 0,
 * running variance 1. The same seed gives identical weights: one generator walks the plan in order.
 */
final class Init {
    private Init() {}

    private static final Set<String> RELU_FAMILY = Set.of("relu", "relu6", "silu", "hardswish");

    static void apply(List<Step> steps, int[][] consumers, long seed) {
        Random rng = new Random(seed);
        for (Step s : steps) {
            for (Tensor t : s.tensors()) {
                if (!t.name().endsWith("/weight")) {
                    continue;
                }
                INDArray w = t.value();
                long[] shape = w.shape();
                long receptive = 1;
                for (int i = 2; i < shape.length; i++) {
                    receptive *= shape[i];
                }
                long fanIn = shape[1] * receptive;
                long fanOut = shape[0] * receptive;
                double std = feedsRelu(s.index, steps, consumers)
                        ? Math.sqrt(2.0 / fanIn)
                        : Math.sqrt(2.0 / (fanIn + fanOut));
                fill(w, rng, std);
            }
        }
    }

    /**
     * w = N(0, std²) draws in c order, written in chunks straight into w's buffer: no heap or native copy of
     * the whole tensor (ResNet-50's weights left about 300 MB of garbage that way).
     */
    private static void fill(INDArray w, Random rng, double std) {
        if (JavaLoops.applicable(w) && w.data().length() == w.length()) { // FLOAT or DOUBLE, plain
            boolean floats = w.dataType() == DataType.FLOAT;
            java.nio.FloatBuffer fout = floats ? w.data().asNioFloat() : null;
            java.nio.DoubleBuffer dout = floats ? null : w.data().asNioDouble();
            double[] chunk = new double[(int) Math.min(CHUNK, w.length())];
            float[] asFloats = floats ? new float[chunk.length] : null;
            for (int at = 0; at < w.length(); at += chunk.length) {
                int n = (int) Math.min(chunk.length, w.length() - at);
                for (int i = 0; i < n; i++) {
                    chunk[i] = rng.nextGaussian() * std;
                }
                if (floats) {
                    for (int i = 0; i < n; i++) {
                        asFloats[i] = (float) chunk[i];
                    }
                    fout.put(at, asFloats, 0, n);
                } else {
                    dout.put(at, chunk, 0, n);
                }
            }
            return;
        }
        double[] v = new double[(int) w.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * std;
        }
        w.assign(Nd4j.create(v, w.shape(), 'c').castTo(w.dataType()));
    }

    private static final int CHUNK = 1 << 16;

    private static boolean feedsRelu(int index, List<Step> steps, int[][] consumers) {
        for (int c : consumers[index]) {
            Step s = steps.get(c);
            if (s.node.kind() == Primitive.ACTIVATION
                    && RELU_FAMILY.contains(s.node.params().getString("function"))) {
                return true;
            }
            if (s.node.kind() == Primitive.BATCH_NORM && feedsRelu(c, steps, consumers)) {
                return true;
            }
        }
        return false;
    }
}
