package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The fusions of a plan, found once by {@link #find}, with lookups by step index. Immutable. */
final class Fusions {
    private final List<Fusion> all;
    /** Per step: the ReLU step it applies in its loop, or -1. */
    private final int[] reluAfter;
    /** Per ReLU step: the step that applies it, or -1. */
    private final int[] reluProducer;
    /** Per convolution: the batch norm folded into it, or -1. */
    private final int[] foldedBatchNorm;
    /** Per batch norm: the convolution it folds into, or -1. */
    private final int[] foldedInto;
    /** Per scale step: the add that applies it, or -1; per add: the scale step it applies, or -1. */
    private final int[] scaleInto, scaleOf;

    private Fusions(int steps, List<Fusion> all) {
        this.all = List.copyOf(all);
        reluAfter = filled(steps);
        reluProducer = filled(steps);
        foldedBatchNorm = filled(steps);
        foldedInto = filled(steps);
        scaleInto = filled(steps);
        scaleOf = filled(steps);
        for (Fusion f : all) {
            if (f instanceof Fusion.ReluInto r) {
                reluAfter[r.producer()] = r.relu();
                reluProducer[r.relu()] = r.producer();
            } else if (f instanceof Fusion.BatchNormIntoConv b) {
                foldedBatchNorm[b.conv()] = b.batchNorm();
                foldedInto[b.batchNorm()] = b.conv();
            } else if (f instanceof Fusion.ScaleIntoAdd sa) {
                scaleInto[sa.scale()] = sa.add();
                scaleOf[sa.add()] = sa.scale();
            }
        }
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /**
     * A ReLU that only a batch norm or an add feeds runs in that step's loop; a batch norm whose input is a
     * plain convolution used by nothing else (and which oneDNN or libnd4j can run channels-last) folds into
     * it; a channel scaling that only a two-input add reads runs in that add's loop. None touches the
     * network's output, which the caller reads.
     */
    static Fusions find(List<Step> steps, int[][] consumers, int mainOutput) {
        List<Fusion> found = new ArrayList<>();
        for (Step s : steps) {
            int[] users = consumers[s.index];
            if (s.canApplyRelu()
                    && users.length == 1
                    && s.index != mainOutput
                    && steps.get(users[0]) instanceof SimpleSteps.Act act
                    && act.isRelu()) {
                found.add(new Fusion.ReluInto(s.index, act.index)); // BN-ReLU, and a residual block's add-ReLU
            }
            if (s instanceof BatchNormStep
                    && s.inputs.length == 1
                    && steps.get(s.inputs[0]) instanceof ConvStep conv
                    && consumers[conv.index].length == 1
                    && conv.index != mainOutput
                    && conv.foldable()) {
                found.add(new Fusion.BatchNormIntoConv(conv.index, s.index));
            }
            if (s instanceof SimpleSteps.Scale
                    && users.length == 1
                    && s.index != mainOutput
                    && steps.get(users[0]) instanceof SimpleSteps.Add add
                    && add.inputs.length == 2
                    && add.inputs[0] != add.inputs[1]) {
                found.add(new Fusion.ScaleIntoAdd(s.index, add.index)); // SE gate, then the residual sum
            }
        }
        return new Fusions(steps.size(), found);
    }

    /** Every fusion, in plan order. */
    List<Fusion> all() {
        return all;
    }

    /** Whether step i applies the ReLU after it in its own loop (in fused passes). */
    boolean appliesRelu(int i) {
        return reluAfter[i] >= 0;
    }

    /** Whether ReLU step i is applied by its input step (in fused passes). */
    boolean reluAppliedByInput(int i) {
        return reluProducer[i] >= 0;
    }

    /** The batch norm step folded into convolution step i, or -1. */
    int foldedBatchNorm(int i) {
        return foldedBatchNorm[i];
    }

    /** The add that applies scale step i in fused inference, or -1. */
    int scaleAppliedBy(int i) {
        return scaleInto[i];
    }

    /** The scale step that add step i applies in fused inference, or -1. */
    int scaleAppliedIn(int i) {
        return scaleOf[i];
    }

    /** Whether batch norm step i is folded into the convolution before it. */
    boolean isFolded(int i) {
        return foldedInto[i] >= 0;
    }
}
