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
    /** Per step of an SE gate's chain ({@link Fusion.Excitation}): the chain's first step, or -1. */
    private final int[] excitationStart;
    /** Per first step of such a chain: the chain, or null. */
    private final Fusion.Excitation[] excitation;
    /** Per convolution: the residual sum it computes ({@link Fusion.SumIntoConv}), or null. */
    private final Fusion.SumIntoConv[] sumInto;

    private Fusions(int steps, List<Fusion> all) {
        this.all = List.copyOf(all);
        reluAfter = filled(steps);
        reluProducer = filled(steps);
        foldedBatchNorm = filled(steps);
        foldedInto = filled(steps);
        scaleInto = filled(steps);
        scaleOf = filled(steps);
        excitationStart = filled(steps);
        excitation = new Fusion.Excitation[steps];
        sumInto = new Fusion.SumIntoConv[steps];
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
            } else if (f instanceof Fusion.Excitation e) {
                excitation[e.fc1()] = e;
                excitationStart[e.relu()] = e.fc1();
                excitationStart[e.fc2()] = e.fc1();
                excitationStart[e.sigmoid()] = e.fc1();
            } else if (f instanceof Fusion.SumIntoConv sc) {
                sumInto[sc.conv()] = sc;
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
     * it; a channel scaling that only a two-input add reads runs in that add's loop; a residual sum runs in
     * the convolution of its branch ({@link #sumIntoConv}). None touches the network's output, which the
     * caller reads.
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
            Fusion.Excitation e = excitation(steps, consumers, mainOutput, s);
            if (e != null) {
                found.add(e);
            }
        }
        Fusions base = new Fusions(steps.size(), found); // the sums read the other fusions through its lookups
        List<Fusion> sums = new ArrayList<>();
        for (Step s : steps) {
            Fusion.SumIntoConv sc = sumIntoConv(steps, consumers, mainOutput, base, s);
            if (sc != null) {
                sums.add(sc);
            }
        }
        if (sums.isEmpty()) {
            return base;
        }
        found.addAll(sums);
        found.sort(java.util.Comparator.comparingInt(Fusions::foundAt)); // stable: plan order, as all() says
        return new Fusions(steps.size(), found);
    }

    /** The step at which {@link #find} takes fusion f. */
    private static int foundAt(Fusion f) {
        if (f instanceof Fusion.ReluInto r) {
            return r.producer();
        } else if (f instanceof Fusion.BatchNormIntoConv b) {
            return b.batchNorm();
        } else if (f instanceof Fusion.ScaleIntoAdd sa) {
            return sa.scale();
        } else if (f instanceof Fusion.Excitation e) {
            return e.fc1();
        }
        return ((Fusion.SumIntoConv) f).add();
    }

    /**
     * The residual sum of add step s as its convolution branch's post-op ({@link Fusion.SumIntoConv}): the
     * first input that is a plain convolution (or a batch norm without a ReLU folded into one) read only
     * by the add, while the other input was computed before that convolution and nothing after the
     * convolution reads it but the add. Not for an add that applies an SE gate. Else null.
     */
    private static Fusion.SumIntoConv sumIntoConv(
            List<Step> steps, int[][] consumers, int mainOutput, Fusions base, Step s) {
        if (!(s instanceof SimpleSteps.Add)
                || s.inputs.length != 2
                || s.inputs[0] == s.inputs[1]
                || base.scaleAppliedIn(s.index) >= 0) {
            return null;
        }
        for (int port = 0; port < 2; port++) {
            int branch = s.inputs[port], other = s.inputs[1 - port];
            if (consumers[branch].length != 1 || branch == mainOutput || other == mainOutput) {
                continue;
            }
            Step b = steps.get(branch);
            int conv = -1, bn = -1;
            if (b instanceof ConvStep c && c.foldable() && base.foldedBatchNorm(branch) < 0) {
                conv = branch;
            } else if (b instanceof BatchNormStep && base.isFolded(branch) && !base.appliesRelu(branch)) {
                conv = b.inputs[0]; // the convolution it folds into; a ReLU after it would come before the sum
                bn = branch;
            }
            if (conv < 0 || other > conv) {
                continue;
            }
            boolean readAfter = false;
            for (int u : consumers[other]) {
                readAfter |= u != s.index && u >= conv;
            }
            if (!readAfter) {
                return new Fusion.SumIntoConv(conv, bn, s.index, other);
            }
        }
        return null;
    }

    /** FC → ReLU → FC → sigmoid from s, each read only by the next, none the output; else null. */
    private static Fusion.Excitation excitation(List<Step> steps, int[][] consumers, int mainOutput, Step s) {
        if (!(s instanceof FullyConnectedStep)) {
            return null;
        }
        int[] chain = new int[4];
        chain[0] = s.index;
        for (int k = 1; k < 4; k++) {
            int[] users = consumers[chain[k - 1]];
            if (users.length != 1 || chain[k - 1] == mainOutput) {
                return null;
            }
            chain[k] = users[0];
        }
        boolean shape = steps.get(chain[1]) instanceof SimpleSteps.Act relu
                && relu.isRelu()
                && steps.get(chain[2]) instanceof FullyConnectedStep
                && steps.get(chain[3]) instanceof SimpleSteps.Act sigmoid
                && sigmoid.isSigmoid()
                && chain[3] != mainOutput;
        return shape ? new Fusion.Excitation(chain[0], chain[1], chain[2], chain[3]) : null;
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

    /** The SE gate chain that starts at step i, or null. */
    Fusion.Excitation excitationFrom(int i) {
        return excitation[i];
    }

    /** For the ReLU, second layer and sigmoid of an SE gate chain: the chain's first step; else -1. */
    int excitationStart(int i) {
        return excitationStart[i];
    }

    /** The add that applies scale step i in fused inference, or -1. */
    int scaleAppliedBy(int i) {
        return scaleInto[i];
    }

    /** The scale step that add step i applies in fused inference, or -1. */
    int scaleAppliedIn(int i) {
        return scaleOf[i];
    }

    /** The residual sum that convolution step i computes in fused inference, or null. */
    Fusion.SumIntoConv sumInto(int i) {
        return sumInto[i];
    }

    /** Whether batch norm step i is folded into the convolution before it. */
    boolean isFolded(int i) {
        return foldedInto[i] >= 0;
    }
}
