package org.blockscope.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.CancellationException;
import org.assertj.core.api.Assertions;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Grad-CAM, saliency and occlusion of a tiny network in DOUBLE against computations written here from
 * their definitions: central differences for every gradient (of the class score with respect to the
 * image, and with respect to a feature map through a copy of the network's tail), the occluded images
 * run one by one.
 */
class ExplanationMapsTest {

    static final double H = 1e-6;
    static final double TOLERANCE = 1e-5;
    static final int CLS = 1;

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** input 2×6×6 → conv c1 → relu → conv c2 (the Grad-CAM layer) → bn → relu → max pool → flatten → fc → softmax. */
    static Graph net() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 6, 6);
        x = b.relu("r1", b.conv("c1", x, 3, 3, 1, 1, 1, true));
        x = b.conv("c2", x, 4, 3, 1, 1, 1, true);
        return tail(b, x);
    }

    /** The layers after c2, on {@code x}: the same names, so the same tensor names. */
    static Graph tail(SubgraphBuilder b, String x) {
        x = b.relu("r2", b.bn("bn", x));
        x = b.maxPool("pool", x, 2, 2, 0, false);
        x = b.add("flat", Primitive.FLATTEN, Params.EMPTY, x);
        b.classifier("out", b.fc("fc", x, 3, true));
        return b.graph();
    }

    static Model model() {
        Model m = Compiler.compile(net(), new Compiler.Options(5, DataType.DOUBLE));
        // batch norm with statistics and affine terms that are not the identity
        Random r = new Random(9);
        m.setTensor("bn/running_mean", random(r, 4, 0.3));
        m.setTensor("bn/running_var", random(r, 4, 0.2).addi(1));
        m.setTensor("bn/gamma", random(r, 4, 0.5).addi(1));
        m.setTensor("bn/beta", random(r, 4, 0.5));
        m.setTensor("c1/bias", random(r, 3, 0.1));
        m.setTensor("c2/bias", random(r, 4, 0.1));
        return m;
    }

    static INDArray random(Random r, int n, double scale) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian() * scale;
        }
        return Nd4j.createFromArray(d);
    }

    static float[] image(long seed, int n) {
        Random r = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** The class score (fc output) of a model for a DOUBLE batch of one. */
    static double score(Model m, INDArray x, int cls) {
        m.forward(x, Mode.INFERENCE, 0);
        return m.activation("fc").getDouble(0, cls);
    }

    static INDArray batch(float[] img, long... shape) {
        return Nd4j.create(img, shape, DataType.FLOAT).castTo(DataType.DOUBLE);
    }

    @Test
    void saliencyIsTheLargestAbsoluteNumericalGradientOverChannels() {
        Model m = model();
        float[] img = image(1, 2 * 6 * 6);
        INDArray x = batch(img, 1, 2, 6, 6);
        double[] numeric = new double[img.length];
        for (int i = 0; i < img.length; i++) {
            double v = x.getDouble(i);
            x.putScalar(i, v + H);
            double plus = score(m, x, CLS);
            x.putScalar(i, v - H);
            double minus = score(m, x, CLS);
            x.putScalar(i, v);
            numeric[i] = (plus - minus) / (2 * H);
        }
        Saliency s = Saliency.compute(m, img, CLS);
        assertThat(s.map().height()).isEqualTo(6);
        assertThat(s.map().width()).isEqualTo(6);
        for (int i = 0; i < img.length; i++) {
            assertThat((double) s.gradient()[i])
                    .as("d score / d x[%d]", i)
                    .isCloseTo(numeric[i], Assertions.within(TOLERANCE));
        }
        for (int p = 0; p < 36; p++) {
            double expected = Math.max(Math.abs(numeric[p]), Math.abs(numeric[36 + p]));
            assertThat((double) s.map().values()[p])
                    .as("saliency at %d", p)
                    .isCloseTo(expected, Assertions.within(TOLERANCE));
        }
        assertThat(s.map().max()).isGreaterThan(0.01f); // the check compared something
    }

    @Test
    void gradCamIsTheReluOfTheChannelsWeightedByTheMeanNumericalGradient() {
        Model m = model();
        float[] img = image(2, 2 * 6 * 6);
        m.forward(batch(img, 1, 2, 6, 6), Mode.INFERENCE, 0);
        INDArray a = m.activation("c2").dup();
        // the network after c2, with the same weights, as a function of the feature maps A
        SubgraphBuilder b = new SubgraphBuilder();
        Model tail = Compiler.compile(tail(b, b.input(4, 6, 6)), new Compiler.Options(1, DataType.DOUBLE));
        m.copyTensors().forEach((name, v) -> {
            if (tail.tensors().containsKey(name)) {
                tail.setTensor(name, v);
            }
        });
        assertThat(score(tail, a, CLS)).isCloseTo(score(m, batch(img, 1, 2, 6, 6), CLS), Assertions.within(1e-12));
        double[] alpha = new double[4];
        for (int i = 0; i < a.length(); i++) {
            double v = a.getDouble(i);
            a.putScalar(i, v + H);
            double plus = score(tail, a, CLS);
            a.putScalar(i, v - H);
            double minus = score(tail, a, CLS);
            a.putScalar(i, v);
            alpha[i / 36] += (plus - minus) / (2 * H) / 36;
        }
        GradCam cam = GradCam.compute(m, img, "c2", CLS);
        for (int k = 0; k < 4; k++) {
            assertThat((double) cam.channelWeights()[k])
                    .as("alpha_%d", k)
                    .isCloseTo(alpha[k], Assertions.within(TOLERANCE));
        }
        int positive = 0;
        for (int p = 0; p < 36; p++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += alpha[k] * a.getDouble(k * 36 + p);
            }
            double expected = Math.max(0, sum);
            positive += expected > 0 ? 1 : 0;
            assertThat((double) cam.map().values()[p])
                    .as("Grad-CAM at %d", p)
                    .isCloseTo(expected, Assertions.within(TOLERANCE));
        }
        assertThat(positive).as("some of the map is above zero").isBetween(1, 35);
        assertThat(cam.onImage(6, 6).values()).containsExactly(cam.map().values());
    }

    @Test
    void occlusionIsTheDropOfTheClassProbabilityWithTheGreySquare() {
        Model m = model();
        float[] img = image(3, 2 * 6 * 6);
        float[] grey = {0.25f, -0.5f};
        Occlusion o = Occlusion.compute(m, img, CLS, 3, 2, grey, () -> false);
        int[] starts = Occlusion.starts(6, 3, 2);
        assertThat(starts).containsExactly(0, 2, 3);
        double base = m.forward(batch(img, 1, 2, 6, 6), Mode.INFERENCE, 0).getDouble(0, CLS);
        assertThat(o.probability()).isCloseTo(base, Assertions.within(1e-12));
        assertThat(o.drops().height()).isEqualTo(3);
        assertThat(o.drops().width()).isEqualTo(3);
        double[][] drops = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                float[] occluded = img.clone();
                for (int c = 0; c < 2; c++) {
                    for (int y = starts[i]; y < starts[i] + 3; y++) {
                        for (int x = starts[j]; x < starts[j] + 3; x++) {
                            occluded[c * 36 + y * 6 + x] = grey[c];
                        }
                    }
                }
                double p = m.forward(batch(occluded, 1, 2, 6, 6), Mode.INFERENCE, 0)
                        .getDouble(0, CLS);
                drops[i][j] = base - p;
                assertThat((double) o.drops().at(i, j))
                        .as("drop at (%d, %d)", i, j)
                        .isCloseTo(drops[i][j], Assertions.within(TOLERANCE));
            }
        }
        // per pixel: the mean drop of the squares covering it; (0,0) is covered by one, (2,2) and (3,3) by four
        assertThat((double) o.onImage().at(0, 0)).isCloseTo(drops[0][0], Assertions.within(TOLERANCE));
        assertThat((double) o.onImage().at(2, 2))
                .isCloseTo((drops[0][0] + drops[0][1] + drops[1][0] + drops[1][1]) / 4, Assertions.within(TOLERANCE));
        assertThat((double) o.onImage().at(3, 3))
                .isCloseTo((drops[1][1] + drops[1][2] + drops[2][1] + drops[2][2]) / 4, Assertions.within(TOLERANCE));
    }

    @Test
    void occlusionStopsWhenCancelled() {
        Model m = model();
        Assertions.assertThatThrownBy(() -> Occlusion.compute(m, image(4, 72), CLS, 1, 1, new float[2], () -> true))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void squaresStartEveryStrideAndTheLastTouchesTheEdge() {
        assertThat(Occlusion.starts(28, 4, 4)).containsExactly(0, 4, 8, 12, 16, 20, 24);
        assertThat(Occlusion.starts(28, 6, 4)).containsExactly(0, 4, 8, 12, 16, 20, 22);
        assertThat(Occlusion.starts(4, 8, 2)).containsExactly(0);
    }

    @Test
    void gradCamRefusesAVectorAndAClassOutOfRange() {
        Model m = model();
        float[] img = image(5, 72);
        Assertions.assertThatThrownBy(() -> GradCam.compute(m, img, "flat", 0))
                .hasMessageContaining("'flat' outputs the vector 36");
        Assertions.assertThatThrownBy(() -> GradCam.compute(m, img, "c2", 3))
                .hasMessageContaining("class 3 outside 0..2");
    }
}
