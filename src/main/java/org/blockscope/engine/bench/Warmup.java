package org.blockscope.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Warm-up by convergence: iterations go on until the median time of the last {@link #WINDOW} training
 * iterations, and of the last {@link #WINDOW} inference passes, each moved by at most {@link #TOLERANCE}
 * from the median of the {@link #WINDOW} before (the JVM has compiled the engine's loops, the buffer pool
 * holds what the net needs), after at least {@link #MIN_ITERATIONS}, within at most {@code maxSeconds}.
 * A fixed time penalised the first net of a run (the JVM kept compiling) and wasted time on later ones.
 * {@code bench/pytorch_bench.py} applies the same rule.
 */
final class Warmup {
    static final int WINDOW = 5;
    static final double TOLERANCE = 0.03;
    static final int MIN_ITERATIONS = 3;

    private final long start = System.nanoTime();
    private final double maxSeconds;
    private final List<Double> train = new ArrayList<>();
    private final List<Double> infer = new ArrayList<>();

    Warmup(double maxSeconds) {
        this.maxSeconds = maxSeconds;
    }

    /** Whether to warm up once more. */
    boolean more() {
        if (train.size() < MIN_ITERATIONS) {
            return true;
        }
        if (seconds() >= maxSeconds) {
            return false;
        }
        return !(settled(train) && settled(infer));
    }

    /** Records one training iteration and one inference pass, in nanoseconds. */
    void record(long trainNanos, long inferNanos) {
        train.add((double) trainNanos);
        infer.add((double) inferNanos);
    }

    int iterations() {
        return train.size();
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Whether the median of the last window is within the tolerance of the median of the window before. */
    static boolean settled(List<Double> times) {
        int n = times.size();
        if (n < 2 * WINDOW) {
            return false;
        }
        double last = median(times.subList(n - WINDOW, n));
        double before = median(times.subList(n - 2 * WINDOW, n - WINDOW));
        return Math.abs(last - before) <= TOLERANCE * last;
    }

    static double median(List<Double> l) {
        double[] s = l.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
