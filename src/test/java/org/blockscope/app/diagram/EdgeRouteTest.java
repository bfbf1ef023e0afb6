package org.blockscope.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where edges run: sampled along the cubic of {@link SkinGeometry#edgeControls}. */
class EdgeRouteTest {

    /** Points of the cubic from (x1, y1) to (x2, y2) at t = 0, 1/n, ..., 1. */
    private static double[][] samples(double x1, double y1, double x2, double y2, int n) {
        double[] c = SkinGeometry.edgeControls(x1, y1, x2, y2);
        double[][] p = new double[n + 1][];
        for (int i = 0; i <= n; i++) {
            double t = (double) i / n, u = 1 - t;
            p[i] = new double[] {
                u * u * u * x1 + 3 * u * u * t * c[0] + 3 * u * t * t * c[2] + t * t * t * x2,
                u * u * u * y1 + 3 * u * u * t * c[1] + 3 * u * t * t * c[3] + t * t * t * y2
            };
        }
        return p;
    }

    @Test
    void forwardEdgesLeaveAndEnterHorizontally() {
        double[] c = SkinGeometry.edgeControls(100, 50, 300, 120);
        assertThat(c[1]).isEqualTo(50);
        assertThat(c[3]).isEqualTo(120);
        assertThat(c[0]).isGreaterThan(100);
        assertThat(c[2]).isLessThan(300);
    }

    @Test
    void aBandWrapRunsThroughTheGapAndReachesTheTargetFromItsLeft() {
        // end of the upper row (x 1150, port y 210) to the start of the lower row (x 290, port y 320);
        // the lower row's nodes span y 298..345, the upper row's 188..235
        double[][] p = samples(1150, 210, 290, 320, 40);
        for (double[] q : p) {
            boolean overLowerNodes = q[0] > 290 && q[0] < 1150 && q[1] > 298;
            assertThat(overLowerNodes)
                    .as("(%.0f, %.0f) over the lower row", q[0], q[1])
                    .isFalse();
            boolean overUpperNodes = q[0] < 1150 - 8 && q[0] > 290 && q[1] < 235; // 8: rounded corner
            assertThat(overUpperNodes)
                    .as("(%.0f, %.0f) over the upper row", q[0], q[1])
                    .isFalse();
        }
        double[] beforeEnd = p[p.length - 2];
        assertThat(beforeEnd[0]).as("arrives from the left").isLessThan(290);
    }

    @Test
    void aBackwardEdgeOnOneRowLoopsBelowIt() {
        double[][] p = samples(800, 100, 200, 110, 40);
        assertThat(p[20][1]).isGreaterThan(150);
    }
}
