package org.blockscope.app.train;

import java.util.Locale;
import java.util.Optional;
import org.blockscope.analysis.Numbers;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Shape;

/**
 * What a run will cost before it starts, from the network's analysis, the data and the settings:
 * time per epoch (training FLOPs over this machine's measured speed) and peak memory (weights with
 * their gradients and optimiser moments, the batch's activations and their gradients, the data at
 * the network's input size). And what to warn about: an ImageNet-sized input for small images, a
 * run of hours, more memory than the machine has.
 */
public record GuardRails(String estimate, String detail, String warning, Shape resizeTo) {

    /** Warn about runs longer than this per epoch. */
    static final double LONG_EPOCH_SECONDS = 10 * 60;

    public static final GuardRails NONE = new GuardRails("", "", "", null);

    /**
     * @param input the network's input shape
     * @param stored the data's images as stored (null: unknown)
     * @param trainImages images per epoch; {@code valImages} evaluated after each epoch
     * @param flopsPerSecond this machine's measured speed (NaN: not measured yet)
     * @param physicalBytes the machine's memory (0: unknown)
     * @param resizeTo the smallest input ≥ the stored size the network accepts (null: none to offer)
     */
    public static GuardRails of(
            String network,
            Cost total,
            Shape input,
            Shape stored,
            int trainImages,
            int valImages,
            TrainingSettings s,
            double flopsPerSecond,
            String speedSource,
            long physicalBytes,
            Shape resizeTo) {
        // one image: forward 2·MACs FLOPs, backward about twice that; validation is forward only
        double epochFlops = MachineSpeed.trainingFlops(total.macs()) * trainImages + 2.0 * total.macs() * valImages;
        double seconds = epochFlops / flopsPerSecond;
        int moments = s.optimiser() == TrainingSettings.Optimiser.ADAM ? 2 : 1;
        long weights = 4L * (total.params() * (2 + moments) + total.state());
        long activations = 2L * s.batchSize() * total.memoryBytes();
        long data = (long) (trainImages + valImages) * input.elements();
        long peak = weights + activations + data;
        String time = Double.isNaN(seconds)
                ? "time per epoch: measuring this machine's speed…"
                : "≈ " + duration(seconds) + " per epoch"
                        + (s.epochs() > 1
                                ? ", " + duration(seconds * s.epochs()) + " for " + s.epochs() + " epochs"
                                : "");
        String estimate = time + " · peak memory ≈ " + Numbers.bytes(peak);
        String detail = String.format(
                Locale.ROOT,
                "Estimated from %s MACs and %s of activations per image, %,d training and %,d validation images, "
                        + "batch %d%s.",
                Numbers.compact(total.macs()),
                Numbers.bytes(total.memoryBytes()),
                trainImages,
                valImages,
                s.batchSize(),
                Double.isNaN(seconds) ? "" : "; speed " + speedSource);
        StringBuilder warn = new StringBuilder();
        boolean enlarged =
                stored != null && input.height() >= 2 * stored.height() && input.width() >= 2 * stored.width();
        if (enlarged) {
            double factor = (double) input.height() / stored.height();
            warn.append(String.format(
                    Locale.ROOT,
                    "%s takes %s images; these are %s, so each is enlarged %.0f× and costs %.0f× the work of "
                            + "its own size.",
                    network,
                    input,
                    stored,
                    factor,
                    factor * factor));
        }
        if (!Double.isNaN(seconds) && seconds > LONG_EPOCH_SECONDS) {
            warn.append(warn.length() == 0 ? "" : " ")
                    .append("One epoch will take about ")
                    .append(duration(seconds))
                    .append(": try a smaller input, fewer images or a classroom template.");
        }
        if (physicalBytes > 0 && peak > 0.6 * physicalBytes) {
            warn.append(warn.length() == 0 ? "" : " ")
                    .append("The run may need ")
                    .append(Numbers.bytes(peak))
                    .append(" of this machine's ")
                    .append(Numbers.bytes(physicalBytes))
                    .append(": lower the batch size or the input size.");
        }
        return new GuardRails(estimate, detail, warn.toString(), enlarged ? resizeTo : null);
    }

    public Optional<Shape> resize() {
        return Optional.ofNullable(resizeTo);
    }

    /** 45 s, 12 min, 2 h 16 min. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return Math.max(1, s) + " s";
        }
        if (s < 3600) {
            return Math.round(s / 60.0) + " min";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }
}
