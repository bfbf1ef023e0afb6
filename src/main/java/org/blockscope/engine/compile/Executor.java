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
    private Map<String, long[]> profile;

    /**
     * Whether fused passes free intermediate outputs once consumed ({@link LiveBuffers}) and backward frees
     * each output gradient once used; for A/B benchmarks.
     */
    static volatile boolean earlyRelease = true;

    /** -Dblockscope.profileNodes=true: {@link #profile()} per node instead of per kind. */
    private static final boolean PROFILE_NODES = Boolean.getBoolean("blockscope.profileNodes");

    Executor(Plan plan) {
        this.plan = plan;
    }

    /** Runs every step of p's mode; {@code x} is the caller's batch (never freed). Returns the output. */
    INDArray forward(Pass p, INDArray x) {
        if (p.fused && earlyRelease) {
            Set<DataBuffer> keep = Buffers.protectedBuffers(plan, null);
            keep.add(Buffers.root(p.input.data()));
            keep.add(Buffers.root(x.data()));
            p.live = new LiveBuffers(p, plan.memory, keep);
        }
        for (Step s : plan.steps) {
            if (!plan.runs(s.index, p.mode)) {
                continue;
            }
            long t0 = profile == null ? 0 : System.nanoTime();
            p.out[s.index] = p.fused ? s.forwardChannelsLast(p) : s.forward(p);
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
    double backward(Pass p, int[] labels, boolean inputGradient) {
        if (p.fused) {
            throw new IllegalStateException("backward needs a forward pass; the last pass was infer()");
        }
        Arrays.fill(p.grad, null);
        p.paramGrads.clear();
        p.needsGradient = inputGradient ? null : plan.needsGradientWithoutInput;
        p.labels = labels;
        p.loss = 0;
        for (Step s : plan.steps) {
            if (s instanceof ClassifierStep c && p.out[s.index] != null) {
                c.lossAndBackward(p);
            }
        }
        Set<DataBuffer> keep = earlyRelease ? Buffers.protectedBuffers(plan, p) : null;
        for (int i = plan.size() - 1; i >= 0; i--) {
            Step s = plan.step(i);
            if (s instanceof ClassifierStep || p.grad[i] == null) {
                continue;
            }
            long t0 = profile == null ? 0 : System.nanoTime();
            s.backward(p, p.grad[i]);
            if (keep != null && plan.memory.gradientDiesAfterBackward(i)) {
                Buffers.releaseGradient(p, i, keep);
            }
            if (profile != null) {
                time(s, 1, t0);
            }
        }
        Buffers.releaseIntermediateGradients(plan, p);
        return p.loss;
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
