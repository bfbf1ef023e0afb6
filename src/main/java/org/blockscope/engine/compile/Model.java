package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockscope.engine.kernel.BufferPool;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.Primitive;
import org.blockscope.shape.ExpandedGraph;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An executable network: the plan of steps compiled from an {@link ExpandedGraph}, its parameters
 * and state, and the arrays of the last pass (every node's activation, the gradients).
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
    private final List<Step> steps;
    private final boolean[] inInference;
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final DataType dataType;
    private final int mainOutput;
    private final Shape inputShape;
    private Pass last;
    /** The pass before {@link #last}: its arrays stay valid one more pass, then are freed. */
    private Pass previous;

    private boolean keepPreviousPass = true;
    private long passes;
    private Map<String, long[]> profile;
    /**
     * Whether infer() frees intermediate outputs once consumed ({@link LiveBuffers}) and backward frees
     * each output gradient once used; for A/B benchmarks.
     */
    static volatile boolean earlyRelease = true;

    /** Turns early freeing on (the default) or off, process-wide: for A/B benchmarks only. */
    public static void earlyRelease(boolean on) {
        earlyRelease = on;
    }

    private boolean inputGradient = true;
    private boolean fastTraining;
    /** Per step: whether it or a step before it has trainable parameters (the input's gradient aside). */
    private boolean[] needsGradientWithoutInput;

    Model(ExpandedGraph expanded, List<Step> steps, List<List<Integer>> consumers, DataType dataType) {
        this.expanded = expanded;
        this.steps = List.copyOf(steps);
        this.dataType = dataType;
        for (Step s : steps) {
            for (Tensor t : s.tensors()) {
                tensors.put(t.name(), t);
            }
        }
        int n = steps.size();
        boolean[] reachesInference = new boolean[n];
        boolean[] reachesTrainingOnly = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            if (steps.get(i) instanceof ClassifierStep c) {
                reachesInference[i] = !c.trainingOnly;
                reachesTrainingOnly[i] = c.trainingOnly;
            }
            for (int c : consumers.get(i)) {
                reachesInference[i] |= reachesInference[c];
                reachesTrainingOnly[i] |= reachesTrainingOnly[c];
            }
        }
        inInference = new boolean[n];
        int main = -1;
        Shape in = null;
        for (int i = 0; i < n; i++) {
            inInference[i] = reachesInference[i] || !reachesTrainingOnly[i];
            Step s = steps.get(i);
            if (main < 0 && s instanceof ClassifierStep c && !c.trainingOnly) {
                main = i;
            }
            if (s.node.kind() == Primitive.INPUT) {
                in = s.node.output();
            }
        }
        this.mainOutput = main;
        this.inputShape = in;
        fuseSteps(consumers);
        needsGradientWithoutInput = new boolean[n];
        for (Step s : steps) { // plan order is topological
            boolean need = s.tensors().stream().anyMatch(Tensor::trainable);
            for (int input : s.inputs) {
                need |= needsGradientWithoutInput[input];
            }
            needsGradientWithoutInput[s.index] = need && s.node.kind() != Primitive.INPUT;
        }
    }

    /**
     * With true, TRAINING passes run a ReLU in the loop of the batch norm or add before it (one pass over
     * memory instead of two): that step's entry in {@link #activations()} then holds the ReLU's output. Losses and gradients do
     * not change. For the trainer and the benchmarks; views of the inside leave it off (the default).
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
     * A batch norm whose input is a plain convolution used by nothing else folds into it in infer(); a
     * ReLU that only a batch norm or an add feeds runs in that step's loop (infer(), unless the batch
     * norm is folded, and fast training passes).
     */
    private void fuseSteps(List<List<Integer>> consumers) {
        for (Step s : steps) {
            List<Integer> users = consumers.get(s.index);
            if (s.canApplyRelu()
                    && users.size() == 1
                    && s.index != mainOutput
                    && steps.get(users.get(0)) instanceof SimpleSteps.Act act
                    && act.isRelu()) {
                s.fuseRelu(act); // BN-ReLU, and a residual block's add-ReLU
            }
            if (s instanceof BatchNormStep bn
                    && s.inputs.length == 1
                    && steps.get(s.inputs[0]) instanceof ConvStep conv
                    && consumers.get(conv.index).size() == 1
                    && conv.index != mainOutput
                    && conv.foldable()) {
                conv.fold(bn);
            }
        }
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
        return inputShape;
    }

    /** Path of the first classifier used at inference (the network's output). */
    public String outputPath() {
        return steps.get(mainOutput).path();
    }

    /** Number of classes of the network's output. */
    public int classCount() {
        return steps.get(mainOutput).node.output().channels();
    }

    /** Paths of every classifier head, training-only ones included, in plan order. */
    public List<String> classifierPaths() {
        return steps.stream()
                .filter(s -> s instanceof ClassifierStep)
                .map(Step::path)
                .toList();
    }

    /** Primitive paths in evaluation order. */
    public List<String> paths() {
        return steps.stream().map(Step::path).toList();
    }

    /** Whether the step at {@code path} runs in {@code mode} (training-only heads do not run at inference). */
    public boolean runs(String path, Mode mode) {
        for (Step s : steps) {
            if (s.path().equals(path)) {
                return mode == Mode.TRAINING || inInference[s.index];
            }
        }
        throw new IllegalArgumentException("no primitive '" + path + "'");
    }

    /** Every parameter and state tensor by name, in plan order. */
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Trainable tensors, in plan order. */
    public List<Tensor> parameters() {
        return tensors.values().stream().filter(Tensor::trainable).toList();
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
        if (x.rank() != 4
                || x.size(1) != inputShape.channels()
                || x.size(2) != inputShape.height()
                || x.size(3) != inputShape.width()) {
            throw new IllegalArgumentException(
                    "input " + java.util.Arrays.toString(x.shape()) + " does not match N×" + inputShape);
        }
        passes++;
        if (!keepPreviousPass && last != null) {
            Set<DataBuffer> keep = protectedBuffers(null);
            keep.add(root(x.data()));
            keep.add(root(last.input.data()));
            if (previous != null) {
                keep.add(root(previous.input.data()));
                release(previous.all(), keep);
            }
            release(last.all(), keep);
            last = null;
        } else if (previous != null) {
            Set<DataBuffer> keep = protectedBuffers(last);
            keep.add(root(x.data()));
            keep.add(root(previous.input.data())); // the caller's batch
            release(previous.all(), keep);
        }
        previous = last;
        Pass p = new Pass(steps.size(), mode, noiseSeed, fused);
        p.input = x.dataType() == dataType ? x : x.castTo(dataType);
        p.fastTraining = fastTraining && mode == Mode.TRAINING;
        if (fused && earlyRelease) {
            Set<DataBuffer> keep = protectedBuffers(null);
            keep.add(root(p.input.data()));
            keep.add(root(x.data()));
            p.live = new LiveBuffers(p, steps, inInference, mainOutput, keep);
        }
        for (Step s : steps) {
            if (mode == Mode.TRAINING || inInference[s.index]) {
                long t0 = profile == null ? 0 : System.nanoTime();
                p.out[s.index] = fused ? s.forwardChannelsLast(p) : s.forward(p);
                if (p.live != null) {
                    p.live.after(s);
                }
                if (profile != null) {
                    time(s, 0, t0);
                }
            }
        }
        last = p;
        return p.out[mainOutput];
    }

    /** Σ lossWeight × mean cross-entropy over the heads of the last forward pass. */
    public double loss(int[] labels) {
        Pass p = requirePass();
        p.labels = labels;
        double loss = 0;
        for (Step s : steps) {
            if (s instanceof ClassifierStep c && p.out[s.index] != null) {
                loss += c.loss(p);
            }
        }
        return loss;
    }

    /**
     * Back-propagates the loss of the last forward pass (same mode: a TRAINING pass differentiates
     * through batch statistics, an INFERENCE pass treats running statistics as constants). Returns the loss.
     */
    public double backward(int[] labels) {
        Pass p = requirePass();
        if (p.fused) {
            throw new IllegalStateException("backward needs a forward pass; the last pass was infer()");
        }
        java.util.Arrays.fill(p.grad, null);
        p.paramGrads.clear();
        p.needsGradient = inputGradient ? null : needsGradientWithoutInput;
        p.labels = labels;
        p.loss = 0;
        for (Step s : steps) {
            if (s instanceof ClassifierStep c && p.out[s.index] != null) {
                c.lossAndBackward(p);
            }
        }
        Set<DataBuffer> keep = null;
        if (earlyRelease) {
            keep = protectedBuffers(p); // tensors, the pass's input and outputs
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            if (s instanceof ClassifierStep || p.grad[i] == null) {
                continue;
            }
            long t0 = profile == null ? 0 : System.nanoTime();
            s.backward(p, p.grad[i]);
            if (keep != null && s.node.kind() != Primitive.INPUT) {
                releaseGradient(p, i, keep);
            }
            if (profile != null) {
                time(s, 1, t0);
            }
        }
        releaseIntermediateGradients(p);
        return p.loss;
    }

    // ---- memory ----------------------------------------------------------------------------------
    // Off-heap arrays are otherwise freed only when the Java GC collects their INDArray objects; the heap
    // stays small, so GC is rare and off-heap memory grew to 4-7 GB (JavaCPP then forces System.gc()
    // and sleeps). Buffers are freed explicitly instead: gradients of intermediate outputs (never
    // exposed) at the end of backward, and a pass's activations and gradients when the pass after
    // next starts (so the last two passes' arrays are always valid). Inputs, tensors and anything
    // sharing their buffers are never freed.

    static DataBuffer root(DataBuffer b) {
        while (b.underlyingDataBuffer() != null && b.underlyingDataBuffer() != b) {
            b = b.underlyingDataBuffer();
        }
        return b;
    }

    private Set<DataBuffer> protectedBuffers(Pass p) {
        Set<DataBuffer> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : tensors.values()) {
            keep.add(root(t.value().data()));
        }
        if (p != null) {
            for (INDArray a : p.all()) {
                keep.add(root(a.data()));
            }
        }
        return keep;
    }

    private static void release(List<INDArray> arrays, Set<DataBuffer> keep) {
        Set<DataBuffer> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (INDArray a : arrays) {
            if (a.isEmpty() || a.wasClosed()) {
                continue;
            }
            DataBuffer b = root(a.data());
            if (keep.contains(b) || !done.add(b)) {
                continue;
            }
            if (b.closeable()) {
                BufferPool.give(b);
            }
        }
    }

    /**
     * Step i's output gradient is dead once step i's backward ran: freed at once (so the next steps'
     * gradients reuse a buffer still in cache) unless a pending gradient, a parameter gradient, an
     * output or a tensor shares its buffer.
     */
    private void releaseGradient(Pass p, int i, Set<DataBuffer> keep) {
        INDArray g = p.grad[i];
        if (g == null || g.isEmpty()) {
            return;
        }
        DataBuffer r = root(g.data());
        if (keep.contains(r)) {
            return;
        }
        for (int j = 0; j < i; j++) {
            INDArray o = p.grad[j];
            if (o != null && !o.isEmpty() && root(o.data()) == r) {
                return;
            }
        }
        for (INDArray a : p.paramGrads.values()) {
            if (!a.isEmpty() && root(a.data()) == r) {
                return;
            }
        }
        // dead: steps already back-propagated may still hold it (an Add passes one dy to all its inputs)
        for (int j = i; j < p.grad.length; j++) {
            INDArray o = p.grad[j];
            if (o != null && !o.isEmpty() && root(o.data()) == r) {
                p.grad[j] = null;
            }
        }
        if (r.closeable()) {
            BufferPool.give(r);
        }
    }

    private void releaseIntermediateGradients(Pass p) {
        List<INDArray> grads = new ArrayList<>();
        List<INDArray> kept = new ArrayList<>();
        for (Step s : steps) {
            INDArray g = p.grad[s.index];
            if (g == null) {
                continue;
            }
            if (s.node.kind() == Primitive.INPUT) {
                kept.add(g);
            } else {
                grads.add(g);
            }
        }
        Set<DataBuffer> keep = protectedBuffers(null);
        for (INDArray a : p.out) {
            if (a != null) {
                keep.add(root(a.data()));
            }
        }
        if (p.input != null) {
            keep.add(root(p.input.data()));
        }
        for (INDArray a : kept) {
            keep.add(root(a.data()));
        }
        for (INDArray a : p.paramGrads.values()) {
            keep.add(root(a.data()));
        }
        release(grads, keep);
        for (Step s : steps) {
            if (s.node.kind() != Primitive.INPUT) {
                p.grad[s.index] = null;
            }
        }
    }

    /**
     * With true (the default), a pass's arrays stay valid until the pass after next starts; with false
     * they are freed when the next pass starts, which halves peak memory in training loops that never
     * read an earlier pass's arrays (the trainer, benchmarks).
     */
    public void keepPreviousPass(boolean keep) {
        keepPreviousPass = keep;
    }

    /** Starts (or with false stops) timing steps by primitive kind; see {@link #profile()}. */
    public void profiling(boolean on) {
        profile = on ? new LinkedHashMap<>() : null;
    }

    /** Nanoseconds spent per primitive kind since profiling started: [forward, backward]. */
    public Map<String, long[]> profile() {
        return profile == null ? Map.of() : Collections.unmodifiableMap(profile);
    }

    /** -Dblockscope.profileNodes=true: {@link #profile()} per node instead of per kind. */
    private static final boolean PROFILE_NODES = Boolean.getBoolean("blockscope.profileNodes");

    private void time(Step s, int which, long t0) {
        String key = PROFILE_NODES
                ? s.node.kind().name() + " " + s.node.path()
                : s.node.kind().name();
        profile.computeIfAbsent(key, k -> new long[2])[which] += System.nanoTime() - t0;
    }

    /** Paths of the steps whose output the last pass kept channels-last (empty unless it was {@link #infer}). */
    List<String> channelsLastSteps() {
        List<String> l = new ArrayList<>();
        if (last != null && last.fused) {
            for (Step s : steps) {
                if (last.madeChannelsLast.get(s.index)) {
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

    /**
     * Outputs of every node computed by the last pass, by path, in evaluation order (after
     * {@link #infer}, only the output).
     */
    public Map<String, INDArray> activations() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        if (last == null) {
            return m;
        }
        for (Step s : steps) {
            if (last.fused && s.index != mainOutput) {
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
        return last == null ? Map.of() : Collections.unmodifiableMap(last.paramGrads);
    }

    /** dLoss/dInput of the last backward pass, [N, C, H, W], or null. */
    public INDArray inputGradient() {
        if (last == null || !inputGradient) {
            return null;
        }
        for (Step s : steps) {
            if (s.node.kind() == Primitive.INPUT) {
                return last.grad[s.index];
            }
        }
        return null;
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
        tensors.forEach((k, v) -> m.put(k, v.value().dup()));
        return m;
    }

    /** Overwrites tensor {@code name} in place with {@code value} (same shape). */
    public void setTensor(String name, INDArray value) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'");
        }
        if (!java.util.Arrays.equals(t.value().shape(), value.shape())) {
            throw new IllegalArgumentException(
                    "tensor '" + name + "': shape " + java.util.Arrays.toString(value.shape()) + " but the model has "
                            + java.util.Arrays.toString(t.value().shape()));
        }
        t.value().assign(value.castTo(dataType));
    }

    List<Step> steps() {
        return new ArrayList<>(steps);
    }
}
