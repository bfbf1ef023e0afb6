package org.blockscope.app.explain;

import java.util.List;
import org.blockscope.engine.explain.FlowSnapshot;

/** The numbers the gradient-flow charts draw, taken from snapshots (plain Java, tested without a window). */
public final class FlowSeries {

    private FlowSeries() {}

    /** log10 bounds of a metric; empty when nothing is finite and positive. */
    public record Range(double lo, double hi) {
        public static final Range EMPTY = new Range(Double.NaN, Double.NaN);

        public boolean isEmpty() {
            return Double.isNaN(lo);
        }

        /** Position of {@code v} in the range, 0..1 (log scale); NaN for values that cannot be drawn. */
        public double position(double v) {
            if (isEmpty() || !(v > 0) || Double.isInfinite(v)) {
                return Double.NaN;
            }
            return hi > lo ? (Math.log10(v) - lo) / (hi - lo) : 0.5;
        }
    }

    /** The metric per layer (rows, input side first) and sample (columns). */
    public static float[][] matrix(FlowSnapshot s, GradientFlowViewModel.Metric m) {
        float[][] out = new float[s.layers().size()][s.samples().size()];
        for (int j = 0; j < s.samples().size(); j++) {
            FlowSnapshot.Sample sample = s.samples().get(j);
            float[] v = m == GradientFlowViewModel.Metric.GRADIENT_NORM ? sample.gradientNorm() : sample.updateRatio();
            for (int i = 0; i < out.length; i++) {
                out[i][j] = v[i];
            }
        }
        return out;
    }

    public static Range range(List<FlowSnapshot> snapshots, GradientFlowViewModel.Metric m) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (FlowSnapshot s : snapshots) {
            for (float[] row : matrix(s, m)) {
                for (float v : row) {
                    if (v > 0 && Float.isFinite(v)) {
                        lo = Math.min(lo, Math.log10(v));
                        hi = Math.max(hi, Math.log10(v));
                    }
                }
            }
        }
        // out to whole half decades; a float a hair below a power of ten does not add half a decade
        return lo > hi ? Range.EMPTY : new Range(Math.floor(lo * 2 + 1e-6) / 2, Math.ceil(hi * 2 - 1e-6) / 2);
    }

    /**
     * The ratio of the first layer's metric to the last layer's (the classifier, whose gradient is often the
     * largest), as a median over the samples (NaN without samples): far below 1, the input side gets much
     * less than the output side; far above 1, the gradient grew on its way back, as in plain nets with
     * batch norm (see resources/lessons/residual.md).
     */
    public static double firstToLast(FlowSnapshot s, GradientFlowViewModel.Metric m) {
        float[][] x = matrix(s, m);
        if (x.length < 2 || x[0].length == 0) {
            return Double.NaN;
        }
        double[] r = new double[x[0].length];
        for (int j = 0; j < r.length; j++) {
            r[j] = x[0][j] / (double) x[x.length - 1][j];
        }
        java.util.Arrays.sort(r);
        return r[r.length / 2];
    }

    /** Short names of the layers: the primitive path without "/weight". */
    public static List<String> layerNames(FlowSnapshot s) {
        return s.layers().stream().map(FlowSnapshot.Layer::path).toList();
    }
}
