package org.blockscope.engine.compile;

/**
 * A decision the compiler takes once to run two steps as one in fused passes: data in the {@link Plan},
 * read by the steps through {@link Fusions}, never flags set on them. Losses, gradients and outputs do
 * not change; only the number of passes over memory does.
 */
sealed interface Fusion {
    /**
     * The ReLU step {@code relu}, which only {@code producer} (a batch norm or an add) feeds, runs in the
     * producer's loop: in fast training passes and in fused inference ({@link Model#infer}). The ReLU step
     * then passes its input on; its backward is unchanged (it masks by the same signs).
     */
    record ReluInto(int producer, int relu) implements Fusion {}

    /**
     * The batch norm step {@code batchNorm}, whose input is the plain convolution {@code conv} that nothing
     * else reads, folds into that convolution's weights in fused inference (running statistics are
     * constants there); a ReLU fused into the batch norm becomes the convolution's post-op.
     */
    record BatchNormIntoConv(int conv, int batchNorm) implements Fusion {}

    /**
     * The channel scaling {@code scale} (a squeeze-and-excitation gate), which only the two-input add
     * {@code add} reads, runs in that add's loop in fused inference: y = x·s + shortcut (then the add's
     * fused ReLU) in one pass over memory, instead of writing x·s and reading it back. The scale step passes
     * its map input on; its inputs live until the add ran ({@link MemoryPlan}).
     */
    record ScaleIntoAdd(int scale, int add) implements Fusion {}

    /**
     * Squeeze-and-excitation's gate: the fully connected step {@code fc1}, the ReLU {@code relu}, the fully
     * connected step {@code fc2} and the sigmoid {@code sigmoid}, each read only by the next, run as one
     * step in fused inference (fc1 computes the gate; the other three pass it on): four tiny steps' fixed
     * costs become one.
     */
    record Excitation(int fc1, int relu, int fc2, int sigmoid) implements Fusion {}

    /**
     * A residual sum as the convolution's own last step: the two-input add {@code add} sums the output of
     * the plain convolution {@code conv} (through {@code batchNorm} folded into it, or -1 with none), which
     * nothing else reads, and the output of step {@code other}, which was computed before {@code conv} and
     * which no step after {@code conv} reads but the add. In fused inference the convolution adds its result
     * into other's channels-last buffer (oneDNN's sum post-op, then the add's fused ReLU) when that buffer
     * is other's alone; the add passes it on. One pass over memory fewer per residual block.
     */
    record SumIntoConv(int conv, int batchNorm, int add, int other) implements Fusion {}
}
