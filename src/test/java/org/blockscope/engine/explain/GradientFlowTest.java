package org.blockscope.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.ArrayData;
import org.blockscope.engine.train.Trainer;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.engine.train.TrainingEvent;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient-flow statistics against norms computed here from the trainer's own gradients and weights,
 * read by a second listener that runs right after the collector at every iteration.
 */
class GradientFlowTest {

    static final String[] LAYERS = {"c1/weight", "c2/weight", "fc/weight"};
    static final String[] RELUS = {"r1", "r2"};

    static Model net() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 10, 10);
        x = b.relu("r1", b.bn("bn1", b.conv("c1", x, 4, 3, 1, 1, 1, false)));
        x = b.relu("r2", b.conv("c2", x, 4, 3, 2, 1, 1, true));
        b.classifier("out", b.fc("fc", b.gap("gap", x), 3, true));
        Model m = Compiler.compile(b.graph(), new Compiler.Options(2, DataType.FLOAT));
        // channel 3 of r2 starts (and stays) dead
        m.setTensor("c2/bias", Nd4j.create(new float[] {0, 0, 0, -100f}, new long[] {4}, DataType.FLOAT));
        return m;
    }

    static ArrayData data(int n) {
        Random r = new Random(1);
        float[] px = new float[n * 100];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 100; j++) {
                px[i * 100 + j] = (float) r.nextGaussian() * 0.3f + (j / 10 < 3 * (labels[i] + 1) ? 1 : 0);
            }
        }
        return new ArrayData(Nd4j.create(px, new long[] {n, 1, 10, 10}, DataType.FLOAT), labels, true);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    static double[] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** What the reference listener saw at one iteration. */
    record Seen(double[] grad, double[] ratio, double[] dead, double[] zeros) {}

    @Test
    void statisticsAreTheNormsOfTheTrainersGradientsAndUpdates() throws Exception {
        Model m = net();
        Trainer t = new Trainer(m, TrainingConfig.adam(3e-3, 16, 2), data(48), null);
        GradientFlow flow = new GradientFlow(m, 0);
        flow.start();
        Map<Long, Seen> seen = new LinkedHashMap<>();
        List<double[]> minMaxPerEpoch = new ArrayList<>();
        double[][] previous = new double[LAYERS.length][];
        t.addListener(flow);
        t.addListener(e -> {
            if (e instanceof TrainingEvent.IterationDone it) {
                double[] grad = new double[LAYERS.length];
                double[] ratio = new double[LAYERS.length];
                for (int i = 0; i < LAYERS.length; i++) {
                    grad[i] = norm(values(m.gradients().get(LAYERS[i])));
                    double[] w = values(m.tensors().get(LAYERS[i]).value());
                    if (previous[i] != null) {
                        double[] d = new double[w.length];
                        for (int j = 0; j < w.length; j++) {
                            d[j] = w[j] - previous[i][j];
                        }
                        ratio[i] = norm(d) / norm(previous[i]);
                    }
                    previous[i] = w;
                }
                double[] dead = new double[RELUS.length];
                double[] zeros = new double[RELUS.length];
                for (int r = 0; r < RELUS.length; r++) {
                    INDArray a = m.activation(RELUS[r]);
                    double[] v = values(a);
                    int c = (int) a.size(1);
                    int plane = (int) (a.size(2) * a.size(3));
                    int deadCount = 0;
                    for (int ch = 0; ch < c; ch++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int n = 0; n < a.size(0); n++) {
                            for (int p = 0; p < plane; p++) {
                                max = Math.max(max, v[(n * c + ch) * plane + p]);
                            }
                        }
                        deadCount += max <= 0 ? 1 : 0;
                    }
                    long z = java.util.Arrays.stream(v).filter(x -> x <= 0).count();
                    dead[r] = deadCount / (double) c;
                    zeros[r] = z / (double) v.length;
                }
                seen.put(it.iteration(), new Seen(grad, ratio, dead, zeros));
            } else if (e instanceof TrainingEvent.EpochDone) {
                double[] v = values(m.tensors().get("c1/weight").value());
                minMaxPerEpoch.add(new double[] {
                    java.util.Arrays.stream(v).min().orElseThrow(),
                    java.util.Arrays.stream(v).max().orElseThrow()
                });
            }
        });
        double[] before = values(m.tensors().get("c1/weight").value());
        t.start();
        t.join();
        FlowSnapshot s = flow.snapshot();
        assertThat(s.layers()).extracting(FlowSnapshot.Layer::tensor).containsExactly(LAYERS);
        assertThat(s.layers()).extracting(FlowSnapshot.Layer::size).containsExactly(36L, 144L, 12L);
        assertThat(s.reluPaths()).containsExactly(RELUS);
        // 2 epochs of 3 batches: every iteration after the first is sampled (the first only copies weights)
        assertThat(s.samples()).extracting(FlowSnapshot.Sample::iteration).containsExactly(1L, 2L, 3L, 4L, 5L);
        for (int k = 0; k < s.samples().size(); k++) {
            FlowSnapshot.Sample sample = s.samples().get(k);
            Seen ref = seen.get(sample.iteration());
            for (int i = 0; i < LAYERS.length; i++) {
                assertThat((double) sample.gradientNorm()[i])
                        .as("gradient norm of %s at %d", LAYERS[i], sample.iteration())
                        .isCloseTo(ref.grad()[i], within(1e-5 * ref.grad()[i] + 1e-9));
                assertThat((double) sample.updateRatio()[i])
                        .as("update ratio of %s at %d", LAYERS[i], sample.iteration())
                        .isCloseTo(ref.ratio()[i], within(1e-4 * ref.ratio()[i] + 1e-9));
                assertThat(ref.grad()[i]).isGreaterThan(0);
            }
            FlowSnapshot.Dead d = s.dead().get(k);
            assertThat(d.iteration()).isEqualTo(sample.iteration());
            for (int r = 0; r < RELUS.length; r++) {
                assertThat((double) d.deadChannels()[r]).isCloseTo(ref.dead()[r], within(1e-6));
                assertThat((double) d.zeros()[r]).isCloseTo(ref.zeros()[r], within(1e-6));
            }
            assertThat(d.deadChannels()[1]).as("the channel with bias −100").isGreaterThanOrEqualTo(0.25f);
        }
        // histograms before training and after each epoch, every weight counted once
        assertThat(s.histogramEpochs()).isEqualTo(3);
        for (int e = 0; e < 3; e++) {
            FlowSnapshot.Histogram h = s.histograms().get(e).get(0);
            assertThat(h.tensor()).isEqualTo("c1/weight");
            assertThat(h.epoch()).isEqualTo(e);
            assertThat(java.util.Arrays.stream(h.counts()).sum()).isEqualTo(36);
            double[] mm = e == 0
                    ? new double[] {
                        java.util.Arrays.stream(before).min().orElseThrow(),
                        java.util.Arrays.stream(before).max().orElseThrow()
                    }
                    : minMaxPerEpoch.get(e - 1);
            assertThat((double) h.min()).isCloseTo(mm[0], within(1e-6));
            assertThat((double) h.max()).isCloseTo(mm[1], within(1e-6));
        }
    }

    @Test
    void samplesAreTakenAtMostEveryInterval() throws Exception {
        Model m = net();
        AtomicLong clock = new AtomicLong();
        GradientFlow flow = new GradientFlow(m, 100, clock::get);
        Trainer t = new Trainer(m, TrainingConfig.adam(1e-3, 8, 1), data(48), null);
        t.addListener(flow);
        t.addListener(e -> clock.addAndGet(40)); // every event moves the clock 40 ms on
        t.start();
        t.join();
        // iteration 0 copies (t=0), sample at 1 (t=40); next copy once 100 ms passed: at 4 (t=160), sample at 5
        assertThat(flow.snapshot().samples())
                .extracting(FlowSnapshot.Sample::iteration)
                .containsExactly(1L, 5L);
    }

    @Test
    void theHistogramCountsEachValueInItsBin() {
        INDArray w = Nd4j.create(new float[] {-1f, -0.5f, 0f, 0.49f, 1f}, new long[] {5}, DataType.FLOAT);
        FlowSnapshot.Histogram h = GradientFlow.histogram("w", 0, w);
        assertThat(h.min()).isEqualTo(-1f);
        assertThat(h.max()).isEqualTo(1f);
        assertThat(h.counts()).hasSize(GradientFlow.BINS);
        assertThat(h.counts()[0]).isEqualTo(1); // −1
        assertThat(h.counts()[10]).isEqualTo(1); // −0.5: bin (−0.5 + 1) / 0.05 = 10
        assertThat(h.counts()[20]).isEqualTo(1); // 0
        assertThat(h.counts()[29]).isEqualTo(1); // 0.49: bin 29.8 → 29
        assertThat(h.counts()[39]).isEqualTo(1); // the maximum goes in the last bin
    }
}
