package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The receptive-field rectangles of {@link ReceptiveFields} against the pixels an output really depends
 * on: a one-hot gradient at one output position (every channel) is back-propagated to the image, and the
 * bounding box of the non-zero gradient, over several random images (a ReLU or a max pool passes the
 * gradient to some inputs only, a different few for each image and bias), must be the rectangle. For every
 * primitive and named block of the tiny networks, at the corners and the centre of the block's output.
 * In the test package of the compiler to reuse its tiny networks.
 */
class ReceptiveFieldSupportTest {

    static final int TRIALS = 16;

    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    static Stream<Object[]> nets() {
        return Stream.concat(
                TinyNets.cases(TinyNets.primitives()).stream(), TinyNets.cases(TinyNets.blocks()).stream());
    }

    /** The node a tiny net is built around. */
    static String blockOf(Graph g) {
        for (String n : List.of("block", "merge", "scale", "bn1d", "aux", "mygroup", "take", "deform")) {
            if (g.contains(n)) {
                return n;
            }
        }
        throw new AssertionError("no block in " + g.names());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nets")
    void rectanglesAreTheSupportOfTheBackPropagatedGradient(String name, Graph g) {
        Model m = Compiler.compile(g, new Compiler.Options(3, DataType.DOUBLE));
        PrimitiveNode out = m.expanded().outputOf(blockOf(g)).orElseThrow();
        if (out.kind() == Primitive.CLASSIFIER) { // a head: its class scores
            out = m.expanded().primitive(out.inputs().get(0)).orElseThrow();
        }
        checkCorners(name, m, out, TRIALS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet5:s4", "resnet20:stage2_0", "mini_inception:inception1"})
    void rectanglesOfTemplateNodesAreTheSupportOfTheGradient(String which) {
        String[] tn = which.split(":");
        Model m = Compiler.compile(Templates.graph(tn[0]), new Compiler.Options(3, DataType.DOUBLE));
        checkCorners(which, m, m.expanded().outputOf(tn[1]).orElseThrow(), 6);
    }

    private static void checkCorners(String name, Model m, PrimitiveNode out, int trials) {
        ReceptiveFields rf = ReceptiveFields.of(m.expanded());
        Shape s = out.output();
        Mode mode = m.runs(out.path(), Mode.INFERENCE) ? Mode.INFERENCE : Mode.TRAINING;
        Set<List<Integer>> positions = new LinkedHashSet<>();
        int h = s.height() - 1;
        int w = s.width() - 1;
        for (int[] p : new int[][] {{0, 0}, {0, w}, {h, 0}, {h, w}, {h / 2, w / 2}}) {
            positions.add(List.of(p[0], p[1]));
        }
        // a deformable conv's field depends on its offsets, i.e. on the image: the whole image bounds it
        boolean dataDependent = m.expanded().nodes().stream().anyMatch(n -> n.kind() == Primitive.DEFORM_CONV2D);
        for (List<Integer> p : positions) {
            int[] box = support(m, out, p.get(0), p.get(1), mode, trials);
            ReceptiveFields.Rect r = rf.rect(out.path(), p.get(0), p.get(1));
            if (dataDependent) {
                assertThat(r.x0() <= box[0] && r.y0() <= box[1] && r.x1() >= box[2] && r.y1() >= box[3])
                        .as(
                                "%s: %s at (y %d, x %d): %s holds the support %s",
                                name, out.path(), p.get(0), p.get(1), r, java.util.Arrays.toString(box))
                        .isTrue();
                assertThat(new int[] {r.x0(), r.y0(), r.x1(), r.y1()})
                        .containsExactly(
                                0, 0, m.inputShape().width() - 1, m.inputShape().height() - 1);
                continue;
            }
            assertThat(new int[] {r.x0(), r.y0(), r.x1(), r.y1()})
                    .as("%s: %s at (y %d, x %d): x0 y0 x1 y1", name, out.path(), p.get(0), p.get(1))
                    .containsExactly(box);
        }
    }

    /** Bounding box {x0, y0, x1, y1} of the image pixels with a non-zero gradient, over several images. */
    private static int[] support(Model m, PrimitiveNode out, int y, int x, Mode mode, int trials) {
        Shape in = m.inputShape();
        String input = m.expanded().nodes().get(0).path();
        boolean[] seen = new boolean[in.height() * in.width()];
        for (int t = 0; t < trials; t++) {
            shiftBiases(m, t);
            INDArray img = TinyNets.randomInput(100 + t, DataType.DOUBLE, 1, in.channels(), in.height(), in.width());
            m.forward(img, mode, 7 + t);
            INDArray seed = Nd4j.zeros(DataType.DOUBLE, m.activation(out.path()).shape());
            for (int c = 0; c < out.output().channels(); c++) {
                if (seed.rank() == 4) {
                    seed.putScalar(new long[] {0, c, y, x}, 1.0);
                } else {
                    seed.putScalar(new long[] {0, c}, 1.0);
                }
            }
            Map<String, INDArray> g = m.backwardFrom(out.path(), seed, List.of(input));
            double[] d = g.get(input).dup('c').data().asDouble();
            for (int i = 0; i < d.length; i++) {
                if (d[i] != 0) {
                    seen[i % seen.length] = true;
                }
            }
        }
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        for (int i = 0; i < seen.length; i++) {
            if (seen[i]) {
                int py = i / in.width();
                int px = i % in.width();
                x0 = Math.min(x0, px);
                y0 = Math.min(y0, py);
                x1 = Math.max(x1, px);
                y1 = Math.max(y1, py);
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    /**
     * New biases and β for each image, mostly positive: a ReLU that is off for every image (a squeeze-and-
     * excitation gate's, fed by the same few averages each time) would hide a real dependency.
     */
    private static void shiftBiases(Model m, int trial) {
        java.util.Random r = new java.util.Random(trial);
        for (Tensor t : m.parameters()) {
            if (t.name().endsWith("/bias") || t.name().endsWith("/beta")) {
                INDArray v = t.value().ulike();
                for (long i = 0; i < v.length(); i++) {
                    v.putScalar(i, r.nextDouble() * 1.5 - 0.5);
                }
                m.setTensor(t.name(), v);
            }
        }
    }

    /** Away from the borders the rectangles have the cost model's size and lie its jump apart. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet5", "resnet20", "plain20", "mini_vgg", "mini_inception", "mobilenet_mini", "vgg16"})
    void rectanglesAwayFromTheBordersHaveTheCostModelsSizeAndJump(String template) {
        Graph g = Templates.graph(template);
        NetworkAnalysis a = NetworkAnalysis.of(g);
        ReceptiveFields rf = ReceptiveFields.of(a.expanded());
        Shape image = rf.image();
        int checked = 0;
        for (PrimitiveNode p : a.expanded().nodes()) {
            Shape s = p.output();
            if (s.vector() || s.width() < 2) {
                continue;
            }
            ReceptiveField cost = a.primitive(p.path()).orElseThrow().receptiveField();
            int y = s.height() / 2;
            int x = s.width() / 2 - 1;
            ReceptiveFields.Rect r = rf.rect(p.path(), y, x);
            ReceptiveFields.Rect next = rf.rect(p.path(), y, x + 1);
            if (r.x0() > 0 && next.x1() < image.width() - 1) {
                assertThat(r.width()).as("%s %s: size", template, p.path()).isEqualTo(cost.size());
                assertThat(next.x0() - r.x0())
                        .as("%s %s: jump", template, p.path())
                        .isEqualTo(cost.jump());
                checked++;
            }
        }
        assertThat(checked).as("%s: nodes away from the borders", template).isGreaterThan(3);
    }
}
