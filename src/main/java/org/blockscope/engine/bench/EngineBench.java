package org.blockscope.engine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
 * Usage: {@code EngineBench [--batch 64] [--iterations 10] [--profile] [template ...]}
 * (default resnet20 se_resnet20 densenet_bc40). Run it alone: OpenMP threads busy-wait.
 */
public final class EngineBench {
  private EngineBench() {}

  /** One template's result. */
  public record Result(String template, int batch, double trainImagesPerSecond, double inferenceImagesPerSecond,
                       long peakHeapBytes, long peakOffHeapBytes) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-14s batch %3d  train %7.1f img/s  inference %7.1f img/s  "
          + "peak heap %5d MB  peak off-heap %5d MB", template, batch, trainImagesPerSecond, inferenceImagesPerSecond,
          peakHeapBytes >> 20, peakOffHeapBytes >> 20);
    }
  }

  private static long peakHeap;
  private static long peakOffHeap;

  private static void sample() {
    Runtime r = Runtime.getRuntime();
    peakHeap = Math.max(peakHeap, r.totalMemory() - r.freeMemory());
    peakOffHeap = Math.max(peakOffHeap, Pointer.physicalBytes());
  }

  public static Result run(String template, int batch, int iterations, boolean profile) {
    Model m = Compiler.compile(Templates.graph(template), new Compiler.Options(1, DataType.FLOAT));
    var in = m.inputShape();
    Random r = new Random(1);
    float[] px = new float[batch * in.channels() * in.height() * in.width()];
    for (int i = 0; i < px.length; i++) px[i] = (float) r.nextGaussian();
    INDArray x = Nd4j.create(px, new long[] {batch, in.channels(), in.height(), in.width()}, 'c');
    int[] labels = new int[batch];
    for (int i = 0; i < batch; i++) labels[i] = i % m.classCount();
    Optimizer opt = new Optimizer(new OptimizerConfig.Sgd(0.9, false, 5e-4));
    peakHeap = 0;
    peakOffHeap = 0;
    for (int i = 0; i < 2; i++) {                      // warm-up
      m.forward(x, Mode.TRAINING);
      m.backward(labels);
      opt.step(m, 0.01);
      m.forward(x, Mode.INFERENCE);
    }
    m.profiling(profile);
    long t0 = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      m.forward(x, Mode.TRAINING);
      m.backward(labels);
      opt.step(m, 0.01);
      sample();
    }
    double train = (double) batch * iterations / ((System.nanoTime() - t0) / 1e9);
    if (profile) print(template + " training, ms per iteration", m.profile(), iterations);
    m.profiling(profile);
    t0 = System.nanoTime();
    for (int i = 0; i < iterations; i++) {
      m.forward(x, Mode.INFERENCE);
      sample();
    }
    double inference = (double) batch * iterations / ((System.nanoTime() - t0) / 1e9);
    if (profile) print(template + " inference, ms per batch", m.profile(), iterations);
    return new Result(template, batch, train, inference, peakHeap, peakOffHeap);
  }

  private static void print(String title, Map<String, long[]> p, int iterations) {
    System.out.println(title);
    p.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]))
        .forEach(e -> System.out.printf(Locale.ROOT, "  %-18s fwd %7.1f  bwd %7.1f%n", e.getKey(),
            e.getValue()[0] / 1e6 / iterations, e.getValue()[1] / 1e6 / iterations));
  }

  public static void main(String[] args) {
    int batch = 64;
    int iterations = 10;
    boolean profile = false;
    List<String> templates = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--batch" -> batch = Integer.parseInt(args[++i]);
        case "--iterations" -> iterations = Integer.parseInt(args[++i]);
        case "--profile" -> profile = true;
        default -> templates.add(args[i]);
      }
    }
    if (templates.isEmpty()) templates = List.of("resnet20", "se_resnet20", "densenet_bc40");
    Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    System.out.println("threads: " + Runtime.getRuntime().availableProcessors() + " cores");
    for (String t : templates) System.out.println(run(t, batch, iterations, profile));
  }
}
