package org.blockscope.engine.compile;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs passes over a {@link Plan}: forward (plain, or fused channels-last inference), the loss, and
 * backward, freeing buffers as the plan's {@link MemoryPlan} says. Keeps no arrays itself: they live in
 * the {@link Pass}. Times steps by primitive kind when profiling.
 */
final class Executor {
    private final Plan plan;
    /** Steps whose outputs a reader wants after the pass (e.g. gradient-flow statistics): never freed early. */
    private boolean[] kept;

    private Map<String, long[]> profile;

    /**
     * Whether fused passes free intermediate outputs once consumed ({@link LiveBuffers}) and backward frees
     * each output gradient once used; for A/B benchmarks.
     */
    static volatile boolean earlyRelease = true;

    /**
     * Whether the trainer's passes ({@code Model.fastTraining}) keep activations channels-last on oneDNN
     * (FLOAT); for A/B benchmarks.
     */
    static volatile boolean channelsLastTraining = true;
    /**
     * Fused inference runs an SE gate's excitation as one step ({@link Fusion.Excitation}) and its product in
     * the residual sum after it ({@link Fusion.ScaleIntoAdd}).
     */
    static volatile boolean gateInSum = true;

    /**
     * Fused inference keeps each convolution's weights in its kernel's layout, batch norm folded in, from one
     * pass to the next while their sources are unchanged ({@link org.blockscope.engine.backend.PreparedWeights}).
     */
    static volatile boolean keepWeights = true;

    /**
     * Fused inference computes a residual sum in the convolution before it, into the other input's buffer
     * ({@link Fusion.SumIntoConv}), with kept weights.
     */
    static volatile boolean sumIntoConv = true;

    /** -Dblockscope.profileNodes=true: {@link #profile()} per node instead of per kind. */
    private static final boolean PROFILE_NODES = Boolean.getBoolean("blockscope.profileNodes");

    /** Keeps the outputs of these steps (by plan index) through an early-freeing backward. */
    void keep(boolean[] steps) {
        kept = steps;
    }

    Executor(Plan plan) {
        this.plan = plan;
    }

    /** Runs every step of p's mode; {@code x} is the caller's batch (never freed). Returns the output. */
    INDArray forward(Pass p, INDArray x) {
        if (earlyRelease && (p.fused || p.releasesActivations)) {
            Set<DataBuffer> keep = Buffers.protectedBuffers(plan, null); // the tensors, and the batch:
            keep.add(Buffers.root(p.input.data()));
            keep.add(Buffers.root(x.data()));
            p.live = p.fused
                    ? new LiveBuffers(p, plan.memory::deadAfterInference, keep)
                    : new LiveBuffers(p, i -> unkept(plan.memory.deadAfterTrainingForward(i)), keep);
        }
        for (Step s : plan.steps) {
            if (!plan.runs(s.index, p.mode)) {
                continue;
            }
            long t0 = profile == null ? 0 : System.nanoTime();
            p.out[s.index] = p.channelsLast ? s.forwardChannelsLast(p) : s.forward(p);
            if (p.live != null) {
                p.live.after(s);
            }
            if (profile != null) {
                time(s, 0, t0);
            }
        }
        return p.out[plan.mainOutput];
    }

    /** Σ lossWeight × mean cross-entropy over the heads pass p evaluated. */
    double loss(Pass p, int[] labels) {
        p.labels = labels;
        double loss = 0;
        for (Step s : plan.steps) {
            if (s instanceof ClassifierStep c && p.out[s.index] != null) {
                loss += c.loss(p);
            }
        }
        return loss;
    }

    /**
     * Back-propagates the loss of pass p, which fills its parameter gradients and (with inputGradient) the
     * image's gradient. Returns the loss.
     */
    double backward(Pass p, int[] labels, boolean inputGradient, boolean freeActivations) {
        if (p.fused) {
            throw new IllegalStateException("backward needs a forward pass; the last pass was infer()");
        }
        Arrays.fill(p.grad, null);
        p.paramGrads.clear();
        p.needsGradient = inputGradient ? null : plan.needsGradientWithoutInput;
        p.labels = labels;
        p.loss = 0;
        BackwardRefs refs = null;
        if (earlyRelease) {
            // protected: tensors and the batch, and unless they die here the activations
            Set<DataBuffer> keep = Buffers.protectedBuffers(plan, freeActivations ? null : p);
            keep.add(Buffers.root(p.input.data()));
            refs = new BackwardRefs(keep);
            if (freeActivations) {
                for (int j = 0; j < plan.size(); j++) {
                    refs.hold(p.out[j]);
                    refs.hold(p.channelsLast ? p.nhwc[j] : null);
                }
            }
        }
        p.refs = refs;
        for (Step s : plan.steps) {
            if (s instanceof ClassifierStep c && p.out[s.index] != null) {
                long t0 = profile == null ? 0 : System.nanoTime();
                c.lossAndBackward(p);
                if (profile != null) {
                    time(s, 1, t0);
                }
            }
        }
        if (freeActivations && refs != null) {
            release(p, refs, plan.memory.deadAtBackwardStart());
        }
        for (int i = plan.size() - 1; i >= 0; i--) {
            Step s = plan.step(i);
            if (!(s instanceof ClassifierStep) && p.grad[i] != null) {
                long t0 = profile == null ? 0 : System.nanoTime();
                if (p.madeChannelsLast.get(i)) {
                    s.backwardChannelsLast(p, p.grad[i]);
                } else {
                    s.backward(p, p.grad[i]);
                }
                if (refs != null && plan.memory.gradientDiesAfterBackward(i)) {
                    refs.drop(p.grad[i]);
                    p.grad[i] = null;
                }
                if (profile != null) {
                    time(s, 1, t0);
                }
            }
            if (freeActivations && refs != null) {
                release(p, refs, plan.memory.deadAfterBackward(i));
            }
        }
        for (Step s : plan.steps) { // what no step back-propagated (e.g. a branch the loss does not reach)
            if (refs != null && plan.memory.gradientDiesAfterBackward(s.index)) {
                refs.drop(p.grad[s.index]);
                p.grad[s.index] = null;
            }
        }
        if (refs == null) {
            Buffers.releaseIntermediateGradients(plan, p);
        }
        p.refs = null;
        return p.loss;
    }

    /** Those of these steps whose outputs a reader does not want kept. */
    private int[] unkept(int[] steps) {
        if (kept == null || steps.length == 0) {
            return steps;
        }
        return Arrays.stream(steps).filter(j -> !kept[j]).toArray();
    }

    /** Frees the outputs of these steps (their channels-last copies too): nothing reads them any more. */
    private void release(Pass p, BackwardRefs refs, int[] steps) {
        for (int j : steps) {
            if (kept != null && kept[j]) {
                continue;
            }
            refs.drop(p.out[j]);
            p.out[j] = null;
            if (p.channelsLast) {
                refs.drop(p.nhwc[j]);
                p.nhwc[j] = null;
            }
        }
    }

    /** Starts (or with false stops) timing steps by primitive kind. */
    void profiling(boolean on) {
        profile = on ? new LinkedHashMap<>() : null;
    }

    /** Nanoseconds spent per primitive kind since profiling started: [forward, backward]. */
    Map<String, long[]> profile() {
        return profile == null ? Map.of() : Collections.unmodifiableMap(profile);
    }

    private void time(Step s, int which, long t0) {
        String key = PROFILE_NODES
                ? s.node.kind().name() + " " + s.node.path()
                : s.node.kind().name();
        profile.computeIfAbsent(key, k -> new long[2])[which] += System.nanoTime() - t0;
    }
}
