package org.blockscope.engine.compile;

import org.blockscope.engine.kernel.ChannelSliceKernel;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/** CHANNEL_SPLIT: one equal part of the input's channels ({@code x.chunk(parts)[part]}). */
final class ChannelSplitStep extends Step {
    private final long from;
    private final long count;

    ChannelSplitStep(PrimitiveNode n, int index, int[] inputs) {
        super(n, index, inputs);
        count = n.output().channels();
        from = (long) n.params().getInt("part") * count;
    }

    @Override
    INDArray forward(Pass p) {
        return ChannelSliceKernel.forward(p.in(this, 0), from, count);
    }

    @Override
    void backward(Pass p, INDArray dy) {
        p.accumulateInput(this, 0, ChannelSliceKernel.backward(p.in(this, 0).shape(), from, dy));
    }
}
