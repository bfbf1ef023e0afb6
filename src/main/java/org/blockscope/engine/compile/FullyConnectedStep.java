package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.engine.kernel.FullyConnectedKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** FULLY_CONNECTED: weight [units, in], bias [units]; a map input is flattened in c order first. */
final class FullyConnectedStep extends Step {
    private final Tensor weight;
    private final Tensor bias;

    FullyConnectedStep(PrimitiveNode n, int index, int[] inputs, DataType type) {
        super(n, index, inputs);
        long in = n.inputShapes().get(0).elements();
        int units = n.params().getInt("units");
        weight = new Tensor(path() + "/weight", Nd4j.zeros(type, units, in), true);
        bias = n.params().getBool("bias") ? new Tensor(path() + "/bias", Nd4j.zeros(type, units), true) : null;
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

    private static INDArray flat(INDArray x) {
        return x.rank() == 2 ? x : x.reshape('c', x.size(0), x.length() / x.size(0));
    }

    @Override
    INDArray forward(Pass p) {
        if (p.passesGateOn(index)) { // the gate's first layer computed the whole gate
            return p.in(this, 0);
        }
        Fusion.Excitation e = p.fused && Executor.gateInSum ? p.fusions().excitationFrom(index) : null;
        if (e != null) {
            FullyConnectedStep second = (FullyConnectedStep) p.plan.step(e.fc2());
            INDArray gate = FullyConnectedKernel.excitation(
                    flat(p.in(this, 0)),
                    weight.value(),
                    bias == null ? null : bias.value(),
                    second.weight.value(),
                    second.bias == null ? null : second.bias.value());
            if (gate != null) {
                p.markExcited(index);
                return gate;
            }
        }
        return FullyConnectedKernel.forward(flat(p.in(this, 0)), weight.value(), bias == null ? null : bias.value());
    }

    @Override
    void backward(Pass p, INDArray dy) {
        INDArray x = p.in(this, 0);
        ParamGrads g = FullyConnectedKernel.backward(flat(x), weight.value(), bias == null ? null : bias.value(), dy);
        p.accumulateInput(this, 0, x.rank() == 2 ? g.dx() : g.dx().reshape('c', x.shape()));
        p.paramGrads.put(weight.name(), g.dw());
        if (bias != null) {
            p.paramGrads.put(bias.name(), g.db());
        }
    }
}
