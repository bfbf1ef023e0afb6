package org.blockscope.engine.compile;

import java.util.List;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One primitive of the execution plan: computes its output from its inputs' outputs and, given
 * the gradient of its output, adds its inputs' gradients and sets its parameters' gradients.
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
     * Whether this step applies the ReLU that only it feeds, in its own loop, in fused passes (fused
     * inference, fast training); set by {@link #fuseRelu} for the steps that {@link #canApplyRelu}.
     */
    boolean appliesRelu;

    /** Steps whose kernel can apply a following ReLU in the same loop (batch norm, add). */
    boolean canApplyRelu() {
        return false;
    }

    /** This step applies {@code act} (a ReLU only it feeds); the ReLU step then passes its input on. */
    void fuseRelu(SimpleSteps.Act act) {
        appliesRelu = true;
        act.appliedByInput();
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
