package org.blockscope.engine.compile;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.kernel.AddKernel;
import org.blockscope.engine.kernel.GlobalAvgPoolKernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The arrays of one forward (and backward) pass, indexed by step, and what steps keep between their
 * forward and backward ({@link #state}). The plan it runs is immutable; everything that changes from pass
 * to pass lives here.
 */
final class Pass {
    final Plan plan;
    final Mode mode;
    final long noiseSeed;
    final INDArray[] out;
    final INDArray[] grad;
    /** grad[i] was allocated by {@link #accumulate} (a sum), so it may be added to in place. */
    final boolean[] ownedGrad;

    final Map<String, INDArray> paramGrads = new LinkedHashMap<>();
    /** Fused channels-last inference ({@link Model#infer}): only the main output is meaningful. */
    final boolean fused;
    /**
     * Steps keep activations channels-last where they can ({@link Step#forwardChannelsLast}): fused
     * inference, and the trainer's passes on oneDNN. A step's output gradient then has its output's layout.
     */
    final boolean channelsLast;
    /** In a channels-last pass: [N,H,W,C] copies of step outputs, when a step made or needed one. */
    final INDArray[] nhwc;
    /** Steps that produced a channels-last output in this pass (their arrays may be freed since). */
    final BitSet madeChannelsLast = new BitSet();
    /** Per step: what its forward saved for its backward (batch norm statistics, a dropout mask), or null. */
    final Object[] state;
    /**
     * In a fused pass: frees intermediate outputs once consumed; in a pass that releasesActivations, those no
     * backward reads.
     */
    LiveBuffers live;
    /**
     * The trainer's passes (fast TRAINING, no earlier pass kept): outputs no backward reads are freed in the
     * forward pass, once their last consumer ran.
     */
    boolean releasesActivations;
    /** During backward (unless early freeing is off): the buffers held, freed when no longer held. */
    BackwardRefs refs;
    /** Arrays steps made for their backward (masks, workspaces, statistics): freed with the pass. */
    final java.util.List<INDArray> scratch = new java.util.ArrayList<>();

    INDArray input;
    int[] labels;
    double loss;

    Pass(Plan plan, Mode mode, long noiseSeed, boolean fused, boolean channelsLast) {
        this.plan = plan;
        int steps = plan.size();
        this.fused = fused;
        this.channelsLast = fused || channelsLast;
        this.state = new Object[steps];
        this.nhwc = new INDArray[this.channelsLast ? steps : 0];
        this.mode = mode;
        this.noiseSeed = noiseSeed;
        this.out = new INDArray[steps];
        this.grad = new INDArray[steps];
        this.ownedGrad = new boolean[steps];
    }

    /** Every array of this pass: input, outputs, gradients, parameter gradients. */
    java.util.List<INDArray> all() {
        java.util.List<INDArray> l = new java.util.ArrayList<>();
        if (input != null) {
            l.add(input);
        }
        for (INDArray a : out) {
            if (a != null) {
                l.add(a);
            }
        }
        for (INDArray a : nhwc) {
            if (a != null) {
                l.add(a);
            }
        }
        for (INDArray a : grad) {
            if (a != null) {
                l.add(a);
            }
        }
        l.addAll(paramGrads.values());
        l.addAll(scratch);
        return l;
    }

    /** A training pass that may fuse steps (BN-ReLU): only the trainer's own outputs are read. */
    boolean fastTraining;

    /** Steps whose output gradient someone needs (null: all); set by Model.backward. */
    boolean[] needsGradient;

    boolean needsGradient(int index) {
        return needsGradient == null || needsGradient[index];
    }

    INDArray in(Step s, int port) {
        return out[s.inputs[port]];
    }

    /** Every input of s, in port order. */
    INDArray[] inputs(Step s) {
        INDArray[] xs = new INDArray[s.inputs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = in(s, i);
        }
        return xs;
    }

    /** Every input of s as a channels-last array (see {@link #inChannelsLast}). */
    INDArray[] inputsChannelsLast(Step s) {
        INDArray[] xs = new INDArray[s.inputs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = inChannelsLast(s, i);
        }
        return xs;
    }

    /** Whether input {@code port} of s is already channels-last (channels-last pass). */
    boolean isChannelsLast(Step s, int port) {
        return channelsLast && nhwc[s.inputs[port]] != null;
    }

    /** Input {@code port} of s as a contiguous channels-last array (converted once, then kept). */
    INDArray inChannelsLast(Step s, int port) {
        int i = s.inputs[port];
        if (nhwc[i] == null) {
            nhwc[i] = ChannelsLast.fromNchw(out[i]);
            if (live != null) {
                live.madeChannelsLast(i);
            }
        }
        return nhwc[i];
    }

    /** Steps whose output already has the following ReLU applied in this pass (fused passes). */
    private final BitSet reluApplied = new BitSet();
    /** Of those, the steps whose backward also applies the ReLU's mask (oneDNN's fused batch norm). */
    private final BitSet reluMasked = new BitSet();

    void markReluApplied(Step s) {
        reluApplied.set(s.index);
    }

    /** s applied the ReLU after it and its backward masks the gradient too: the ReLU step passes dy on. */
    void markReluAppliedAndMasked(Step s) {
        reluApplied.set(s.index);
        reluMasked.set(s.index);
    }

    boolean reluApplied(int index) {
        return reluApplied.get(index);
    }

    boolean reluMasked(int index) {
        return reluMasked.get(index);
    }

    /** Scale steps whose product the add after them computes in this pass ({@link Fusion.ScaleIntoAdd}). */
    private final BitSet deferredScale = new BitSet();

    void deferScale(Step s) {
        deferredScale.set(s.index);
    }

    boolean scaleDeferred(int index) {
        return deferredScale.get(index);
    }

    /** Adds whose sum a convolution computed in this pass ({@link Fusion.SumIntoConv}). */
    private final BitSet summed = new BitSet();

    /**
     * The channels-last output of step f.other() for f.conv() to add its result into, or null when it may
     * not be overwritten: it is not channels-last, or another live output or the caller's arrays share its
     * buffer, or the pass keeps its outputs (no {@link LiveBuffers}).
     */
    INDArray sumTarget(Fusion.SumIntoConv f) {
        INDArray a = nhwc[f.other()];
        return a != null && live != null && live.soleHolder(f.other()) ? a : null;
    }

    void markSummed(int add) {
        summed.set(add);
    }

    boolean summed(int add) {
        return summed.get(add);
    }

    /** First steps of SE gate chains that computed the whole gate in this pass ({@link Fusion.Excitation}). */
    private final BitSet excited = new BitSet();

    void markExcited(int index) {
        excited.set(index);
    }

    /** Whether step i belongs to an SE gate chain whose first step already computed the gate. */
    boolean passesGateOn(int i) {
        int start = plan.fusions.excitationStart(i);
        return start >= 0 && excited.get(start);
    }

    /** The plan's fusion decisions. */
    Fusions fusions() {
        return plan.fusions;
    }

    /** Records y [N,H,W,C] as step s's channels-last output and returns its NCHW view (s's output). */
    INDArray channelsLast(Step s, INDArray y) {
        nhwc[s.index] = y;
        madeChannelsLast.set(s.index);
        return ChannelsLast.asNchw(y);
    }

    /** Adds {@code d} to the gradient of step {@code index}'s output (fan-out sums). Never mutates d. */
    void accumulate(int index, INDArray d) {
        INDArray g = grad[index];
        if (g == null) {
            grad[index] = d;
            ownedGrad[index] = false;
            hold(d);
        } else if (ownedGrad[index] || (refs != null && refs.exclusive(g))) {
            AddKernel.accumulate(g, d); // a sum this pass allocated, or a gradient only this slot holds
            ownedGrad[index] = true;
            discard(d);
        } else {
            INDArray sum = AddKernel.forward(g, d);
            grad[index] = sum;
            ownedGrad[index] = true;
            hold(sum);
            drop(g);
            discard(d);
        }
    }

    private void hold(INDArray a) {
        if (refs != null) {
            refs.hold(a);
        }
    }

    private void drop(INDArray a) {
        if (refs != null) {
            refs.drop(a);
        }
    }

    /** A temporary gradient now added elsewhere: freed unless someone holds its buffer. */
    private void discard(INDArray a) {
        if (refs != null) {
            refs.discard(a);
        }
    }

    /**
     * Adds global average pooling's gradient (dy [N, C], spread over H×W) to step s's input gradient, in
     * that input's layout: onto the gradient already there in one pass when the kernel can, else built and
     * added.
     */
    void accumulatePooledInput(Step s, int port, INDArray dy) {
        int index = s.inputs[port];
        INDArray g = grad[index];
        boolean nhwcGrad = madeChannelsLast.get(index);
        INDArray sum = g == null
                ? null
                : nhwcGrad
                        ? GlobalAvgPoolKernel.addBackwardToChannelsLast(g, dy, ownedGrad[index])
                        : GlobalAvgPoolKernel.addBackwardTo(g, dy, ownedGrad[index]);
        if (sum == null) {
            accumulate(
                    index,
                    nhwcGrad
                            ? GlobalAvgPoolKernel.backwardChannelsLast(nhwc[index].shape(), dy)
                            : GlobalAvgPoolKernel.backward(in(s, port).shape(), dy));
            return;
        }
        if (sum != g) {
            hold(sum);
            drop(g);
        }
        grad[index] = sum;
        ownedGrad[index] = true;
    }

    /** Adds d, a gradient of input {@code port} of s in NCHW order, to that input's gradient. */
    void accumulateInput(Step s, int port, INDArray d) {
        int index = s.inputs[port];
        if (madeChannelsLast.get(index) && d.rank() == 4) {
            INDArray dh = ChannelsLast.fromNchw(d);
            accumulate(index, dh);
            discard(d);
            return;
        }
        accumulate(index, d);
    }

    /** Adds dh, a channels-last [N,H,W,C] gradient of input {@code port} of s, to that input's gradient. */
    void accumulateInputChannelsLast(Step s, int port, INDArray dh) {
        int index = s.inputs[port];
        if (madeChannelsLast.get(index)) {
            accumulate(index, dh);
            return;
        }
        accumulate(index, ChannelsLast.toNchw(dh));
        discard(dh);
    }
}
