package org.blockscope.engine.memory;

import java.util.Optional;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.cost.Cost;
import org.blockscope.primitive.PrimitiveNode;

/**
 * The native memory a network needs, worked out from its shapes before anything is allocated, so
 * that a run too large for this process is refused with the figures instead of failing minutes later
 * in an allocation:
 *
 * <ul>
 *   <li>activations: every primitive's output per image × batch, ×2 in training (the output is kept
 *       for the backward pass, which makes a gradient of the same size);
 *   <li>weights: parameters and batch-norm running statistics;
 *   <li>optimiser: one gradient per parameter plus the optimiser's slots (SGD momentum 1, Adam 2);
 *   <li>workspace: the largest single output × batch again (an operation's temporaries).
 * </ul>
 *
 * Measured against the growth of the process's resident size over four Adam iterations (templates
 * at batch 64, and mobilenet_mini, resnet20 at 3×256×256): where activations dominate, the peak was
 * 0.6 to 1.2 times this estimate; where weights dominate (resnet18 at batch 4), up to 3 times, since
 * the optimiser's temporaries wait for the garbage collector. So a refusal means the run cannot fit;
 * passing the check does not promise that it will.
 *
 * <p>Sums saturate at {@link Long#MAX_VALUE}: a figure beyond any machine is still refused, never wraps.
 */
public record MemoryEstimate(
        String purpose,
        int batch,
        long activationBytesPerImage,
        long activationBytes,
        long weightBytes,
        long optimizerBytes,
        long workspaceBytes) {

    /** Training at {@code batch}; {@code optimizerSlots} arrays per parameter (SGD with momentum 1, Adam 2). */
    public static MemoryEstimate training(NetworkAnalysis a, int batch, int optimizerSlots, int bytesPerValue) {
        long perImage = activationBytesPerImage(a, bytesPerValue);
        long params = Bytes.times(nonNegative(a.total().params()), bytesPerValue);
        return new MemoryEstimate(
                "training",
                batch,
                perImage,
                Bytes.times(Bytes.times(perImage, batch), 2),
                weightBytes(a.total(), bytesPerValue),
                Bytes.times(params, 1 + optimizerSlots),
                Bytes.times(largestOutputBytes(a, bytesPerValue), batch));
    }

    /** A forward pass at {@code batch} that keeps every output (feature maps, step-through, inspect). */
    public static MemoryEstimate inference(NetworkAnalysis a, int batch, int bytesPerValue) {
        long perImage = activationBytesPerImage(a, bytesPerValue);
        return new MemoryEstimate(
                "inference",
                batch,
                perImage,
                Bytes.times(perImage, batch),
                weightBytes(a.total(), bytesPerValue),
                0,
                Bytes.times(largestOutputBytes(a, bytesPerValue), batch));
    }

    /** Everything together. */
    public long totalBytes() {
        return Bytes.plus(Bytes.plus(activationBytes, weightBytes), Bytes.plus(optimizerBytes, workspaceBytes));
    }

    public boolean fits(MemoryLimits limits) {
        return totalBytes() <= limits.nativeBytes();
    }

    /** The largest batch that fits (0 when not even one image does), at most {@code Integer.MAX_VALUE}. */
    public int largestBatch(MemoryLimits limits) {
        long fixed = Bytes.plus(weightBytes, optimizerBytes);
        long perImage = batch == 0 ? 0 : Bytes.plus(activationBytes, workspaceBytes) / batch;
        if (fixed > limits.nativeBytes()) {
            return 0;
        }
        if (perImage == 0) {
            return Integer.MAX_VALUE;
        }
        return (int) Math.min(Integer.MAX_VALUE, (limits.nativeBytes() - fixed) / perImage);
    }

    /** Why the run cannot start, naming every part; empty when it fits. */
    public Optional<String> refusal(MemoryLimits limits) {
        if (fits(limits)) {
            return Optional.empty();
        }
        int most = largestBatch(limits);
        String fix = most == 0
                ? "even batch 1 does not fit: use a smaller input or fewer channels"
                : "use a batch of at most " + most + ", or a smaller input";
        return Optional.of(purpose + " at batch " + batch + " needs at least " + Bytes.format(totalBytes())
                + " of native memory (activations " + Bytes.format(activationBytes) + ", "
                + Bytes.format(activationBytesPerImage) + " per image"
                + (optimizerBytes > 0 ? " kept with their gradients" : "") + "; weights " + Bytes.format(weightBytes)
                + (optimizerBytes > 0 ? "; gradients and optimiser state " + Bytes.format(optimizerBytes) : "")
                + "; workspace " + Bytes.format(workspaceBytes) + ") but " + Bytes.format(limits.nativeBytes())
                + " is available (" + limits.nativeSource() + "): " + fix);
    }

    /** Throws with {@link #refusal} when it does not fit. */
    public void check(MemoryLimits limits) throws NotEnoughMemoryException {
        Optional<String> why = refusal(limits);
        if (why.isPresent()) {
            throw new NotEnoughMemoryException(why.get(), this);
        }
    }

    private static long activationBytesPerImage(NetworkAnalysis a, int bytesPerValue) {
        long sum = 0;
        for (PrimitiveNode p : a.expanded().nodes()) {
            sum = Bytes.plus(sum, outputBytes(p, bytesPerValue));
        }
        return sum;
    }

    private static long largestOutputBytes(NetworkAnalysis a, int bytesPerValue) {
        long max = 0;
        for (PrimitiveNode p : a.expanded().nodes()) {
            max = Math.max(max, outputBytes(p, bytesPerValue));
        }
        return max;
    }

    private static long outputBytes(PrimitiveNode p, int bytesPerValue) {
        var s = p.output();
        return Bytes.times(Bytes.times(Bytes.times(s.channels(), s.height()), s.width()), bytesPerValue);
    }

    private static long weightBytes(Cost total, int bytesPerValue) {
        return Bytes.times(Bytes.plus(nonNegative(total.params()), nonNegative(total.state())), bytesPerValue);
    }

    /** A count that overflowed upstream (negative) stands for "too many". */
    private static long nonNegative(long n) {
        return n < 0 ? Long.MAX_VALUE : n;
    }
}
