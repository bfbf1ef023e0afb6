package org.blockscope.engine.compile;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Backward from a chosen gradient instead of the loss ({@link Model#backwardFrom}): the gradient of
 * one step's output is given, and flows back through the steps before it exactly as the loss's
 * gradient does. Used by explanations (Grad-CAM, saliency, receptive fields). Keeps copies of the
 * gradients asked for, taken when each is complete (just before its step's backward runs).
 */
final class SeededBackward {
    private SeededBackward() {}

    static Map<String, INDArray> run(Plan plan, Pass p, String from, INDArray dOut, Collection<String> at) {
        if (p.fused) {
            throw new IllegalStateException("backward needs a forward pass; the last pass was infer()");
        }
        int start = index(plan, from);
        INDArray y = p.out[start];
        if (y == null) {
            throw new IllegalArgumentException("'" + from + "' was not computed in the last pass");
        }
        if (plan.step(start) instanceof ClassifierStep) {
            throw new IllegalArgumentException("'" + from + "' is a classifier: start from its input (the scores)");
        }
        if (!Arrays.equals(y.shape(), dOut.shape())) {
            throw new IllegalArgumentException("gradient " + Arrays.toString(dOut.shape())
                    + " does not match the output " + Arrays.toString(y.shape()) + " of '" + from + "'");
        }
        Map<Integer, String> wanted = new LinkedHashMap<>();
        for (String path : at) {
            int i = index(plan, path);
            if (p.out[i] == null) {
                throw new IllegalArgumentException("'" + path + "' was not computed in the last pass");
            }
            wanted.put(i, path);
        }
        Arrays.fill(p.grad, null);
        p.paramGrads.clear();
        p.needsGradient = null;
        p.grad[start] = dOut.castTo(y.dataType()).dup('c');
        p.ownedGrad[start] = true;
        Map<Integer, INDArray> copies = new LinkedHashMap<>();
        for (int i = start; i >= 0; i--) {
            Step s = plan.step(i);
            if (p.grad[i] == null || s instanceof ClassifierStep) {
                continue;
            }
            if (wanted.containsKey(i)) {
                copies.put(i, p.grad[i].dup('c'));
            }
            s.backward(p, p.grad[i]);
        }
        Buffers.releaseIntermediateGradients(plan, p);
        Map<String, INDArray> out = new LinkedHashMap<>();
        wanted.forEach((i, path) -> {
            INDArray g = copies.get(i);
            out.put(path, g != null ? g : p.out[i].ulike().assign(0));
        });
        return out;
    }

    private static int index(Plan plan, String path) {
        for (Step s : plan.steps) {
            if (s.path().equals(path)) {
                return s.index;
            }
        }
        throw new IllegalArgumentException("no primitive '" + path + "'");
    }
}
