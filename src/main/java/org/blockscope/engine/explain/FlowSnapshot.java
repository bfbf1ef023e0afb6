package org.blockscope.engine.explain;

import java.util.List;

/**
 * What {@link GradientFlow} has recorded of a run so far, as plain values (a copy: it does not change).
 *
 * @param layers the layers followed, input side first (convolutions and fully connected layers)
 * @param samples gradient norms and update ratios, in iteration order
 * @param reluPaths the ReLU nodes whose dead share is followed
 * @param dead per sample, the dead share of each ReLU node (same order as {@code samples})
 * @param histograms weight histograms: one list per recorded epoch (0 = before training), one per layer
 */
public record FlowSnapshot(
        List<Layer> layers,
        List<Sample> samples,
        List<String> reluPaths,
        List<Dead> dead,
        List<List<Histogram>> histograms) {

    /** A weight tensor of a convolution or fully connected layer ({@code path/weight}). */
    public record Layer(String tensor, String path, String owner, long size) {}

    /**
     * At one iteration, per layer (same order as {@link #layers}): ‖∂L/∂W‖₂ of the loss's gradient, and the
     * update-to-weight ratio ‖W_t − W_{t−1}‖₂ / ‖W_{t−1}‖₂ of the optimiser step of that iteration.
     */
    public record Sample(long iteration, int epoch, float[] gradientNorm, float[] updateRatio) {}

    /**
     * At one iteration, per ReLU node (same order as {@link #reluPaths}): the share of its channels that are
     * zero for every image and position of the training batch (dead), and the share of zero outputs.
     */
    public record Dead(long iteration, float[] deadChannels, float[] zeros) {}

    /** Weights of one layer after {@code epoch} epochs: {@code counts[b]} values in bin b of [min, max]. */
    public record Histogram(String tensor, int epoch, float min, float max, int[] counts) {
        public double binWidth() {
            return (max - min) / counts.length;
        }
    }

    public static final FlowSnapshot EMPTY = new FlowSnapshot(List.of(), List.of(), List.of(), List.of(), List.of());

    /** The epochs with histograms: 0 (before training), 1, 2, … */
    public int histogramEpochs() {
        return histograms.size();
    }
}
