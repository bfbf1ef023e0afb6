package org.blockscope.app.train;

import java.util.Locale;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.templates.Templates;

/**
 * How fast this machine trains, in floating-point operations per second, for the estimates shown
 * before Start: measured once on a small network (a few training passes of mini-VGG), then
 * replaced by the speed of every run that trained here. A training iteration costs about three
 * forward passes (the backward pass about twice the forward, Goodfellow et al., Deep Learning
 * 6.5), so one image costs 3 × 2 × MACs FLOPs.
 */
public final class MachineSpeed {

    private static volatile double flopsPerSecond = Double.NaN;
    private static volatile String source = "";

    private MachineSpeed() {}

    /** Training FLOPs of one image: 3 passes × 2 FLOPs per MAC. */
    public static double trainingFlops(long macs) {
        return 6.0 * macs;
    }

    /** NaN until measured. */
    public static double flopsPerSecond() {
        return flopsPerSecond;
    }

    public static String source() {
        return source;
    }

    /** Measures on mini-VGG, batch 32 (about a second; call off the UI thread). */
    public static void calibrate() {
        if (!Double.isNaN(flopsPerSecond)) {
            return;
        }
        var g = Templates.graph("mini_vgg");
        long macs = NetworkAnalysis.of(g).total().macs();
        double seconds = ModelProbe.secondsPerIteration(g, 32, 3);
        flopsPerSecond = trainingFlops(macs) * 32 / seconds;
        source = String.format(Locale.ROOT, "measured on this machine, %.0f GFLOP/s", flopsPerSecond / 1e9);
    }

    /** A run trained {@code imagesPerSecond} on a network of {@code macs} MACs per image. */
    public static void observed(double imagesPerSecond, long macs) {
        if (imagesPerSecond > 0 && macs > 0) {
            flopsPerSecond = trainingFlops(macs) * imagesPerSecond;
            source = String.format(Locale.ROOT, "as fast as the last run here, %.0f GFLOP/s", flopsPerSecond / 1e9);
        }
    }

    /** For tests. */
    static void set(double flops, String why) {
        flopsPerSecond = flops;
        source = why;
    }
}
