package org.blockscope.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Counts saturate at OVERFLOW instead of wrapping round to negative figures. */
class CountingTest {

    @Test
    void productsAndSumsBeyond64BitsStayAtOverflow() {
        assertThat(Counting.times(2018L * 2018, 65_536, 65_536, 31 * 31)).isEqualTo(Counting.OVERFLOW);
        assertThat(Counting.times(3, 3, 64, 128)).isEqualTo(73_728);
        assertThat(Counting.times(Counting.OVERFLOW, 0)).isZero();
        assertThat(Counting.plus(Long.MAX_VALUE - 1, 2)).isEqualTo(Counting.OVERFLOW);
        assertThat(Counting.plus(Counting.OVERFLOW, -5)).isEqualTo(Counting.OVERFLOW);
        assertThat(new Cost(1, 0, Long.MAX_VALUE / 2 + 1, 0).flops()).isEqualTo(Counting.OVERFLOW);
    }

    @Test
    void receptiveFieldsSaturateToo() {
        ReceptiveField r = new ReceptiveField(1, 1);
        for (int i = 0; i < 12; i++) {
            r = r.through(31, 16, 1);
        }
        assertThat(r.jump()).isEqualTo(Integer.MAX_VALUE);
        assertThat(r.size()).isPositive();
    }
}
