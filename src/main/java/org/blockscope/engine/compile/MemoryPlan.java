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

    private MemoryPlan(int[][] deadAfterInference, boolean[] gradientDies) {
        this.deadAfterInference = deadAfterInference;
        this.gradientDies = gradientDies;
    }

    static MemoryPlan of(List<Step> steps, int[][] consumers, boolean[] runsAtInference, int mainOutput) {
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
        return new MemoryPlan(d, g);
    }

    /** Steps whose outputs are dead once step i ran in a fused inference pass (i was their last consumer). */
    int[] deadAfterInference(int i) {
        return deadAfterInference[i];
    }

    /** Whether step i's output gradient is dead once its backward ran. */
    boolean gradientDiesAfterBackward(int i) {
        return gradientDies[i];
    }
}
