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
 * size on random images, with peak heap, off-heap (JavaCPP) and resident memory of the process.
 * Usage: {@code EngineBench [--batch 64] [--warmup 120] [--iterations 10] [--profile] [template ...]}
 * (default resnet20 se_resnet20 densenet_bc40). Run it alone: OpenMP threads busy-wait.
 *
 * <p>Speeds are computed from the median iteration time, which is robust to bursts of other load on a
 * shared machine, after a warm-up that lasts until the median iteration time stops moving
 * ({@link Warmup}, at most {@code --warmup} seconds); {@code bench/pytorch_bench.py} measures the same
 * way. The figures are the steady speed of a training run, as a JMH warm-up would give; the first seconds
 * of a run are slower (the JVM compiles the engine's loops meanwhile). Each template's peak resident
 * memory is measured from its own start ({@link ProcessMemory}); {@code bench/compare.sh} runs each net in
 * a process of its own.
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
            long peakResidentBytes,
            int warmupIterations,
            double warmupSeconds,
            Map<String, double[]> trainProfileMs,
            Map<String, double[]> inferenceProfileMs) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-14s batch %3d  train %7.1f img/s  inference %7.1f img/s  "
                            + "peak heap %5d MB  peak off-heap %5d MB  peak RSS %5d MB  (warm-up %d iterations, %.0f s)",
                    template,
                    batch,
                    trainImagesPerSecond,
                    inferenceImagesPerSecond,
                    peakHeapBytes >> 20,
                    peakOffHeapBytes >> 20,
                    peakResidentBytes >> 20,
                    warmupIterations,
                    warmupSeconds);
        }

        /** One line for scripts: {@code RESULT template batch train_img_s infer_img_s peak_rss_bytes}. */
        public String machineLine() {
            return String.format(
                    Locale.ROOT,
                    "RESULT %s %d %.2f %.2f %d",
                    template,
                    batch,
                    trainImagesPerSecond,
                    inferenceImagesPerSecond,
                    peakResidentBytes);
        }
    }

    /** Default limit of the warm-up, seconds (it stops earlier once iteration times have settled). */
    public static final double WARMUP_SECONDS = 120;

    private static long peakHeap;
    private static long peakOffHeap;

    private static void sample() {
        Runtime r = Runtime.getRuntime();
        peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
        peakOffHeap = Math.max(peakOffHeap, Pointer.physicalBytes());
        ProcessMemory.sample();
    }

    /**
     * Benchmarks each template in turn (FLOAT), printing one line per template (and, with profile,
     * the time per primitive kind) to {@code out}; {@code warmup} is the longest warm-up in seconds. For
     * the CLI: {@code blockscope bench --engine}.
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
                print(out, t, "train", "training, ms per iteration", r.trainProfileMs());
                print(out, t, "infer", "inference, ms per batch", r.inferenceProfileMs());
            }
            out.println(r);
            out.println(r.machineLine());
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

    /** One template; {@code warmup}: the longest warm-up, in seconds. */
    public static Result run(String template, int batch, double warmup, int iterations, boolean profile) {
        BufferPool.clear(); // the previous template's buffers and garbage go first:
        System.gc(); // measured after ResNet-20 and SE-ResNet-20 in the same
        // process, DenseNet trained at half its own speed
        ProcessMemory.resetPeak();
        Fixture f = Fixture.of(template, batch);
        Model m = f.model();
        INDArray x = f.x();
        int[] labels = f.labels();
        Optimizer opt = f.optimizer();
        peakHeap = 0;
        peakOffHeap = 0;
        Warmup w = new Warmup(warmup);
        while (w.more()) { // the JIT compiles the loops meanwhile
            long t0 = System.nanoTime();
            m.forward(x, Mode.TRAINING);
            m.backward(labels);
            opt.step(m, 0.01);
            long t1 = System.nanoTime();
            m.infer(x);
            w.record(t1 - t0, System.nanoTime() - t1);
            sample();
        }
        m.profiling(profile);
        long[] t = new long[iterations];
        long optimizerNanos = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            m.forward(x, Mode.TRAINING);
            m.backward(labels);
            long t1 = System.nanoTime();
            opt.step(m, 0.01);
            t[i] = System.nanoTime() - t0;
            optimizerNanos += t0 + t[i] - t1;
            sample();
        }
        double train = batch / (median(t) / 1e9);
        Map<String, double[]> trainProfile = profile
                ? perIteration(m.profile(), optimizerNanos, Arrays.stream(t).sum(), iterations)
                : Map.of();
        m.profiling(profile);
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            m.infer(x); // as evaluation and validation do
            t[i] = System.nanoTime() - t0;
            sample();
        }
        double inference = batch / (median(t) / 1e9);
        Map<String, double[]> inferenceProfile =
                profile ? perIteration(m.profile(), -1, Arrays.stream(t).sum(), iterations) : Map.of();
        m.profiling(false);
        return new Result(
                template,
                batch,
                train,
                inference,
                peakHeap,
                peakOffHeap,
                ProcessMemory.peakResidentBytes(),
                w.iterations(),
                w.seconds(),
                trainProfile,
                inferenceProfile);
    }

    private static double median(long[] t) {
        long[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    /**
     * ms per iteration by primitive kind, largest first, then (training, optimizerNanos >= 0) the SGD step
     * as "OPTIMIZER", and as "OTHER" what the iterations spent outside both (in the backward column for
     * training, as bench/pytorch_bench.py does).
     */
    private static Map<String, double[]> perIteration(
            Map<String, long[]> p, long optimizerNanos, long totalNanos, int iterations) {
        Map<String, double[]> m = new LinkedHashMap<>();
        p.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
                .forEach(e -> m.put(
                        e.getKey(),
                        new double[] {e.getValue()[0] / 1e6 / iterations, e.getValue()[1] / 1e6 / iterations}));
        long attributed = p.values().stream().mapToLong(v -> v[0] + v[1]).sum();
        if (optimizerNanos >= 0) {
            m.put("OPTIMIZER", new double[] {0, optimizerNanos / 1e6 / iterations});
            attributed += optimizerNanos;
        }
        double other = (totalNanos - attributed) / 1e6 / iterations;
        m.put("OTHER", optimizerNanos >= 0 ? new double[] {0, other} : new double[] {other, 0});
        return m;
    }

    private static void print(PrintWriter out, String template, String mode, String title, Map<String, double[]> p) {
        out.println(template + " " + title + " (mean)");
        p.forEach((k, v) -> out.printf(Locale.ROOT, "  %-18s fwd %7.2f  bwd %7.2f%n", k, v[0], v[1]));
        p.forEach((k, v) -> out.printf(Locale.ROOT, "PROFILE %s %s %s %.3f %.3f%n", template, mode, k, v[0], v[1]));
    }

    /** One line on the threading setup and the CPU, printed before the figures. */
    public static String threads() {
        String convs = org.blockscope.engine.backend.OneDnn.available()
                ? "convolutions on oneDNN " + org.blockscope.engine.backend.OneDnn.version() + " (direct), ISA "
                        + org.blockscope.engine.backend.OneDnn.isa()
                : "convolutions on libnd4j ("
                        + (org.blockscope.engine.backend.OneDnn.failure() == null
                                ? "oneDNN switched off"
                                : "oneDNN preset not loaded: " + org.blockscope.engine.backend.OneDnn.failure())
                        + ")";
        return "threads: " + Runtime.getRuntime().availableProcessors() + " cores, OpenMP idle threads "
                + (org.blockscope.engine.NativeThreads.passive() ? "sleep (OMP_WAIT_POLICY=PASSIVE)" : "spin")
                + ", Java loop threads " + org.blockscope.engine.backend.Workers.threadCount() + ", Java vectors "
                + javaVectors() + "; " + convs;
    }

    /**
     * The widest vectors HotSpot's compiled Java loops use, from the JVM's own flags ("512-bit (UseAVX=3)";
     * -XX:UseAVX=2 holds them to 256 bits, as on a CPU without AVX-512), or "?" on a JVM without them.
     */
    static String javaVectors() {
        try {
            var vm = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            String bytes = vm.getVMOption("MaxVectorSize").getValue();
            String avx = vm.getVMOption("UseAVX").getValue();
            return Integer.parseInt(bytes) * 8 + "-bit (UseAVX=" + avx + ")";
        } catch (RuntimeException | LinkageError e) { // not HotSpot, or not x86
            return "?";
        }
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
