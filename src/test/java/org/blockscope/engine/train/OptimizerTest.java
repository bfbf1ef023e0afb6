package org.blockscope.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class OptimizerTest {

    private static Model tiny() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 2, 2);
        b.classifier("out", b.fc("fc", b.add("flat", Primitive.FLATTEN, org.blockscope.kind.Params.EMPTY, x), 3, true));
        return Compiler.compile(b.graph(), new Compiler.Options(1, DataType.DOUBLE));
    }

    private static final INDArray X =
            Nd4j.create(new double[] {1, -2, 0.5, 3, 0, 1, -1, 2}, new long[] {2, 1, 2, 2}, 'c');
    private static final int[] Y = {0, 2};

    private static double[] grad(Model m) {
        m.forward(X, Mode.TRAINING, 0);
        m.backward(Y);
        return m.gradients().get("fc/weight").dup().data().asDouble();
    }

    private static double[] w(Model m) {
        return m.tensors().get("fc/weight").value().dup().data().asDouble();
    }

    @ParameterizedTest
    @CsvSource({"false", "true"})
    void sgdMomentumFollowsPyTorch(boolean nesterov) {
        Model m = tiny();
        Optimizer o = new Optimizer(new OptimizerConfig.Sgd(0.9, nesterov, 0.01));
        double lr = 0.1;
        double[] w0 = w(m);
        double[] g0 = grad(m);
        o.step(m, lr);
        double[] w1 = w(m);
        double[] g1 = grad(m);
        o.step(m, lr);
        double[] w2 = w(m);
        for (int i = 0; i < w0.length; i++) {
            double d0 = g0[i] + 0.01 * w0[i];
            double v0 = d0;
            double e1 = w0[i] - lr * (nesterov ? d0 + 0.9 * v0 : v0);
            assertThat(w1[i]).isCloseTo(e1, within(1e-12));
            double d1 = g1[i] + 0.01 * w1[i];
            double v1 = 0.9 * v0 + d1;
            assertThat(w2[i]).isCloseTo(w1[i] - lr * (nesterov ? d1 + 0.9 * v1 : v1), within(1e-12));
        }
    }

    /** The trainer's precision: the same two steps on a FLOAT model, against the formulas in double. */
    @ParameterizedTest
    @CsvSource({"sgd", "nesterov", "adam"})
    void floatModelsStepAsTheFormulasToFloatPrecision(String rule) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 2, 2);
        b.classifier("out", b.fc("fc", b.add("flat", Primitive.FLATTEN, org.blockscope.kind.Params.EMPTY, x), 3, true));
        Model m = Compiler.compile(b.graph(), new Compiler.Options(1, DataType.FLOAT));
        Optimizer o = new Optimizer(
                rule.equals("adam")
                        ? new OptimizerConfig.Adam(0.9, 0.999, 1e-8, 0.01)
                        : new OptimizerConfig.Sgd(0.9, rule.equals("nesterov"), 0.01));
        double lr = 0.1;
        double[] w = w(m);
        double[] v = new double[w.length];
        double[] mom = new double[w.length];
        for (int step = 1; step <= 2; step++) {
            m.forward(X.castTo(DataType.FLOAT), Mode.TRAINING, 0);
            m.backward(Y);
            double[] g = m.gradients().get("fc/weight").dup().data().asDouble();
            o.step(m, lr);
            double[] got = w(m);
            for (int i = 0; i < w.length; i++) {
                double d = g[i] + 0.01 * w[i];
                if (rule.equals("adam")) {
                    mom[i] = 0.9 * mom[i] + 0.1 * d;
                    v[i] = 0.999 * v[i] + 0.001 * d * d;
                    double mh = mom[i] / (1 - Math.pow(0.9, step));
                    double vh = v[i] / (1 - Math.pow(0.999, step));
                    w[i] -= lr * mh / (Math.sqrt(vh) + 1e-8);
                } else {
                    v[i] = step == 1 ? d : 0.9 * v[i] + d;
                    w[i] -= lr * (rule.equals("nesterov") ? d + 0.9 * v[i] : v[i]);
                }
                assertThat(got[i]).as("%s step %d, weight %d", rule, step, i).isCloseTo(w[i], within(1e-6));
            }
            w = got;
        }
    }

    @Test
    void adamFirstStepMovesEachWeightByAboutTheLearningRate() {
        Model m = tiny();
        Optimizer o = new Optimizer(OptimizerConfig.Adam.defaults());
        double[] w0 = w(m);
        double[] g = grad(m);
        o.step(m, 0.01);
        double[] w1 = w(m);
        for (int i = 0; i < w0.length; i++) {
            // m̂ = g, v̂ = g²: step = lr g / (|g| + eps)
            assertThat(w1[i]).isCloseTo(w0[i] - 0.01 * g[i] / (Math.abs(g[i]) + 1e-8), within(1e-12));
        }
        assertThat(o.steps()).isEqualTo(1);
        assertThat(o.state()).containsKeys("adam/fc/weight/m", "adam/fc/weight/v");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
      # epoch, fraction, constant, step(2, 0.1), cosine over 4 epochs
        0,     0.0,      1.0,      1.0,          1.0
        1,     0.5,      1.0,      1.0,          0.6913417161825449
        2,     0.0,      1.0,      0.1,          0.5
        3,     0.0,      1.0,      0.1,          0.14644660940672627
        4,     0.0,      1.0,      0.01,         0.0
      """)
    void schedules(int epoch, double fraction, double constant, double step, double cosine) {
        assertThat(new Schedule.Constant().lr(1, epoch, fraction, 4)).isEqualTo(constant);
        assertThat(new Schedule.Step(2, 0.1).lr(1, epoch, fraction, 4)).isCloseTo(step, within(1e-12));
        assertThat(new Schedule.Cosine().lr(1, epoch, fraction, 4)).isCloseTo(cosine, within(1e-12));
    }
}
