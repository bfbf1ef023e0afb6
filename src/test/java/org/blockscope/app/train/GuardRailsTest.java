package org.blockscope.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.Numbers;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;

/** The estimate and the warnings shown before Start (issue 12, guard rails), worked out by hand. */
class GuardRailsTest {

    private static final long GIB = 1L << 30;

    @Test
    void anImageNetNetworkOnSmallImagesIsWarnedAboutAndOffersTheResize() {
        Cost cost = new Cost(1_000_000, 1_000, 1_500_000_000L, 50_000_000L);
        Shape input = Shape.map(3, 224, 224);
        Shape stored = Shape.map(3, 28, 28);
        Shape resize = Shape.map(3, 32, 32);
        GuardRails g = GuardRails.of(
                "GoogLeNet",
                cost,
                input,
                stored,
                1000,
                200,
                TrainingSettings.defaults(),
                1e10,
                "test",
                8 * GIB,
                resize);
        // epoch: 6·1.5e9·1000 (training) + 2·1.5e9·200 (validation) = 9.6e12 FLOPs at 1e10 FLOP/s = 960 s
        assertThat(g.estimate()).startsWith("≈ 16 min per epoch");
        // Adam: weights, gradients and two moments (4 copies) + running stats, float32;
        // activations and their gradients for a batch of 64; the data at 3×224×224 bytes
        long peak = 4L * (1_000_000L * 4 + 1_000) + 2L * 64 * 50_000_000L + 1200L * 3 * 224 * 224;
        assertThat(peak).isEqualTo(6_596_637_600L);
        assertThat(g.estimate()).endsWith("peak memory ≈ " + Numbers.bytes(peak));
        assertThat(g.warning())
                .contains("GoogLeNet takes 3×224×224 images; these are 3×28×28, so each is enlarged 8× and costs 64×")
                .contains("One epoch will take about 16 min")
                .contains("The run may need " + Numbers.bytes(peak) + " of this machine's 8");
        assertThat(g.resize()).contains(resize);
    }

    @Test
    void aSmallNetworkOnItsOwnSizeGetsNoWarningAndSaysWhileTheSpeedIsMeasured() {
        Cost cost = new Cost(60_000, 0, 400_000, 100_000);
        Shape input = Shape.map(1, 28, 28);
        GuardRails g = GuardRails.of(
                "LeNet-5", cost, input, input, 800, 200, TrainingSettings.defaults(), Double.NaN, "", 8 * GIB, input);
        assertThat(g.estimate()).startsWith("time per epoch: measuring this machine's speed");
        assertThat(g.warning()).isEmpty();
        assertThat(g.resize()).isEmpty();
    }

    @Test
    void durationsReadLikeAClock() {
        assertThat(GuardRails.duration(0.2)).isEqualTo("1 s");
        assertThat(GuardRails.duration(45)).isEqualTo("45 s");
        assertThat(GuardRails.duration(12 * 60 + 10)).isEqualTo("12 min");
        assertThat(GuardRails.duration(2 * 3600 + 16 * 60 + 5)).isEqualTo("2 h 16 min");
    }
}
