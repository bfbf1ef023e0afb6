package org.blockscope.engine.kernel;

import java.util.Arrays;
import org.blockscope.engine.backend.JavaLoops;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnnPlanes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Elementwise sum of n same-shape inputs (Java loop for contiguous FLOAT/DOUBLE). Backward passes dy
 * unchanged to every input.
 */
public final class AddKernel {
    private AddKernel() {}

    public static INDArray forward(INDArray... xs) {
        return forward(false, xs);
    }

    /** Σ xs, then max(·, 0) when relu (a following ReLU fused into the same loop). */
    public static INDArray forward(boolean relu, INDArray... xs) {
        for (int i = 1; i < xs.length; i++) {
            if (!Arrays.equals(xs[i].shape(), xs[0].shape())) {
                throw new IllegalArgumentException(
                        "add: shapes differ " + Conv2dKernel.shape(xs[0]) + " vs " + Conv2dKernel.shape(xs[i]));
            }
        }
        if (xs.length >= 2 && OneDnnPlanes.handles(xs)) {
            INDArray y = NativeOps.empty(xs[0].dataType(), xs[0].shape());
            for (int i = 1; i < xs.length; i++) {
                OneDnnPlanes.add(i == 1 ? xs[0] : y, xs[i], y, relu && i == xs.length - 1);
            }
            return y;
        }
        if (xs.length >= 2 && JavaLoops.applicable(xs)) {
            INDArray y = JavaLoops.add(xs[0], xs[1], relu && xs.length == 2);
            for (int i = 2; i < xs.length; i++) {
                JavaLoops.addInPlace(y, xs[i], relu && i == xs.length - 1);
            }
            return y;
        }
        INDArray y = xs[0].dup();
        for (int i = 1; i < xs.length; i++) {
            if (!Arrays.equals(xs[i].shape(), y.shape())) {
                throw new IllegalArgumentException(
                        "add: shapes differ " + Conv2dKernel.shape(xs[0]) + " vs " + Conv2dKernel.shape(xs[i]));
            }
            y.addi(xs[i]);
        }
        return relu ? org.nd4j.linalg.ops.transforms.Transforms.relu(y, false) : y;
    }

    /**
     * a += b in place (same shape): the gradient sum where an output feeds several steps. A pooled
     * parallel Java loop on contiguous FLOAT/DOUBLE arrays, else ND4J's addi.
     */
    public static void accumulate(INDArray a, INDArray b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(
                    "add: shapes differ " + Conv2dKernel.shape(a) + " vs " + Conv2dKernel.shape(b));
        }
        if (OneDnnPlanes.handles(a, b)) {
            OneDnnPlanes.add(a, b, a, false);
        } else if (JavaLoops.applicable(a, b)) {
            JavaLoops.addInPlace(a, b);
        } else {
            a.addi(b);
        }
    }

    /** n references to the same dy array (callers must not modify it in place). */
    public static INDArray[] backward(int n, INDArray dy) {
        INDArray[] d = new INDArray[n];
        Arrays.fill(d, dy);
        return d;
    }
}
