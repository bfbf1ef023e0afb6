package org.blockscope.engine.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

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
            if (config instanceof OptimizerConfig.Sgd s) {
                sgd(s, t.name(), t.value(), g, lr);
            } else if (config instanceof OptimizerConfig.Adam a) {
                adam(a, t.name(), t.value(), g, lr);
            }
        }
    }

    // PyTorch SGD: d = g + λ w; v = μ v + d (v = d at the first step); nesterov: w -= lr (d + μ v), else w -= lr v
    private void sgd(OptimizerConfig.Sgd s, String name, INDArray w, INDArray g, double lr) {
        double wd = config.weightDecay();
        double mu = s.momentum();
        if (mu == 0) {
            ElementwiseUpdate.run(w, g, new INDArray[0], (pw, pg, st, n) -> {
                for (int i = 0; i < n; i++) {
                    pw[i] -= lr * (pg[i] + wd * pw[i]);
                }
            });
            return;
        }
        String key = "sgd/" + name + "/velocity";
        boolean first = !state.containsKey(key);
        INDArray v = state.computeIfAbsent(key, k -> w.ulike());
        boolean nesterov = s.nesterov();
        ElementwiseUpdate.run(w, g, new INDArray[] {v}, (pw, pg, st, n) -> {
            double[] pv = st[0];
            for (int i = 0; i < n; i++) {
                double d = pg[i] + wd * pw[i];
                double vi = first ? d : mu * pv[i] + d;
                pv[i] = vi;
                pw[i] -= lr * (nesterov ? d + mu * vi : vi);
            }
        });
    }

    // d = g + λ w; m = β1 m + (1-β1) d; v = β2 v + (1-β2) d²; w -= lr m̂ / (√v̂ + eps)   (Kingma and Ba 2015, alg. 1)
    private void adam(OptimizerConfig.Adam a, String name, INDArray w, INDArray g, double lr) {
        INDArray m = state.computeIfAbsent("adam/" + name + "/m", k -> w.ulike().assign(0));
        INDArray v = state.computeIfAbsent("adam/" + name + "/v", k -> w.ulike().assign(0));
        double wd = config.weightDecay();
        double b1 = a.beta1();
        double b2 = a.beta2();
        double eps = a.eps();
        double bc1 = 1 - Math.pow(b1, steps);
        double bc2 = 1 - Math.pow(b2, steps);
        ElementwiseUpdate.run(w, g, new INDArray[] {m, v}, (pw, pg, st, n) -> {
            double[] pm = st[0];
            double[] pv = st[1];
            for (int i = 0; i < n; i++) {
                double d = pg[i] + wd * pw[i];
                pm[i] = b1 * pm[i] + (1 - b1) * d;
                pv[i] = b2 * pv[i] + (1 - b2) * d * d;
                pw[i] -= lr / bc1 * pm[i] / (Math.sqrt(pv[i] / bc2) + eps);
            }
        });
    }
}
