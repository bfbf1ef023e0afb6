package org.blockscope.engine.compile;

import org.blockscope.engine.backend.OneDnnPool;
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

    /** FLOAT on oneDNN: NHWC in and out (max pooling keeps oneDNN's workspace for its backward). */
    @Override
    INDArray forwardChannelsLast(Pass p) {
        OneDnnPool.Window w = spec.window(p.in(this, 0).shape(), max);
        if (w == null || !p.isChannelsLast(this, 0) || !OneDnnPool.handles(p.inChannelsLast(this, 0))) {
            return forward(p);
        }
        OneDnnPool.Out o = OneDnnPool.forward(w, p.inChannelsLast(this, 0), p.mode == Mode.TRAINING);
        p.state[index] = o.workspace();
        if (o.workspace() != null) {
            p.scratch.add(o.workspace());
        }
        return p.channelsLast(this, o.y());
    }

    @Override
    void backwardChannelsLast(Pass p, INDArray dyh) {
        OneDnnPool.Window w = spec.window(p.in(this, 0).shape(), max);
        INDArray xh = p.inChannelsLast(this, 0);
        p.accumulateInputChannelsLast(this, 0, OneDnnPool.backward(w, xh.shape(), dyh, (INDArray) p.state[index]));
    }

    @Override
    void backward(Pass p, INDArray dy) {
        INDArray x = p.in(this, 0);
        p.accumulateInput(this, 0, max ? MaxPool2dKernel.backward(spec, x, dy) : AvgPool2dKernel.backward(spec, x, dy));
    }
}
