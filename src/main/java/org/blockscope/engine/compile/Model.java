package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.shape.ExpandedGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An executable network: the {@link Plan} compiled from an {@link ExpandedGraph} with its parameters and
 * state, an {@link Executor} that runs passes over it, and the arrays of the last pass (every node's
 * activation, the gradients).
 *
 * <p>Use: {@code forward(x, mode)}, then (after a TRAINING or INFERENCE forward) {@code backward(labels)}
 * for the loss Σ lossWeight × cross-entropy over the classifier heads evaluated, which fills
 * {@link #gradients()} and {@link #inputGradient()}. Not thread-safe: one thread drives a model; arrays
 * returned are the model's own and are replaced by the next pass (copy with {@code dup()} to keep them);
 * they stay valid until the pass after next starts, then their memory is freed.
 *
 * <p>Fast paths that compute the same numbers with fewer passes over memory: {@link #infer} for class
 * probabilities (channels-last, batch norm folded, only the output kept), and for training loops
 * {@link #fastTraining(boolean)} and {@link #computeInputGradient(boolean)}, which the trainer turns on.
 * Views of the inside use the plain {@code forward}, which keeps every node's NCHW output.
 */
public final class Model {
    private final ExpandedGraph expanded;
    private final Plan plan;
    private final Executor executor;
    private final DataType dataType;
    private Pass last;
    /** The pass before {@link #last}: its arrays stay valid one more pass, then are freed. */
    private Pass previous;

    private boolean keepPreviousPass = true;
    private long passes;
    private boolean inputGradient = true;
    private boolean fastTraining;

    /** The plan's fusion decisions (tests). */
    Fusions fusions() {
        return plan.fusions;
    }

    /** The plan's steps, in plan order (tests). */
    List<Step> steps() {
        return plan.steps;
    }

    Model(ExpandedGraph expanded, Plan plan, DataType dataType) {
        this.expanded = expanded;
        this.plan = plan;
        this.executor = new Executor(plan);
        this.dataType = dataType;
    }

    /** Turns early freeing on (the default) or off, process-wide: for A/B benchmarks only. */
    public static void earlyRelease(boolean on) {
        Executor.earlyRelease = on;
    }

    /**
     * Whether fused inference runs an SE gate's excitation as one step and applies the gate inside the
     * residual sum after it ({@link Fusion.Excitation}, {@link Fusion.ScaleIntoAdd}; on by default),
     * process-wide: for A/B benchmarks only.
     */
    public static void gateInSum(boolean on) {
        Executor.gateInSum = on;
    }

    /**
     * Turns kept inference weights on (the default: each convolution's weights stay folded and in its
     * kernel's layout from one pass to the next while their sources are unchanged) or off, process-wide: for
     * A/B benchmarks only.
     */
    public static void keepInferenceWeights(boolean on) {
        Executor.keepWeights = on;
    }

    /**
     * Turns residual sums computed by the convolution before them on (the default: the convolution adds its
     * result into the other input's buffer, {@link Fusion.SumIntoConv}) or off, process-wide: for A/B
     * benchmarks only.
     */
    public static void sumIntoConv(boolean on) {
        Executor.sumIntoConv = on;
    }

    /**
     * Turns channels-last training passes on (the default) or off, process-wide: for A/B benchmarks only.
     */
    public static void channelsLastTraining(boolean on) {
        Executor.channelsLastTraining = on;
    }

    /**
     * With true, TRAINING passes run a ReLU in the loop of the batch norm or add before it (one pass over
     * memory instead of two): that step's entry in {@link #activations()} then holds the ReLU's output.
     * Losses and gradients do not change. In FLOAT on oneDNN these passes also keep activations
     * channels-last (NHWC) from the first convolution to global pooling: convolutions, batch norm (with the
     * ReLU fused), sums, SE scaling and concatenations run on that layout, with no reorders; {@link
     * #activations()} then holds NCHW views of them. For the trainer and the benchmarks; views of the
     * inside leave it off (the default).
     */
    public void fastTraining(boolean on) {
        fastTraining = on;
    }

    /** Whether TRAINING passes fuse steps (see {@link #fastTraining(boolean)}). */
    public boolean fastTraining() {
        return fastTraining;
    }

    /**
     * With false, backward skips the gradient with respect to the input images ({@link #inputGradient()}
     * is then null), which only saliency-style views need: the trainer and the benchmarks turn it off.
     */
    public void computeInputGradient(boolean on) {
        inputGradient = on;
    }

    /**
     * With true (the default), a pass's arrays stay valid until the pass after next starts. With false
     * they are freed when the next pass starts, and a TRAINING pass's activations (the output returned by
     * {@code forward} too) die during its backward, each as soon as the last step that reads it has
     * back-propagated: for training loops that read only the output before backward, the loss and the
     * gradients (the trainer, benchmarks). Peak memory is then about one pass's activations. With {@link
     * #fastTraining} on as well, outputs that no backward reads (a batch norm whose output only a sum reads)
     * die already in the forward pass, once their last consumer ran.
     */
    public void keepPreviousPass(boolean keep) {
        keepPreviousPass = keep;
    }

    /**
     * Keeps the outputs of these primitives (paths) of a TRAINING pass readable by {@link #activation}
     * until the next pass, even when {@code keepPreviousPass(false)} frees activations during the
     * backward: for listeners that look at them after each iteration (dead ReLUs). Replaces the
     * previous set; an empty set keeps none.
     */
    public void keepOutputs(java.util.Collection<String> paths) {
        boolean[] keep = new boolean[plan.size()];
        for (Step s : plan.steps) {
            keep[s.index] = paths.contains(s.path());
        }
        executor.keep(keep);
    }

    // ---- structure -------------------------------------------------------------------------------

    public ExpandedGraph expanded() {
        return expanded;
    }

    public Graph graph() {
        return expanded.source();
    }

    public DataType dataType() {
        return dataType;
    }

    /** C×H×W of one input image. */
    public Shape inputShape() {
        return plan.inputShape;
    }

    /** Path of the first classifier used at inference (the network's output). */
    public String outputPath() {
        return plan.step(plan.mainOutput).path();
    }

    /** Number of classes of the network's output. */
    public int classCount() {
        return plan.step(plan.mainOutput).node.output().channels();
    }

    /** Paths of every classifier head, training-only ones included, in plan order. */
    public List<String> classifierPaths() {
        return plan.steps.stream()
                .filter(s -> s instanceof ClassifierStep)
                .map(Step::path)
                .toList();
    }

    /** Primitive paths in evaluation order. */
    public List<String> paths() {
        return plan.steps.stream().map(Step::path).toList();
    }

    /** Whether the step at {@code path} runs in {@code mode} (training-only heads do not run at inference). */
    public boolean runs(String path, Mode mode) {
        for (Step s : plan.steps) {
            if (s.path().equals(path)) {
                return plan.runs(s.index, mode);
            }
        }
        throw new IllegalArgumentException("no primitive '" + path + "'");
    }

    /** Every parameter and state tensor by name, in plan order. */
    public Map<String, Tensor> tensors() {
        return plan.tensors;
    }

    /** Trainable tensors, in plan order. */
    public List<Tensor> parameters() {
        return plan.tensors.values().stream().filter(Tensor::trainable).toList();
    }

    /** Number of trainable values (weights, biases, γ, β), as {@code NetworkAnalysis} counts params. */
    public long parameterCount() {
        return parameters().stream().mapToLong(t -> t.value().length()).sum();
    }

    // ---- passes ----------------------------------------------------------------------------------

    /** Forward with a fresh dropout seed per call (deterministic sequence from the model's history). */
    public INDArray forward(INDArray x, Mode mode) {
        return forward(x, mode, passes + 1);
    }

    /**
     * Runs the plan on a batch x [N, C, H, W]; returns the main classifier's probabilities [N, K].
     * {@code noiseSeed} fixes the dropout masks, so two passes with the same seed drop the same values.
     */
    public INDArray forward(INDArray x, Mode mode, long noiseSeed) {
        return run(x, mode, noiseSeed, false);
    }

    /**
     * Class probabilities for a batch, as {@code forward(x, INFERENCE)} computes them (equal up to
     * float rounding), by a faster fused pass: activations stay channels-last between the steps that
     * support it (convolutions, batch norm, activations, add, global pooling, SE scaling, concat) and
     * batch norms that directly follow a convolution are folded into its weights. Only the returned
     * output is meaningful afterwards: {@link #activations()} then holds just the output, and
     * {@link #backward} refuses. For evaluation and benchmarks; views of the inside use {@code forward}.
     */
    public INDArray infer(INDArray x) {
        return run(x, Mode.INFERENCE, passes + 1, true);
    }

    private INDArray run(INDArray x, Mode mode, long noiseSeed, boolean fused) {
        Shape in = plan.inputShape;
        if (x.rank() != 4 || x.size(1) != in.channels() || x.size(2) != in.height() || x.size(3) != in.width()) {
            throw new IllegalArgumentException("input " + Arrays.toString(x.shape()) + " does not match N×" + in);
        }
        passes++;
        previous = Buffers.retire(plan, last, previous, x, keepPreviousPass);
        boolean channelsLast = fastTraining
                && mode == Mode.TRAINING
                && Executor.channelsLastTraining
                && dataType == DataType.FLOAT
                && OneDnn.available();
        Pass p = new Pass(plan, mode, noiseSeed, fused, channelsLast);
        p.input = x.dataType() == dataType ? x : x.castTo(dataType);
        p.fastTraining = fastTraining && mode == Mode.TRAINING;
        p.releasesActivations = !keepPreviousPass && p.fastTraining && !fused;
        INDArray y = executor.forward(p, x);
        last = p;
        return y;
    }

    /** Σ lossWeight × mean cross-entropy over the heads of the last forward pass. */
    public double loss(int[] labels) {
        return executor.loss(requirePass(), labels);
    }

    /**
     * Back-propagates the loss of the last forward pass (same mode: a TRAINING pass differentiates
     * through batch statistics, an INFERENCE pass treats running statistics as constants). Returns the loss.
     */
    public double backward(int[] labels) {
        Pass p = requirePass();
        return executor.backward(p, labels, inputGradient, !keepPreviousPass && p.mode == Mode.TRAINING);
    }

    /**
     * Back-propagates a chosen gradient instead of the loss: {@code dOut} is the gradient of some quantity
     * with respect to the output of primitive {@code from} in the last forward pass (same shape as its
     * {@link #activation}); a one-hot {@code dOut} on the class scores gives the gradient of one class score
     * (Grad-CAM, saliency). Returns copies of the gradients with respect to the outputs of the primitives
     * {@code at} (the INPUT primitive's path gives the image's), zeros where none reaches. Afterwards
     * {@link #gradients()} holds this quantity's parameter gradients.
     */
    public Map<String, INDArray> backwardFrom(String from, INDArray dOut, java.util.Collection<String> at) {
        return SeededBackward.run(plan, requirePass(), from, dOut, at);
    }

    /** Starts (or with false stops) timing steps by primitive kind; see {@link #profile()}. */
    public void profiling(boolean on) {
        executor.profiling(on);
    }

    /** Nanoseconds spent per primitive kind since profiling started: [forward, backward]. */
    public Map<String, long[]> profile() {
        return executor.profile();
    }

    /** Paths of the steps whose output the last pass kept channels-last (empty unless it was {@link #infer}). */
    List<String> channelsLastSteps() {
        List<String> l = new ArrayList<>();
        if (last != null && last.fused) {
            for (Step s : plan.steps) {
                if (last.madeChannelsLast.get(s.index)) {
                    l.add(s.path());
                }
            }
        }
        return l;
    }

    /** Paths of the adds whose sum a convolution computed in the last pass ({@link Fusion.SumIntoConv}). */
    List<String> summedAdds() {
        List<String> l = new ArrayList<>();
        if (last != null) {
            for (Step s : plan.steps) {
                if (last.summed(s.index)) {
                    l.add(s.path());
                }
            }
        }
        return l;
    }

    private Pass requirePass() {
        if (last == null) {
            throw new IllegalStateException("no forward pass yet");
        }
        return last;
    }

    // ---- results ---------------------------------------------------------------------------------

    /**
     * Outputs of every node computed by the last pass, by path, in evaluation order (after
     * {@link #infer}, only the output).
     */
    public Map<String, INDArray> activations() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        if (last == null) {
            return m;
        }
        for (Step s : plan.steps) {
            if (last.fused && s.index != plan.mainOutput) {
                continue;
            }
            if (last.out[s.index] != null) {
                m.put(s.path(), last.out[s.index]);
            }
        }
        return m;
    }

    /** The output of one node in the last pass, or null if it was not evaluated. */
    public INDArray activation(String path) {
        return activations().get(path);
    }

    /** Gradients of the last backward pass by parameter name (parameters the loss does not reach are absent). */
    public Map<String, INDArray> gradients() {
        return last == null ? Map.of() : java.util.Collections.unmodifiableMap(last.paramGrads);
    }

    /** dLoss/dInput of the last backward pass, [N, C, H, W], or null. */
    public INDArray inputGradient() {
        if (last == null || !inputGradient) {
            return null;
        }
        return last.grad[plan.input];
    }

    /** Predicted classes of a batch (inference mode, by the fused {@link #infer} pass). */
    public int[] predict(INDArray x) {
        INDArray p = infer(x);
        int[] out = new int[(int) p.size(0)];
        INDArray arg = p.argMax(1);
        for (int i = 0; i < out.length; i++) {
            out[i] = arg.getInt(i);
        }
        return out;
    }

    /** Copies of every tensor (for checkpoints and snapshots). */
    public Map<String, INDArray> copyTensors() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        plan.tensors.forEach((k, v) -> m.put(k, v.value().dup()));
        return m;
    }

    /** Overwrites tensor {@code name} in place with {@code value} (same shape). */
    public void setTensor(String name, INDArray value) {
        Tensor t = plan.tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'");
        }
        if (!Arrays.equals(t.value().shape(), value.shape())) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(value.shape())
                    + " but the model has " + Arrays.toString(t.value().shape()));
        }
        t.value().assign(value.castTo(dataType));
    }
}
