package org.blockscope.engine.compile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.graph.Shape;

/**
 * The execution plan the {@link Compiler} builds: steps in topological order (one per primitive), who
 * reads whose output, which steps run at inference, the fusions, the gradient needs and the memory plan.
 * Everything is decided once here; the {@link Executor} only reads it. Immutable: the arrays are never
 * written after construction (parameter values, which the steps own, change in place as training runs).
 */
final class Plan {
    final List<Step> steps;
    /** Per step: the steps that read its output, in plan order. */
    final int[][] consumers;
    /** Per step: whether it runs in an INFERENCE pass (training-only heads and what only they read do not). */
    final boolean[] runsAtInference;
    /** The first classifier used at inference: the network's output. */
    final int mainOutput;
    /** The INPUT step. */
    final int input;

    final Shape inputShape;
    final Fusions fusions;
    /** Per step: whether it or a step before it has trainable parameters (the image's gradient aside). */
    final boolean[] needsGradientWithoutInput;

    final MemoryPlan memory;
    /** Every parameter and state tensor by name, in plan order. */
    final Map<String, Tensor> tensors;

    private Plan(List<Step> steps, int[][] consumers) {
        this.steps = List.copyOf(steps);
        this.consumers = consumers;
        int n = steps.size();
        boolean[] reachesInference = new boolean[n];
        boolean[] reachesTrainingOnly = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            if (steps.get(i) instanceof ClassifierStep c) {
                reachesInference[i] = !c.trainingOnly;
                reachesTrainingOnly[i] = c.trainingOnly;
            }
            for (int c : consumers[i]) {
                reachesInference[i] |= reachesInference[c];
                reachesTrainingOnly[i] |= reachesTrainingOnly[c];
            }
        }
        runsAtInference = new boolean[n];
        int main = -1, in = -1;
        for (int i = 0; i < n; i++) {
            runsAtInference[i] = reachesInference[i] || !reachesTrainingOnly[i];
            Step s = steps.get(i);
            if (main < 0 && s instanceof ClassifierStep c && !c.trainingOnly) {
                main = i;
            }
            if (s instanceof SimpleSteps.Input) {
                in = i;
            }
        }
        mainOutput = main;
        input = in;
        inputShape = steps.get(in).node.output();
        fusions = Fusions.find(this.steps, consumers, mainOutput);
        needsGradientWithoutInput = new boolean[n];
        for (Step s : steps) { // plan order is topological
            boolean need = s.tensors().stream().anyMatch(Tensor::trainable);
            for (int i : s.inputs) {
                need |= needsGradientWithoutInput[i];
            }
            needsGradientWithoutInput[s.index] = need && s.index != input;
        }
        memory = MemoryPlan.of(this.steps, consumers, runsAtInference, mainOutput, fusions);
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (Step s : steps) {
            for (Tensor x : s.tensors()) {
                t.put(x.name(), x);
            }
        }
        tensors = Collections.unmodifiableMap(t);
    }

    /** The plan of these steps; consumers[i] lists the steps reading step i's output. */
    static Plan of(List<Step> steps, int[][] consumers) {
        return new Plan(steps, consumers);
    }

    Step step(int i) {
        return steps.get(i);
    }

    int size() {
        return steps.size();
    }

    /** Whether step i runs in a pass of this mode. */
    boolean runs(int i, Mode mode) {
        return mode == Mode.TRAINING || runsAtInference[i];
    }
}
