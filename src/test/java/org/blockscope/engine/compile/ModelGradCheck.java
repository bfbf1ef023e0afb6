package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whole-model central-difference check in DOUBLE: the loss of a TRAINING pass (fixed dropout seed)
 * as a function of sampled parameter values and input pixels against {@link Model#backward}.
 */
final class ModelGradCheck {
    private ModelGradCheck() {}

    static final double H = 1e-6;
    static final int PER_TENSOR = 3;
    static final int PER_INPUT = 8;
    private static final long NOISE = 99;

    /** @return number of values checked */
    static int check(String what, Model model, INDArray x, int[] labels) {
        return check(what, model, x, labels, Mode.TRAINING);
    }

    static int check(String what, Model model, INDArray x, int[] labels, Mode mode) {
        assertThat(model.dataType()).isEqualTo(DataType.DOUBLE);
        jitterZeroInitialised(model);
        model.forward(x, mode, NOISE);
        model.backward(labels);
        List<String> names = new ArrayList<>();
        List<INDArray> targets = new ArrayList<>();
        List<INDArray> analytic = new ArrayList<>();
        for (Tensor t : model.parameters()) {
            INDArray g = model.gradients().get(t.name());
            assertThat(g).as("%s: gradient of %s", what, t.name()).isNotNull();
            assertThat(g.shape())
                    .as("%s: gradient shape of %s", what, t.name())
                    .isEqualTo(t.value().shape());
            names.add(t.name());
            targets.add(t.value());
            analytic.add(g.dup());
        }
        names.add("input");
        targets.add(x);
        analytic.add(model.inputGradient().dup());
        Random pick = new Random(3);
        int checked = 0;
        for (int i = 0; i < targets.size(); i++) {
            INDArray a = targets.get(i);
            int samples = names.get(i).equals("input") ? PER_INPUT : PER_TENSOR;
            for (int c = 0; c < Math.min(samples, a.length()); c++) {
                long j = a.length() <= samples ? c : pick.nextInt((int) a.length());
                double orig = a.getDouble(j);
                a.putScalar(j, orig + H);
                double lp = loss(model, x, labels, mode);
                a.putScalar(j, orig - H);
                double lm = loss(model, x, labels, mode);
                a.putScalar(j, orig);
                double num = (lp - lm) / (2 * H);
                double ana = analytic.get(i).getDouble(j);
                assertThat(Math.abs(num - ana))
                        .as("%s: d loss / d %s[%d]: analytic %s, numeric %s", what, names.get(i), j, ana, num)
                        .isLessThanOrEqualTo(1e-7 + 1e-4 * Math.max(Math.abs(num), Math.abs(ana)));
                checked++;
            }
        }
        return checked;
    }

    /**
     * Biases and β start at exactly 0, so a ReLU fed by an all-zero window sits exactly on its kink,
     * where central differences disagree with any one-sided derivative: move them off zero.
     */
    private static void jitterZeroInitialised(Model model) {
        Random r = new Random(5);
        for (Tensor t : model.parameters()) {
            if (t.name().endsWith("/bias") || t.name().endsWith("/beta")) {
                for (long i = 0; i < t.value().length(); i++) {
                    t.value().putScalar(i, r.nextDouble() * 0.2 - 0.1);
                }
            }
        }
    }

    private static double loss(Model m, INDArray x, int[] labels, Mode mode) {
        m.forward(x, mode, NOISE);
        return m.loss(labels);
    }
}
