package org.blockscope.cost;

/**
 * What one node costs per image. Conventions (as torchvision / torchinfo count):
 * {@code params} are trainable weights, biases and BN γ/β; {@code state} is BN running mean and
 * variance (not trained, not in params); {@code macs} counts conv and fully-connected
 * multiply-accumulates only (FLOPs = 2 × MACs); {@code memoryBytes} is the node's output
 * activations in float32.
 */
public record Cost(long params, long state, long macs, long memoryBytes) {

    public static final Cost ZERO = new Cost(0, 0, 0, 0);

    /** Activations are counted in float32. */
    public static final int BYTES_PER_VALUE = 4;

    public Cost plus(Cost o) {
        return new Cost(
                Counting.plus(params, o.params),
                Counting.plus(state, o.state),
                Counting.plus(macs, o.macs),
                Counting.plus(memoryBytes, o.memoryBytes));
    }

    public long flops() {
        return Counting.times(2, macs);
    }
}
