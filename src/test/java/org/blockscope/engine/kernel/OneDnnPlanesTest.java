package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.backend.OneDnnPlanes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The per-plane SE and pooling kernels on oneDNN ({@link OneDnnPlanes}) against plain loops. */
class OneDnnPlanesTest {
    private static final int N = 3, C = 5, H = 4, W = 6;

    private static INDArray rand(long seed, long... shape) {
        return Arrays4.rand(seed, DataType.FLOAT, shape);
    }

    @Test
    void scaleMeanAndAddPerPlaneMatchLoops() {
        assumeTrue(OneDnn.available(), "no oneDNN preset here");
        INDArray x = rand(1, N, C, H, W), s = rand(3, N, C);
        assertThat(OneDnnPlanes.handles(x, s)).isTrue();
        INDArray scaled = OneDnnPlanes.scale(x, s), mean = OneDnnPlanes.mean(x);
        INDArray added = rand(4, N, C, H, W), before = added.dup();
        OneDnnPlanes.addPerPlane(added, s, added); // in place
        INDArray xh = ChannelsLast.fromNchw(x);
        INDArray scaledH = ChannelsLast.asNchw(OneDnnPlanes.scaleChannelsLast(xh, s));
        INDArray meanH = OneDnnPlanes.meanChannelsLast(xh);
        for (int n = 0; n < N; n++) {
            for (int c = 0; c < C; c++) {
                double sum = 0, k = s.getDouble(n, c);
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        double v = x.getDouble(n, c, h, w);
                        sum += v;
                        assertThat(scaled.getDouble(n, c, h, w)).isCloseTo(v * k, within(1e-6));
                        assertThat(scaledH.getDouble(n, c, h, w)).isCloseTo(v * k, within(1e-6));
                        assertThat(added.getDouble(n, c, h, w))
                                .isCloseTo(before.getDouble(n, c, h, w) + k, within(1e-6));
                    }
                }
                assertThat(mean.getDouble(n, c)).isCloseTo(sum / (H * W), within(1e-6));
                assertThat(meanH.getDouble(n, c)).isCloseTo(sum / (H * W), within(1e-6));
            }
        }
    }

    @Test
    void meanOfA1x1MapIsItsValue() {
        assumeTrue(OneDnn.available(), "no oneDNN preset here");
        INDArray x = rand(2, N, C, 1, 1);
        assertThat(OneDnnPlanes.mean(x)).isEqualTo(x.reshape(N, C));
        assertThat(GlobalAvgPoolKernel.forward(x)).isEqualTo(x.reshape(N, C));
        assertThat(OneDnnPlanes.meanChannelsLast(ChannelsLast.fromNchw(x))).isEqualTo(x.reshape(N, C));
    }

    @Test
    void globalPoolGradientAddsOntoAnExistingGradient() {
        assumeTrue(OneDnn.available(), "no oneDNN preset here");
        INDArray g = rand(5, N, C, H, W), dy = rand(6, N, C);
        INDArray expected = g.add(GlobalAvgPoolKernel.backward(g.shape(), dy));
        INDArray copy = GlobalAvgPoolKernel.addBackwardTo(g, dy, false);
        assertThat(copy).isNotSameAs(g);
        assertThat(Arrays4.maxRelDiff(copy, expected)).isLessThan(1e-6);
        INDArray inPlace = GlobalAvgPoolKernel.addBackwardTo(g, dy, true);
        assertThat(inPlace).isSameAs(g);
        assertThat(Arrays4.maxRelDiff(g, expected)).isLessThan(1e-6);
        assertThat(GlobalAvgPoolKernel.addBackwardTo(g.castTo(DataType.DOUBLE), dy.castTo(DataType.DOUBLE), true))
                .as("DOUBLE: the caller builds the gradient and adds it")
                .isNull();
    }

    @Test
    void sumsWithAndWithoutReluAndInPlace() {
        assumeTrue(OneDnn.available(), "no oneDNN preset here");
        INDArray a = rand(7, N, C, H, W), b = rand(8, N, C, H, W), c = rand(9, N, C, H, W);
        double[] av = Arrays4.flat(a), bv = Arrays4.flat(b), cv = Arrays4.flat(c);
        INDArray sum3 = AddKernel.forward(true, a, b, c); // two oneDNN adds, ReLU on the last
        INDArray plain = AddKernel.forward(a, b);
        INDArray acc = a.dup();
        AddKernel.accumulate(acc, b); // in place
        for (int i = 0; i < av.length; i++) {
            assertThat(Arrays4.flat(sum3)[i]).isCloseTo(Math.max(0, av[i] + bv[i] + cv[i]), within(1e-6));
            assertThat(Arrays4.flat(plain)[i]).isCloseTo(av[i] + bv[i], within(1e-6));
            assertThat(Arrays4.flat(acc)[i]).isCloseTo(av[i] + bv[i], within(1e-6));
        }
        assertThat(Arrays4.flat(a)).as("inputs untouched").containsExactly(av);
    }
}
