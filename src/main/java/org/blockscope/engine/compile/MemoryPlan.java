package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * When the buffers of a pass die, decided once from the plan's liveness. A fused inference pass frees an
 * output as soon as its last consumer at inference ran ({@link #deadAfterInference}), so the next steps'
 * outputs reuse buffers still in the CPU caches; a backward pass frees each step's output gradient once
 * that step back-propagated it ({@link #gradientDiesAfterBackward}). Which buffers outputs share (a step
 * may pass its input on, or return a view of it) is only known when the arrays exist: the executor frees
 * a buffer when no live array uses it ({@link LiveBuffers}, {@link Buffers}).
 *
 * <p>Never freed early: the network's output, the classifiers' inputs (the loss reads them after the
 * pass), the caller's batch and the tensors.
 */
final class MemoryPlan {
    private final int[][] deadAfterInference;
    private final boolean[] gradientDies;
    private final int[][] deadAfterBackward;
    private final int[] deadAtBackwardStart;
    private final int[][] deadAfterTrainingForward;

    private MemoryPlan(
            int[][] deadAfterInference,
            boolean[] gradientDies,
            int[][] deadAfterBackward,
            int[] deadAtBackwardStart,
            int[][] deadAfterTrainingForward) {
        this.deadAfterTrainingForward = deadAfterTrainingForward;
        this.deadAfterInference = deadAfterInference;
        this.gradientDies = gradientDies;
        this.deadAfterBackward = deadAfterBackward;
        this.deadAtBackwardStart = deadAtBackwardStart;
    }

    static MemoryPlan of(
            List<Step> steps, int[][] consumers, boolean[] runsAtInference, int mainOutput, Fusions fusions) {
        int n = steps.size();
        int[] lastUse = new int[n];
        java.util.Arrays.fill(lastUse, -1);
        for (int i = 0; i < n; i++) {
            if (!runsAtInference[i] || i == mainOutput) {
                lastUse[i] = -1;
                continue;
            }
            boolean readByLoss = false;
            for (int c : consumers[i]) {
                if (runsAtInference[c]) {
                    lastUse[i] = Math.max(lastUse[i], c);
                    readByLoss |= steps.get(c) instanceof ClassifierStep;
                }
            }
            if (readByLoss) {
                lastUse[i] = -1;
            }
        }
        // a scaling applied by the add after it reads its inputs there (Fusion.ScaleIntoAdd)
        for (Fusion f : fusions.all()) {
            if (f instanceof Fusion.ScaleIntoAdd sa) {
                for (int in : steps.get(sa.scale()).inputs) {
                    if (lastUse[in] >= 0) {
                        lastUse[in] = Math.max(lastUse[in], sa.add());
                    }
                }
            }
        }
        List<List<Integer>> dead = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            dead.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            if (lastUse[i] >= 0) {
                dead.get(lastUse[i]).add(i);
            }
        }
        int[][] d = new int[n][];
        boolean[] g = new boolean[n];
        for (int i = 0; i < n; i++) {
            d[i] = dead.get(i).stream().mapToInt(Integer::intValue).toArray();
            g[i] = !(steps.get(i) instanceof SimpleSteps.Input); // the image's gradient is a result
        }
        // backward runs from the last step to the first: an output is dead after the backward of the
        // first step (in plan order) that reads it; with no reader but the loss, as soon as backward starts
        List<List<Integer>> deadB = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            deadB.add(new ArrayList<>());
        }
        List<Integer> atStart = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Step s = steps.get(j); // the input: the caller's batch stays, its channels-last copy goes
            int first = s.backwardReadsOutput(fusions) ? j : Integer.MAX_VALUE;
            for (int c : consumers[j]) {
                Step r = steps.get(c);
                if (r.backwardReadsInputs() && !(r instanceof ClassifierStep)) {
                    first = Math.min(first, c);
                }
            }
            if (first == Integer.MAX_VALUE) {
                atStart.add(j);
            } else {
                deadB.get(first).add(j);
            }
        }
        int[][] b = new int[n][];
        for (int i = 0; i < n; i++) {
            b[i] = deadB.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return new MemoryPlan(
                d,
                g,
                b,
                atStart.stream().mapToInt(Integer::intValue).toArray(),
                deadInTrainingForward(steps, consumers, atStart, mainOutput));
    }

    /**
     * Outputs that no backward reads die in a training forward pass once their last consumer ran (a
     * bottleneck's last batch norm, whose output only an add reads): PyTorch drops them then too. Kept:
     * the network's output and what the loss reads (the classifiers' inputs).
     */
    private static int[][] deadInTrainingForward(
            List<Step> steps, int[][] consumers, List<Integer> noBackwardReader, int mainOutput) {
        List<List<Integer>> dead = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            dead.add(new ArrayList<>());
        }
        for (int j : noBackwardReader) {
            int last = -1;
            boolean readByLoss = false;
            for (int c : consumers[j]) {
                last = Math.max(last, c);
                readByLoss |= steps.get(c) instanceof ClassifierStep;
            }
            if (last >= 0 && !readByLoss && j != mainOutput) {
                dead.get(last).add(j);
            }
        }
        int[][] d = new int[steps.size()][];
        for (int i = 0; i < d.length; i++) {
            d[i] = dead.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return d;
    }

    /** Steps whose outputs are dead once step i ran in a fused inference pass (i was their last consumer). */
    int[] deadAfterInference(int i) {
        return deadAfterInference[i];
    }

    /**
     * Steps whose outputs are dead once step i's backward ran (in passes that free activations during
     * backward: the trainer's).
     */
    int[] deadAfterBackward(int i) {
        return deadAfterBackward[i];
    }

    /**
     * Steps whose outputs are dead once step i ran in a training forward pass that frees activations (no
     * backward reads them, and step i was their last consumer).
     */
    int[] deadAfterTrainingForward(int i) {
        return deadAfterTrainingForward[i];
    }

    /** Steps whose outputs no backward reads (the loss has read the classifiers' inputs by then). */
    int[] deadAtBackwardStart() {
        return deadAtBackwardStart;
    }

    /** Whether step i's output gradient is dead once its backward ran. */
    boolean gradientDiesAfterBackward(int i) {
        return gradientDies[i];
    }
}
