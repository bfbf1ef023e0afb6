package org.blockscope.engine.compile;

import org.blockscope.engine.kernel.AvgPool2dKernel;
import org.blockscope.engine.kernel.MaxPool2dKernel;
import org.blockscope.engine.kernel.PoolSpec;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/** MAX_POOL and AVG_POOL (PyTorch semantics: -inf padding for max, count_include_pad for avg). */
final class PoolStep extends Step {
    private final PoolSpec spec;
    private final boolean max;

    PoolStep(PrimitiveNode n, int index, int[] inputs) {
        super(n, index, inputs);
        Params p = n.params();
        spec = new PoolSpec(p.getInt("kernel"), p.getInt("stride"), Padding.pad(p), p.getBool("ceilMode"));
        max = n.kind() == Primitive.MAX_POOL;
    }

    @Override
    INDArray forward(Pass p) {
        INDArray x = p.in(this, 0);
        return max ? MaxPool2dKernel.forward(spec, x) : AvgPool2dKernel.forward(spec, x);
    }

    @Override
    void backward(Pass p, INDArray dy) {
        INDArray x = p.in(this, 0);
        p.accumulateInput(this, 0, max ? MaxPool2dKernel.backward(spec, x, dy) : AvgPool2dKernel.backward(spec, x, dy));
    }
}
