package org.blockscope.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.blockscope.engine.compile.TinyNets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SIMD loops ({@link VectorLoops}, on when {@link Simd#available()}) and the paths they replace (plain Java
 * loops and oneDNN), both against the definitions: channel counts that are, and are not, multiples of the
 * vector length, and maps large enough to be split over threads.
 */
class VectorLoopsTest {
    private final boolean before = Simd.enable(true);

    @AfterEach
    void restore() {
        Simd.enable(before);
    }

    @Test
    void theTestsRunWithTheVectorApiSoThatTheSimdPathIsTheOneTested() {
        // pom.xml's surefire argLine passes --add-modules jdk.incubator.vector, as the app's launchers do
        assertThat(Simd.present()).as(Simd.describe()).isTrue();
        assertThat(Simd.available()).isTrue();
    }

    @ParameterizedTest(name = "simd {0}: {1}x{2}, {3} channels")
    @CsvSource({
        "true, 9, 11, 5",
        "true, 4, 4, 12",
        "true, 32, 32, 16",
        "true, 7, 7, 24",
        "true, 2, 2, 3",
        "false, 9, 11, 5",
        "false, 32, 32, 16"
    })
    void seScalingsBackwardIsDyTimesSAndTheSumOfDyTimesX(boolean simd, int h, int w, int c) {
        Simd.enable(simd);
        int n = 3;
        INDArray x = TinyNets.randomInput(1, DataType.FLOAT, n, h, w, c),
                dy = TinyNets.randomInput(2, DataType.FLOAT, n, h, w, c),
                s = TinyNets.randomInput(3, DataType.FLOAT, n, c);
        INDArray[] g = ChannelsLastGrads.scaleBackward(x, s, dy);
        INDArray dx = g[0], ds = g[1];
        assertThat(dx.shape()).containsExactly(n, h, w, c);
        assertThat(ds.shape()).containsExactly(n, c);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int y = 0; y < h; y++) {
                    for (int xx = 0; xx < w; xx++) {
                        double d = dy.getDouble(i, y, xx, ch);
                        sum += d * x.getDouble(i, y, xx, ch);
                        assertThat(dx.getDouble(i, y, xx, ch))
                                .as("dx[%d, %d, %d, %d]", i, y, xx, ch)
                                .isCloseTo(d * s.getDouble(i, ch), within(1e-6));
                    }
                }
                assertThat(ds.getDouble(i, ch)).as("ds[%d, %d]", i, ch).isCloseTo(sum, within(1e-4));
            }
        }
    }

    @ParameterizedTest(name = "simd {0}: {1}x{2}, {3} channels, relu {4}")
    @CsvSource({
        "true, 40, 40, 36, true",
        "true, 40, 40, 36, false",
        "true, 5, 3, 16, true",
        "true, 17, 19, 5, false",
        "true, 1, 1, 3, true",
        "false, 40, 40, 36, true",
        "false, 17, 19, 5, false"
    })
    void batchNormAtInferenceIsXTimesScalePlusShiftPerChannel(boolean simd, int h, int w, int c, boolean relu) {
        Simd.enable(simd);
        int n = 3;
        INDArray x = TinyNets.randomInput(4, DataType.FLOAT, n, h, w, c);
        double[] scale = new double[c], shift = new double[c];
        for (int j = 0; j < c; j++) {
            scale[j] = 0.5 + 0.25 * j - (j % 3);
            shift[j] = 0.1 * j - 0.7;
        }
        INDArray y = ChannelsLast.affine(x, scale, shift, relu);
        assertThat(y.shape()).containsExactly(n, h, w, c);
        for (int i = 0; i < n; i++) {
            for (int yy = 0; yy < h; yy++) {
                for (int xx = 0; xx < w; xx++) {
                    for (int j = 0; j < c; j++) {
                        double v = x.getDouble(i, yy, xx, j) * scale[j] + shift[j];
                        assertThat(y.getDouble(i, yy, xx, j))
                                .as("y[%d, %d, %d, %d]", i, yy, xx, j)
                                .isCloseTo(relu ? Math.max(v, 0) : v, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void tilesRepeatTheChannelsUpToAMultipleOfTheVectorLength() {
        float[] t = VectorLoops.tile(new float[] {1, 2, 3}, 3);
        assertThat(t.length % VectorLoops.lanes()).isZero();
        assertThat(t.length % 3).isZero();
        for (int k = 0; k < t.length; k++) {
            assertThat(t[k]).isEqualTo(k % 3 + 1);
        }
    }
}
