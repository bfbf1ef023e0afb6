package org.blockscope.engine.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.Optimizer;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.templates.Templates;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures training (forward, backward, SGD step) and inference speed of templates at one batch
 * size on random images, with peak heap and off-heap (JavaCPP physical) memory.
 * Usage: {@code EngineBench [--batch 64] [--warmup 20] [--iterations 10] [--profile] [template ...]}
 * (default resnet20 se_resnet20 densenet_bc40). Run it alone: OpenMP threads busy-wait.
 *
 * <p>Speeds are computed from the median iteration time, which is robust to bursts of other load on a
 * shared machine, after a warm-up of {@link #WARMUP_SECONDS} seconds (at least {@link #MIN_WARMUP}
 * iterations) of training and inference; {@code bench/pytorch_bench.py} measures the same way. The
 * warm-up is long because the JVM keeps compiling the engine's loops for a while: ResNet-20 benchmarked
 * three times in one process after 30 warm-up iterations each trained at 415, 441 and 457 img/s, and
 * its iterations took 145-280 ms during the first 30. The figures are the steady speed of a training
 * run, as a JMH warm-up would give; the first seconds of a run are slower.
 */
public final class EngineBench {
    private EngineBench() {}

    /**
     * One template's result. Times per kind are milliseconds per iteration ([forward, backward]) when
     * profiling, else empty.
     */
    public record Result(
            String template,
            int batch,
            double trainImagesPerSecond,
            double inferenceImagesPerSecond,
            long peakHeapBytes,
            long peakOffHeapBytes,
            Map<String, double[]> trainProfileMs,
            Map<String, double[]> inferenceProfileMs) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-14s batch %3d  train %7.1f img/s  inference %7.1f img/s  "
                            + "peak heap %5d MB  peak off-heap %5d MB",
                    template,
                    batch,
                    trainImagesPerSecond,
                    inferenceImagesPerSecond,
                    peakHeapBytes >> 20,
                    peakOffHeapBytes >> 20);
        }
    }

    /** Default warm-up before timing, seconds of training and inference (bench/pytorch_bench.py warms up as long). */
    public static final double WARMUP_SECONDS = 20;
    /** Warm-up iterations at least, whatever the time. */
    static final int MIN_WARMUP = 3;

    /** Whether to warm up once more: under {@link #MIN_WARMUP} iterations done, or time left. */
    static boolean warmingUp(int done, long startNanos, double seconds) {
        return done < MIN_WARMUP || System.nanoTime() - startNanos < seconds * 1e9;
    }

    private static long peakHeap;
    private static long peakOffHeap;

    private static void sample() {
        Runtime r = Runtime.getRuntime();
        peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
        peakOffHeap = Math.max(peakOffHeap, Pointer.physicalBytes());
    }

    /**
     * Benchmarks each template in turn (FLOAT), printing one line per template (and, with profile,
     * the time per primitive kind) to {@code out}. For the CLI: {@code blockscope bench --engine}.
     */
    public static List<Result> run(List<String> templates, int batch, double warmup, int iterations, PrintWriter out) {
        return run(templates, batch, warmup, iterations, false, out);
    }

    public static List<Result> run(
            List<String> templates, int batch, double warmup, int iterations, boolean profile, PrintWriter out) {
        if (batch < 1 || iterations < 1) {
            throw new IllegalArgumentException("batch and iterations must be >= 1");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        List<Result> results = new ArrayList<>();
        for (String t : templates) {
            Result r = run(t, batch, warmup, iterations, profile);
            if (profile) {
                print(out, t + " training, ms per iteration", r.trainProfileMs());
                print(out, t + " inference, ms per batch", r.inferenceProfileMs());
            }
            out.println(r);
            out.flush();
            results.add(r);
        }
        return results;
    }

    /** A model set up as the trainer runs it, a seeded random batch, its labels and an SGD optimiser. */
    record Fixture(Model model, INDArray x, int[] labels, Optimizer optimizer) {
        static Fixture of(String template, int batch) {
            Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(1, DataType.FLOAT));
            m.keepPreviousPass(false); // as the trainer: nothing reads an earlier pass
            m.computeInputGradient(false); // nor the gradient with respect to the images
            m.fastTraining(true);
            var in = m.inputShape();
            Random r = new Random(1);
            float[] px = new float[batch * in.channels() * in.height() * in.width()];
            for (int i = 0; i < px.length; i++) {
                px[i] = (float) r.nextGaussian();
            }
            INDArray x = Nd4j.create(px, new long[] {batch, in.channels(), in.height(), in.width()}, 'c');
            int[] labels = new int[batch];
            for (int i = 0; i < batch; i++) {
                labels[i] = i % m.classCount();
            }
            return new Fixture(m, x, labels, new Optimizer(new OptimizerConfig.Sgd(0.9, false, 5e-4)));
        }
    }

    /** One template; {@code warmup} in seconds. */
    public static Result run(String template, int batch, double warmup, int iterations, boolean profile) {
        BufferPool.clear(); // the previous template's buffers and garbage go first:
        System.gc(); // measured after ResNet-20 and SE-ResNet-20 in the same
        // process, DenseNet trained at half its own speed
        Fixture f = Fixture.of(template, batch);
        Model m = f.model();
        INDArray x = f.x();
        int[] labels = f.labels();
        Optimizer opt = f.optimizer();
        peakHeap = 0;
        peakOffHeap = 0;
        long start = System.nanoTime();
        for (int i = 0; warmingUp(i, start, warmup); i++) { // the JIT compiles the loops meanwhile
            m.forward(x, Mode.TRAINING);
            m.backward(labels);
            opt.step(m, 0.01);
            m.infer(x);
        }
        m.profiling(profile);
        long[] t = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            m.forward(x, Mode.TRAINING);
            m.backward(labels);
            opt.step(m, 0.01);
            t[i] = System.nanoTime() - t0;
            sample();
        }
        double train = batch / (median(t) / 1e9);
        Map<String, double[]> trainProfile = perIteration(m.profile(), iterations);
        m.profiling(profile);
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            m.infer(x); // as evaluation and validation do
            t[i] = System.nanoTime() - t0;
            sample();
        }
        double inference = batch / (median(t) / 1e9);
        Map<String, double[]> inferenceProfile = perIteration(m.profile(), iterations);
        m.profiling(false);
        return new Result(template, batch, train, inference, peakHeap, peakOffHeap, trainProfile, inferenceProfile);
    }

    private static double median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static Map<String, double[]> perIteration(Map<String, long[]> p, int iterations) {
        Map<String, double[]> m = new LinkedHashMap<>();
        p.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> m.put(
                        e.getKey(),
                        new double[] {e.getValue()[0] / 1e6 / iterations, e.getValue()[1] / 1e6 / iterations}));
        return m;
    }

    private static void print(PrintWriter out, String title, Map<String, double[]> p) {
        out.println(title + " (mean)");
        p.forEach((k, v) -> out.printf(Locale.ROOT, "  %-18s fwd %7.1f  bwd %7.1f%n", k, v[0], v[1]));
    }

    /** One line on the threading setup, printed before the figures. */
    public static String threads() {
        String convs = org.blockscope.engine.backend.OneDnn.available()
                ? "convolutions on oneDNN " + org.blockscope.engine.backend.OneDnn.version() + " (direct)"
                : "convolutions on libnd4j ("
                        + (org.blockscope.engine.backend.OneDnn.failure() == null
                                ? "oneDNN switched off"
                                : "oneDNN preset not loaded: " + org.blockscope.engine.backend.OneDnn.failure())
                        + ")";
        return "threads: " + Runtime.getRuntime().availableProcessors() + " cores, OpenMP idle threads "
                + (org.blockscope.engine.NativeThreads.passive() ? "sleep (OMP_WAIT_POLICY=PASSIVE)" : "spin")
                + ", Java loop threads " + org.blockscope.engine.backend.Workers.threadCount() + "; " + convs;
    }

    public static void main(String[] args) {
        org.blockscope.engine.NativeThreads.configure(); // before ND4J loads
        int batch = 64;
        int iterations = 10;
        double warmup = WARMUP_SECONDS;
        boolean profile = false;
        List<String> templates = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--profile" -> profile = true;
                default -> templates.add(args[i]);
            }
        }
        if (templates.isEmpty()) {
            templates = List.of("resnet20", "se_resnet20", "densenet_bc40");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        out.println(threads());
        run(templates, batch, warmup, iterations, profile, out);
    }
}
