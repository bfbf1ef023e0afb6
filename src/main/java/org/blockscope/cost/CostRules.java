package org.blockscope.cost;

import org.blockscope.graph.Shape;
import org.blockscope.shape.PrimitiveNode;

/** Parameters, state and MACs of each primitive, from its expansion's shapes. */
public final class CostRules {

    public static final int BYTES_PER_VALUE = 4;

    private CostRules() {}

    public static Cost of(PrimitiveNode n) {
        Shape out = n.output();
        long memory = out.elements() * BYTES_PER_VALUE;
        return switch (n.kind()) {
            case CONV2D -> {
                Shape in = n.inputShapes().get(0);
                long k = n.params().getInt("kernel");
                long perFilter = in.channels() / n.params().getInt("groups") * k * k;
                long bias = n.params().getBool("bias") ? out.channels() : 0;
                // MACs = H_out·W_out·C_out·(C_in/groups)·k²   (torchinfo / fvcore convention)
                yield new Cost(
                        out.channels() * perFilter + bias,
                        0,
                        (long) out.height() * out.width() * out.channels() * perFilter,
                        memory);
            }
            case DEPTHWISE_CONV2D -> {
                long k = n.params().getInt("kernel");
                long bias = n.params().getBool("bias") ? out.channels() : 0;
                // one k×k filter per output channel: MACs = H_out·W_out·C_out·k²   (MobileNet, Howard et al. 2017)
                yield new Cost(
                        out.channels() * k * k + bias,
                        0,
                        (long) out.height() * out.width() * out.channels() * k * k,
                        memory);
            }
            case FULLY_CONNECTED -> {
                long in = n.inputShapes().get(0).elements();
                long units = out.channels();
                yield new Cost(in * units + (n.params().getBool("bias") ? units : 0), 0, in * units, memory);
            }
            // γ and β are trained; running mean and variance are state
            case BATCH_NORM -> new Cost(2L * out.channels(), 2L * out.channels(), 0, memory);
            default -> new Cost(0, 0, 0, memory);
        };
    }
}
