package org.blockscope.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.blockscope.engine.compile.TinyNets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Channels-last gradients against their definitions: SE scaling's (FLOAT: Java loops and oneDNN; DOUBLE), SE
 * scaling fused with a residual sum, and a concatenation with its split (oneDNN and the Java loops).
 */
class ChannelsLastGradsTest {
    @ParameterizedTest(name = "{0} {1}x{2}, {3} channels")
    @CsvSource({"FLOAT, 9, 11, 5", "FLOAT, 2, 3, 16", "FLOAT, 32, 32, 16", "FLOAT, 7, 7, 24", "DOUBLE, 4, 4, 3"})
    void scaleGradientsAreDyTimesSAndTheSumOfDyTimesX(DataType type, int h, int w, int c) {
        int n = 3;
        INDArray x = TinyNets.randomInput(1, type, n, h, w, c),
                dy = TinyNets.randomInput(2, type, n, h, w, c),
                s = TinyNets.randomInput(3, type, n, c);
        INDArray ds = ChannelsLastGrads.scaleGradient(x, dy), dx = ChannelsLast.scale(dy, s);
        assertThat(dx.shape()).containsExactly(n, h, w, c);
        assertThat(ds.shape()).containsExactly(n, c);
        double tol = type == DataType.FLOAT ? 1e-4 : 1e-12;
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        sum += dy.getDouble(i, y, xx, ch) * x.getDouble(i, y, xx, ch);
                        assertThat(dx.getDouble(i, y, xx, ch))
                                .isCloseTo(dy.getDouble(i, y, xx, ch) * s.getDouble(i, ch), within(tol));
                    }
                }
                assertThat(ds.getDouble(i, ch)).as("ds[%d, %d]", i, ch).isCloseTo(sum, within(tol));
            }
        }
    }

    /** SE's gate and the residual sum in one oneDNN pass: x·s + other, with and without the ReLU. */
    @ParameterizedTest(name = "{0}x{1}, {2} channels, relu {3}")
    @CsvSource({"9, 11, 5, true", "32, 32, 16, true", "7, 7, 24, false", "1, 1, 8, true"})
    void scaleAddIsXTimesSPlusTheOtherInput(int h, int w, int c, boolean relu) {
        int n = 3;
        INDArray x = TinyNets.randomInput(1, DataType.FLOAT, n, h, w, c),
                other = TinyNets.randomInput(2, DataType.FLOAT, n, h, w, c),
                s = TinyNets.randomInput(3, DataType.FLOAT, n, c);
        assertThat(ChannelsLast.canScaleAdd(x, s, other)).isTrue();
        assertThat(ChannelsLast.canScaleAdd(x, s, TinyNets.randomInput(2, DataType.DOUBLE, n, h, w, c)))
                .as("DOUBLE: the caller's two steps")
                .isFalse();
        INDArray y = ChannelsLast.scaleAdd(x, s, other, relu);
        assertThat(y.shape()).containsExactly(n, h, w, c);
        int negative = 0;
        for (int i = 0; i < n; i++) {
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    for (int ch = 0; ch < c; ch++) {
                        double v = x.getDouble(i, yy, xx, ch) * s.getDouble(i, ch) + other.getDouble(i, yy, xx, ch);
                        negative += v < 0 ? 1 : 0;
                        assertThat(y.getDouble(i, yy, xx, ch))
                                .as("y[%d, %d, %d, %d]", i, yy, xx, ch)
                                .isCloseTo(relu ? Math.max(v, 0) : v, within(1e-5));
                    }
                }
            }
        }
        assertThat(negative)
                .as("some sums are negative (the ReLU is exercised)")
                .isPositive();
    }

    @ParameterizedTest(name = "{0}x{1}, parts {2}")
    @CsvSource({"5, 3, 3;12;5", "8, 8, 24;12", "1, 1, 7;1;16"})
    void concatenationAndItsSplitOnOneDnnMatchTheJavaLoopsAndTheDefinition(int h, int w, String parts) {
        long[] cs = java.util.Arrays.stream(parts.split(";"))
                .mapToLong(Long::parseLong)
                .toArray();
        INDArray[] xs = new INDArray[cs.length];
        for (int i = 0; i < cs.length; i++) {
            xs[i] = TinyNets.randomInput(10 + i, DataType.FLOAT, 2, h, w, cs[i]);
        }
        INDArray y = ChannelsLast.concat(xs), loops = ChannelsLast.concatLoops(xs);
        assertThat(y.shape())
                .containsExactly(2, h, w, java.util.Arrays.stream(cs).sum());
        assertThat(y.equals(loops)).as("oneDNN's concat = the Java loops'").isTrue();
        long from = 0;
        for (int i = 0; i < cs.length; i++) {
            for (int c = 0; c < cs[i]; c++) {
                assertThat(y.getDouble(1, h - 1, w - 1, from + c)).isEqualTo(xs[i].getDouble(1, h - 1, w - 1, c));
                assertThat(y.getDouble(0, 0, 0, from + c)).isEqualTo(xs[i].getDouble(0, 0, 0, c));
            }
            from += cs[i];
        }
        INDArray[] back = ChannelsLastGrads.split(y, cs), backLoops = ChannelsLastGrads.splitLoops(y, cs);
        for (int i = 0; i < cs.length; i++) {
            assertThat(back[i].equals(xs[i])).as("part %d of the split", i).isTrue();
            assertThat(backLoops[i].equals(xs[i])).isTrue();
        }
    }
}
