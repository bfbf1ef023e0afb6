package org.blockscope.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-position spans agree with the cost model's size and jump away from the borders, and clip at them. */
class ReceptiveSpanTest {

    @Test
    void awayFromTheBordersASpanIsTheReceptiveFieldsSizeAndNeighboursAreAJumpApart() {
        // conv 3×3 /1 p1, conv 3×3 /2 p1, conv 3×3 dilation 2 p2, pool 2×2 /2: 96 → 96 → 48 → 48 → 24
        int[][] layers = {{3, 1, 1, 1}, {3, 2, 1, 1}, {3, 1, 2, 2}, {2, 2, 0, 1}};
        ReceptiveSpan span = ReceptiveSpan.identity(96);
        ReceptiveField rf = ReceptiveField.PIXEL;
        int n = 96;
        for (int[] l : layers) {
            int k = l[0];
            int s = l[1];
            int pad = l[2];
            int d = l[3];
            n = (n + 2 * pad - d * (k - 1) - 1) / s + 1; // PyTorch Conv2d's output size
            span = span.window(n, k, s, pad, d);
            rf = rf.through(k, s, d);
        }
        assertThat(span.size()).isEqualTo(24);
        // r = 1 + 2·1 + 2·1 + 4·2 + 1·2 = 15 (k_eff − 1 times the jump before), jump 1·1·2·1·2 = 4
        assertThat(rf).isEqualTo(new ReceptiveField(15, 4));
        for (int i = 4; i < 20; i++) {
            assertThat(span.hi()[i] - span.lo()[i] + 1).as("position %d", i).isEqualTo(rf.size());
            assertThat(span.lo()[i + 1] - span.lo()[i]).isEqualTo(rf.jump());
        }
        // at the first position the window hangs over the border: only pixels 0.. are seen
        assertThat(span.lo()[0]).isZero();
        assertThat(span.hi()[0]).isLessThan(rf.size() - 1);
        assertThat(span.hi()[23]).isEqualTo(95);
    }

    @Test
    void aVectorJoinsEveryPositionOfAMerge() {
        ReceptiveSpan map = ReceptiveSpan.identity(8).window(4, 2, 2, 0, 1);
        ReceptiveSpan vector = ReceptiveSpan.identity(8).whole();
        assertThat(vector.lo()).containsExactly(0);
        assertThat(vector.hi()).containsExactly(7);
        ReceptiveSpan scaled = ReceptiveSpan.union(List.of(map, vector), 4);
        assertThat(scaled.lo()).containsExactly(0, 0, 0, 0);
        assertThat(scaled.hi()).containsExactly(7, 7, 7, 7);
        ReceptiveSpan added = ReceptiveSpan.union(List.of(map, map), 4);
        assertThat(added.lo()).containsExactly(0, 2, 4, 6);
        assertThat(added.hi()).containsExactly(1, 3, 5, 7);
    }
}
