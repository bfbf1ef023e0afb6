package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.engine.kernel.DeformConv2dKernel;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DEFORM_CONV2D: port 0 the map, port 1 the offsets (and mask); weight [Cout, Cin, k, k] and bias
 * [Cout] in PyTorch's layout, as torchvision.ops.DeformConv2d holds them.
 */
final class DeformConvStep extends Step {
    private final DeformConv2dKernel.Spec spec;
    private final Tensor weight;
    private final Tensor bias;

    DeformConvStep(PrimitiveNode n, int index, int[] inputs, DataType type) {
        super(n, index, inputs);
        Params p = n.params();
        Shape in = n.inputShapes().get(0);
        int k = p.getInt("kernel");
        spec = new DeformConv2dKernel.Spec(
                k, p.getInt("stride"), Padding.pad(p), p.getInt("dilation"), p.getBool("modulated"), p.getBool("bias"));
        int cout = n.output().channels();
        weight = new Tensor(path() + "/weight", Nd4j.zeros(type, cout, in.channels(), k, k), true);
        bias = spec.bias() ? new Tensor(path() + "/bias", Nd4j.zeros(type, cout), true) : null;
    }

    @Override
    List<Tensor> tensors() {
        List<Tensor> t = new ArrayList<>();
        t.add(weight);
        if (bias != null) {
            t.add(bias);
        }
        return t;
    }

    @Override
    INDArray forward(Pass p) {
        return DeformConv2dKernel.forward(
                spec, p.in(this, 0), p.in(this, 1), weight.value(), bias == null ? null : bias.value());
    }

    @Override
    void backward(Pass p, INDArray dy) {
        DeformConv2dKernel.Grads g = DeformConv2dKernel.backward(
                spec, p.in(this, 0), p.in(this, 1), weight.value(), bias == null ? null : bias.value(), dy);
        p.accumulateInput(this, 0, g.dx());
        p.accumulateInput(this, 1, g.doffset());
        p.paramGrads.put(weight.name(), g.dw());
        if (bias != null) {
            p.paramGrads.put(bias.name(), g.db());
        }
    }
}
