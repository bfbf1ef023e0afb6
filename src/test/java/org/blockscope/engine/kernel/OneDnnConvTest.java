package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.backend.ConvSpec;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.backend.OneDnnConv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolutions on oneDNN directly ({@link OneDnnConv}, FLOAT): forward against the naive loop of
 * {@link Reference}; backward by the adjoint identities of a linear map, which need only that loop
 * (Σ dy·conv(x', w) = Σ dx·x' and Σ dy·conv(x, w') = Σ dw·w' for any x', w'), and against libnd4j's
 * {@code conv2d_bp} path ({@link OneDnn#enable} false).
 */
class OneDnnConvTest {
    record Case(String name, int n, int cin, int h, int w, int cout, ConvSpec spec) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("3x3 s1 p1", 2, 16, 8, 8, 16, new ConvSpec(3, 1, 1, 1, 1, 1, false)),
                new Case("3x3 s2 p1 bias", 3, 8, 9, 7, 16, new ConvSpec(3, 2, 1, 1, 1, 1, true)),
                new Case("1x1 s2 projection", 2, 16, 8, 8, 32, new ConvSpec(1, 2, 0, 0, 1, 1, false)),
                new Case("stem 3 channels", 2, 3, 10, 10, 16, new ConvSpec(3, 1, 1, 1, 1, 1, false)),
                new Case("5x5 pad 2x1 bias", 2, 4, 9, 8, 6, new ConvSpec(5, 1, 2, 1, 1, 1, true)),
                new Case("dilation 2", 2, 5, 11, 11, 7, new ConvSpec(3, 1, 2, 2, 2, 1, true)),
                new Case("groups 4", 2, 8, 6, 6, 12, new ConvSpec(3, 1, 1, 1, 1, 4, true)),
                new Case("depthwise s2", 2, 12, 9, 9, 12, new ConvSpec(3, 2, 1, 1, 1, 12, false)),
                new Case("7x7 s2 p3 odd size", 1, 3, 13, 15, 8, new ConvSpec(7, 2, 3, 3, 1, 1, true)));
    }

    @AfterEach
    void restore() {
        OneDnn.enable(true);
    }

    private static void requireOneDnn() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && arch.equals("amd64"), "oneDNN preset checked on linux-x86_64 only");
        assertThat(OneDnn.available())
                .as("oneDNN preset loads: %s", OneDnn.failure())
                .isTrue();
    }

    private static INDArray rand(long seed, long... shape) {
        return Arrays4.rand(seed, DataType.FLOAT, shape);
    }

    private static double[] ref(Case c, INDArray x, INDArray w, INDArray b) {
        ConvSpec s = c.spec();
        return Reference.conv2d(
                Arrays4.flat(x),
                c.n(),
                c.cin(),
                c.h(),
                c.w(),
                Arrays4.flat(w),
                c.cout(),
                s.kernel(),
                s.stride(),
                s.padH(),
                s.padW(),
                s.dilation(),
                s.groups(),
                b == null ? null : Arrays4.flat(b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private record Data(INDArray x, INDArray w, INDArray b) {}

    private static Data data(Case c, long seed) {
        ConvSpec s = c.spec();
        return new Data(
                rand(seed, c.n(), c.cin(), c.h(), c.w()),
                rand(seed + 1, c.cout(), c.cin() / s.groups(), s.kernel(), s.kernel()),
                s.bias() ? rand(seed + 2, c.cout()) : null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void forwardMatchesTheLoop(Case c) {
        requireOneDnn();
        for (long seed : new long[] {1, 10}) { // second call reuses the plan with new data
            Data d = data(c, seed);
            INDArray y = Conv2dKernel.forward(c.spec(), d.x(), d.w(), d.b());
            assertThat(y.shape()).containsExactly(Conv2dKernel.outShape(c.spec(), d.x().shape(), c.cout()));
            INDArray expected = Arrays4.of(ref(c, d.x(), d.w(), d.b()), y.shape());
            assertThat(Arrays4.maxRelDiff(y, expected)).as(c.name()).isLessThan(1e-5);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardSatisfiesTheAdjointIdentities(Case c) {
        requireOneDnn();
        Data d = data(c, 3);
        long[] yShape = Conv2dKernel.outShape(c.spec(), d.x().shape(), c.cout());
        INDArray dy = rand(7, yShape);
        ParamGrads g = Conv2dKernel.backward(c.spec(), d.x(), d.w(), d.b(), dy);
        double[] dyf = Arrays4.flat(dy);

        Data other = data(c, 20); // x', w' (no bias: the map must be linear)
        double lhsX = dot(dyf, ref(c, other.x(), d.w(), null));
        double rhsX = dot(Arrays4.flat(g.dx()), Arrays4.flat(other.x()));
        assertThat(rhsX)
                .as("Σ dx·x'")
                .isCloseTo(lhsX, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(lhsX))));

        double lhsW = dot(dyf, ref(c, d.x(), other.w(), null));
        double rhsW = dot(Arrays4.flat(g.dw()), Arrays4.flat(other.w()));
        assertThat(rhsW)
                .as("Σ dw·w'")
                .isCloseTo(lhsW, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(lhsW))));

        if (d.b() != null) {
            INDArray expectedDb = dy.sum(0, 2, 3);
            assertThat(Arrays4.maxRelDiff(g.db(), expectedDb)).isLessThan(1e-5);
        } else {
            assertThat(g.db()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void backwardAgreesWithLibnd4j(Case c) {
        requireOneDnn();
        Data d = data(c, 5);
        INDArray dy = rand(9, Conv2dKernel.outShape(c.spec(), d.x().shape(), c.cout()));
        ParamGrads direct = Conv2dKernel.backward(c.spec(), d.x(), d.w(), d.b(), dy);
        ParamGrads weightsOnly = Conv2dKernel.weightGradient(c.spec(), d.x(), d.w(), d.b(), dy);
        OneDnn.enable(false);
        ParamGrads nd4j = Conv2dKernel.backward(c.spec(), d.x(), d.w(), d.b(), dy);
        OneDnn.enable(true);
        assertThat(Arrays4.maxRelDiff(direct.dx(), nd4j.dx())).isLessThan(1e-4);
        assertThat(Arrays4.maxRelDiff(direct.dw(), nd4j.dw())).isLessThan(1e-4);
        assertThat(weightsOnly.dx()).isNull();
        assertThat(Arrays4.maxRelDiff(weightsOnly.dw(), nd4j.dw())).isLessThan(1e-4);
        if (d.b() != null) {
            assertThat(Arrays4.maxRelDiff(direct.db(), nd4j.db())).isLessThan(1e-4);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void channelsLastInferenceWithAndWithoutReluMatchesTheLoop(Case c) {
        requireOneDnn();
        Data d = data(c, 6);
        INDArray b = rand(8, c.cout()); // a bias even where the spec has none: a folded BN
        double[] plain = ref(c, d.x(), d.w(), b);
        INDArray xh = ChannelsLast.fromNchw(d.x());
        for (boolean direct : new boolean[] {true, false}) { // oneDNN, then libnd4j / the NCHW kernel
            OneDnn.enable(direct);
            for (boolean relu : new boolean[] {false, true}) {
                INDArray yh = Conv2dKernel.forwardChannelsLast(c.spec(), xh, d.w(), b, relu);
                long[] shape = Conv2dKernel.outShape(c.spec(), d.x().shape(), c.cout());
                assertThat(yh.shape()).containsExactly(shape[0], shape[2], shape[3], shape[1]);
                double[] expected = plain.clone();
                if (relu) {
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = Math.max(0, expected[i]);
                    }
                }
                assertThat(Arrays4.maxRelDiff(ChannelsLast.asNchw(yh), Arrays4.of(expected, shape)))
                        .as("%s, oneDNN %s, relu %s", c.name(), direct, relu)
                        .isLessThan(1e-5);
            }
        }
    }

    @Test
    void threadsShareThePlansSafely() throws Exception {
        requireOneDnn();
        Case c = cases().get(1);
        Data[] d = {data(c, 4), data(c, 40)};
        INDArray[] expected = new INDArray[2];
        for (int i = 0; i < 2; i++) {
            expected[i] =
                    Conv2dKernel.forward(c.spec(), d[i].x(), d[i].w(), d[i].b()).dup();
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int i = t; // both threads on one shape, different data
            threads[t] = new Thread(() -> {
                try {
                    for (int r = 0; r < 200; r++) {
                        INDArray y = Conv2dKernel.forward(c.spec(), d[i].x(), d[i].w(), d[i].b());
                        if (Arrays4.maxRelDiff(y, expected[i]) > 0) {
                            throw new AssertionError("thread " + i + ", call " + r);
                        }
                        ParamGrads g = Conv2dKernel.backward(c.spec(), d[i].x(), d[i].w(), d[i].b(), y);
                        if (g.dx() == null || g.dw() == null) {
                            throw new AssertionError("no gradients");
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void depthwiseWithMultiplierMatchesTheLoopAndLibnd4j() {
        requireOneDnn();
        var dw = new DepthwiseConv2dKernel.Spec(3, 2, 1, 1, 1, true);
        INDArray x = rand(1, 2, 6, 9, 9), w = rand(2, 12, 1, 3, 3), b = rand(3, 12); // multiplier 2
        INDArray y = DepthwiseConv2dKernel.forward(dw, x, w, b);
        double[] expected =
                Reference.conv2d(Arrays4.flat(x), 2, 6, 9, 9, Arrays4.flat(w), 12, 3, 2, 1, 1, 1, 6, Arrays4.flat(b));
        assertThat(Arrays4.maxRelDiff(y, Arrays4.of(expected, y.shape()))).isLessThan(1e-5);
        INDArray dy = rand(4, y.shape());
        ParamGrads direct = DepthwiseConv2dKernel.backward(dw, x, w, b, dy);
        OneDnn.enable(false);
        ParamGrads nd4j = DepthwiseConv2dKernel.backward(dw, x, w, b, dy);
        OneDnn.enable(true);
        assertThat(Arrays4.maxRelDiff(direct.dx(), nd4j.dx())).isLessThan(1e-4);
        assertThat(Arrays4.maxRelDiff(direct.dw(), nd4j.dw())).isLessThan(1e-4);
        assertThat(Arrays4.maxRelDiff(direct.db(), nd4j.db())).isLessThan(1e-4);
    }

    @Test
    void doubleArraysStayOnLibnd4j() {
        INDArray x = Arrays4.rand(1, 1, 2, 4, 4); // DOUBLE: gradient checks run here
        assertThat(x.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(OneDnnConv.handles(x)).isFalse();
    }
}
