package org.blockscope.engine.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.backend.Workers;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Side-by-side A/B of one engine setting in one process: iterations alternate between setting A and
 * B on the same model and batch, so bursts of other load on a shared machine hit both alike (runs
 * of separate processes differed by ±15 % here). Prints the median training-iteration and
 * inference-pass time of each and their ratio.
 *
 * <p>Settings: {@code workers} (Java loop threads 1 vs all), {@code fast-training} (BN/add-ReLU fused
 * off vs on), {@code early-release} (buffers freed at once off vs on), {@code input-gradient}
 * (computed vs skipped), {@code onednn} (convolutions through libnd4j vs on oneDNN directly),
 * {@code channels-last-training} (the trainer's passes NCHW vs channels-last on oneDNN), {@code gate-in-sum}
 * (fused inference: an SE gate as its five steps vs its excitation as one step and its product inside the
 * residual sum after it), {@code keep-weights} (fused inference: each convolution's weights folded and
 * reordered every pass vs kept from pass to pass while unchanged), {@code sum-into-conv} (fused inference:
 * a residual sum as its own step vs added by the convolution before it into the other input's buffer).
 */
public final class AbBench {
    private AbBench() {}

    /** A setting applied to a model: (model, isB). */
    public enum Setting {
        WORKERS((m, b) -> Workers.setThreads(b ? Runtime.getRuntime().availableProcessors() : 1)),
        FAST_TRAINING((m, b) -> m.fastTraining(b)),
        EARLY_RELEASE((m, b) -> Model.earlyRelease(b)),
        INPUT_GRADIENT((m, b) -> m.computeInputGradient(!b)),
        ONEDNN((m, b) -> OneDnn.enable(b)),
        CHANNELS_LAST_TRAINING((m, b) -> Model.channelsLastTraining(b)),
        GATE_IN_SUM((m, b) -> Model.gateInSum(b)),
        KEEP_WEIGHTS((m, b) -> Model.keepInferenceWeights(b)),
        SUM_INTO_CONV((m, b) -> Model.sumIntoConv(b));

        final BiConsumer<Model, Boolean> apply;

        Setting(BiConsumer<Model, Boolean> apply) {
            this.apply = apply;
        }

        static Setting of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    public record Result(String template, Setting setting, double trainA, double trainB, double inferA, double inferB) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-14s %-15s train %7.1f → %7.1f ms (B/A %.3f)   inference %6.2f → %6.2f ms" + " (B/A %.3f)",
                    template,
                    setting.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    trainA,
                    trainB,
                    trainB / trainA,
                    inferA,
                    inferB,
                    inferB / inferA);
        }
    }

    /** One template; {@code warmup}: the longest warm-up in seconds (A and B alternate during it too). */
    public static Result run(String template, Setting setting, int batch, double warmup, int iterations) {
        return run(template, setting, batch, warmup, iterations, false);
    }

    /**
     * As {@link #run(String, Setting, int, double, int)}; inferenceOnly: no training iteration between the
     * inference passes (the weights stay the same from pass to pass, as when evaluating a trained net), and
     * the training times are reported as 0.
     */
    public static Result run(
            String template, Setting setting, int batch, double warmup, int iterations, boolean inferenceOnly) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        BufferPool.clear(); // as EngineBench: the previous template's leftovers go first
        System.gc();
        EngineBench.Fixture f = EngineBench.Fixture.of(template, batch);
        Model m = f.model();
        INDArray x = f.x();
        int[] labels = f.labels();
        Optimizer opt = f.optimizer();
        boolean oneDnn = OneDnn.enable(true);
        OneDnn.enable(oneDnn);
        List<List<Double>> train = List.of(new ArrayList<>(), new ArrayList<>());
        List<List<Double>> infer = List.of(new ArrayList<>(), new ArrayList<>());
        try {
            Warmup w = new Warmup(warmup);
            while (w.more()) {
                long[] t = new long[2];
                for (int k = 0; k < 2; k++) {
                    setting.apply.accept(m, k == 1);
                    long t0 = System.nanoTime();
                    if (!inferenceOnly) {
                        m.forward(x, Mode.TRAINING);
                        m.backward(labels);
                        opt.step(m, 0.01);
                    }
                    long t1 = System.nanoTime();
                    m.infer(x);
                    t[0] += t1 - t0;
                    t[1] += System.nanoTime() - t1;
                }
                w.record(t[0], t[1]);
            }
            for (int i = 0; i < iterations; i++) {
                for (int k = 0; k < 2; k++) {
                    setting.apply.accept(m, k == 1);
                    long t0 = System.nanoTime();
                    if (!inferenceOnly) {
                        m.forward(x, Mode.TRAINING);
                        m.backward(labels);
                        opt.step(m, 0.01);
                    }
                    long t1 = System.nanoTime();
                    m.infer(x);
                    long t2 = System.nanoTime();
                    train.get(k).add((t1 - t0) / 1e6);
                    infer.get(k).add((t2 - t1) / 1e6);
                }
            }
        } finally {
            Workers.setThreads(0);
            Model.earlyRelease(true);
            Model.channelsLastTraining(true);
            Model.gateInSum(true);
            Model.keepInferenceWeights(true);
            Model.sumIntoConv(true);
            OneDnn.enable(oneDnn);
        }
        return new Result(
                template,
                setting,
                median(train.get(0)),
                median(train.get(1)),
                median(infer.get(0)),
                median(infer.get(1)));
    }

    private static double median(List<Double> l) {
        double[] s = l.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Usage: {@code AbBench SETTING [--batch 64] [--warmup SECONDS] [--iterations 20] [template ...]} */
    public static void main(String[] args) {
        org.blockscope.engine.NativeThreads.configure(); // before ND4J loads
        if (args.length == 0) {
            System.err.println(
                    "usage: AbBench workers|fast-training|early-release|input-gradient|onednn|channels-last-training"
                            + "|gate-in-sum|keep-weights|sum-into-conv [--batch N] [--warmup SECONDS] [--iterations N]"
                            + " [--inference-only] [template ...]");
            System.exit(2);
        }
        Setting setting = Setting.of(args[0]);
        int batch = 64;
        int iterations = 20;
        boolean inferenceOnly = false;
        double warmup = EngineBench.WARMUP_SECONDS;
        List<String> templates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--inference-only" -> inferenceOnly = true;
                default -> templates.add(args[i]);
            }
        }
        if (templates.isEmpty()) {
            templates = List.of("resnet20");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        out.println(EngineBench.threads());
        out.println("A = setting off, B = on (workers: 1 thread vs all); medians of " + iterations
                + " alternating iterations");
        for (String t : templates) {
            out.println(run(t, setting, batch, warmup, iterations, inferenceOnly));
        }
    }
}
