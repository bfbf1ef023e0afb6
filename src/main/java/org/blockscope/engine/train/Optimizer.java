package org.blockscope.engine.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Updates a model's parameters in place from its gradients. State (momentum buffers, Adam moments
 * and step count) is kept by tensor name so it can be checkpointed: {@code sgd/<name>/velocity},
 * {@code adam/<name>/m}, {@code adam/<name>/v}; Adam's step count is {@link #steps()}.
 */
public final class Optimizer {
    private final OptimizerConfig config;
    private final Map<String, INDArray> state = new LinkedHashMap<>();
    private long steps;

    public Optimizer(OptimizerConfig config) {
        this.config = config;
    }

    public OptimizerConfig config() {
        return config;
    }

    public long steps() {
        return steps;
    }

    /** Live state arrays by name (copy before handing elsewhere). */
    public Map<String, INDArray> state() {
        return state;
    }

    /** Restores state saved by a checkpoint. */
    public void restore(Map<String, INDArray> saved, long stepCount) {
        state.clear();
        saved.forEach((k, v) -> state.put(k, v.dup()));
        steps = stepCount;
    }

    public void step(Model model, double lr) {
        steps++;
        Map<String, INDArray> grads = model.gradients();
        for (Tensor t : model.parameters()) {
            INDArray g = grads.get(t.name());
            if (g == null) {
                continue; // no loss reaches this parameter
            }
            INDArray w = t.value();
            if (config.weightDecay() != 0) {
                g = g.add(w.mul(config.weightDecay()));
            }
            if (config instanceof OptimizerConfig.Sgd s) {
                sgd(s, t.name(), w, g, lr);
            } else if (config instanceof OptimizerConfig.Adam a) {
                adam(a, t.name(), w, g, lr);
            }
        }
    }

    // PyTorch SGD: v = μ v + g; nesterov: w -= lr (g + μ v), else w -= lr v
    private void sgd(OptimizerConfig.Sgd s, String name, INDArray w, INDArray g, double lr) {
        if (s.momentum() == 0) {
            w.subi(g.mul(lr));
            return;
        }
        INDArray v = state.get("sgd/" + name + "/velocity");
        if (v == null) {
            v = g.dup();
            state.put("sgd/" + name + "/velocity", v);
        } else {
            v.muli(s.momentum()).addi(g);
        }
        if (s.nesterov()) {
            w.subi(g.add(v.mul(s.momentum())).muli(lr));
        } else {
            w.subi(v.mul(lr));
        }
    }

    // m = β1 m + (1-β1) g; v = β2 v + (1-β2) g²; w -= lr m̂ / (√v̂ + eps)   (Kingma and Ba 2015, alg. 1)
    private void adam(OptimizerConfig.Adam a, String name, INDArray w, INDArray g, double lr) {
        INDArray m = state.computeIfAbsent("adam/" + name + "/m", k -> w.ulike().assign(0));
        INDArray v = state.computeIfAbsent("adam/" + name + "/v", k -> w.ulike().assign(0));
        m.muli(a.beta1()).addi(g.mul(1 - a.beta1()));
        v.muli(a.beta2()).addi(g.mul(g).muli(1 - a.beta2()));
        double bc1 = 1 - Math.pow(a.beta1(), steps);
        double bc2 = 1 - Math.pow(a.beta2(), steps);
        INDArray denom = Transforms.sqrt(v.div(bc2), false).addi(a.eps());
        w.subi(m.div(denom).muli(lr / bc1));
    }
}
