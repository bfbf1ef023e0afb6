package org.blockscope.engine.compile;

import java.util.List;
import org.blockscope.engine.backend.ChannelsLast;
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
     * Forward in a channels-last pass (fused inference, or the trainer's passes on oneDNN; see {@link
     * Pass#channelsLast}): steps that can work on channels-last activations read them with {@link
     * Pass#inChannelsLast} and return {@link Pass#channelsLast}(this, y); the others compute as usual from
     * NCHW views.
     */
    INDArray forwardChannelsLast(Pass p) {
        return forward(p);
    }

    /** @param dy gradient of this step's output (never null) */
    abstract void backward(Pass p, INDArray dy);

    /**
     * Whether this step's backward reads its inputs' values (or shapes): the {@link MemoryPlan} keeps an
     * output until the last step whose backward reads it has run. True unless a step says otherwise.
     */
    boolean backwardReadsInputs() {
        return true;
    }

    /** Whether this step's backward reads its own output, given the plan's fusions (batch norm's fused ReLU mask). */
    boolean backwardReadsOutput(Fusions fusions) {
        return false;
    }

    /**
     * Backward of a step whose output was channels-last ({@link Pass#channelsLast}(this, y)): dyh is
     * [N,H,W,C]. By default converted and handed to {@link #backward}; steps that can stay channels-last
     * override it.
     */
    void backwardChannelsLast(Pass p, INDArray dyh) {
        backward(p, ChannelsLast.toNchw(dyh));
    }
}
