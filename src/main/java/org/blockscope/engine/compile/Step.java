package org.blockscope.engine.compile;

import java.util.List;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One primitive of the execution plan: computes its output from its inputs' outputs and, given
 * the gradient of its output, adds its inputs' gradients and sets its parameters' gradients. A step
 * holds its parameters; what a pass computes (outputs, saved statistics, masks) lives in the {@link Pass},
 * and fusion decisions in the plan's {@link Fusions}.
 */
abstract class Step {
    final PrimitiveNode node;
    final int index;
    final int[] inputs;

    Step(PrimitiveNode node, int index, int[] inputs) {
        this.node = node;
        this.index = index;
        this.inputs = inputs;
    }

    String path() {
        return node.path();
    }

    /** Parameters and state of this step, in a fixed order. */
    List<Tensor> tensors() {
        return List.of();
    }

    abstract INDArray forward(Pass p);

    /**
     * Whether this step's kernel can apply a following ReLU in its own loop (batch norm, add); the
     * compiler decides where it does ({@link Fusion.ReluInto}).
     */
    boolean canApplyRelu() {
        return false;
    }

    /**
     * Forward in a fused channels-last inference pass ({@link Model#infer}): steps that can work on
     * channels-last activations read them with {@link Pass#inChannelsLast} and return
     * {@link Pass#channelsLast}(this, y); the others compute as usual from NCHW views.
     */
    INDArray forwardChannelsLast(Pass p) {
        return forward(p);
    }

    /** @param dy gradient of this step's output (never null) */
    abstract void backward(Pass p, INDArray dy);
}
