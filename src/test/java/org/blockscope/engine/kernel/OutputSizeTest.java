package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.primitive.Padding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The core's output-size formulas as the kernels use them, and the extra padding of ceil-mode pools. */
class OutputSizeTest {
    @ParameterizedTest
    @CsvSource(textBlock = """
      # in, k, s, p, d, out  (out = floor((in + 2p - d(k-1) - 1)/s) + 1)
        32, 3, 1, 1, 1, 32
        32, 3, 2, 1, 1, 16
        224, 7, 2, 3, 1, 112
        7, 3, 1, 2, 2, 7
        9, 3, 2, 0, 2, 3
        5, 1, 1, 0, 1, 5
        8, 5, 2, 2, 1, 4
      """)
    void convOutputSize(int in, int k, int s, int p, int d, int out) {
        assertThat(Padding.convOut(in, k, s, p, d)).isEqualTo(out);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
      # in, k, s, p, ceil, out, extra   (PyTorch MaxPool2d output shapes)
        112, 3, 2, 1, false, 56, 0
        112, 3, 2, 0, true,  56, 1
        7,   3, 2, 0, true,  3,  0
        8,   3, 2, 1, true,  5,  1
        6,   2, 2, 1, true,  4,  0
        5,   3, 3, 1, true,  2,  0
        7,   3, 3, 1, true,  3,  0
        9,   2, 2, 1, true,  5,  0
        4,   3, 2, 0, true,  2,  1
        5,   2, 2, 0, true,  3,  1
        5,   2, 2, 0, false, 2,  0
        6,   3, 1, 1, true,  6,  0
      """)
    void poolOutputSizeWithCeilMode(int in, int k, int s, int p, boolean ceil, int out, int extra) {
        assertThat(Padding.poolOut(in, k, s, p, ceil)).isEqualTo(out);
        assertThat(Reference.poolOut(in, k, s, p, ceil)).isEqualTo(out);
        assertThat(PoolSpec.extraPad(in, k, s, p, ceil)).isEqualTo(extra);
    }
}
