package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.engine.backend.OneDnn;
import org.blockscope.engine.inspect.Inspector;
import org.blockscope.engine.inspect.NodeOutput;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.Expander;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every primitive on a 1×1 map (a network whose last map is 1×1, e.g. MobileNet at CIFAR size with
 * ImageNet strides): trains, infers and is inspected, with oneDNN on and off in FLOAT and in DOUBLE.
 * Global pooling of a 1×1 map is the identity; the FLOAT paths agree with each other and the DOUBLE
 * gradients with central differences.
 */
class OneByOneMapTest {
    private static final int N = 3;

    @AfterEach
    void restore() {
        OneDnn.enable(true);
    }

    /** Input c×1×1 → kind → (GAP) → FC(3) → Classifier. */
    private static Graph around(BlockKind kind, Params params, int c) {
        return TinyNets.around(kind, params, c, 1);
    }

    static Map<String, Graph> nets() {
        Map<String, Graph> m = new LinkedHashMap<>();
        m.put("conv 3x3 same", around(Primitive.CONV2D, Params.of("filters", 4, "kernel", 3), 2));
        m.put("conv 1x1 no bias", around(Primitive.CONV2D, Params.of("filters", 4, "kernel", 1, "bias", false), 3));
        m.put("conv grouped", around(Primitive.CONV2D, Params.of("filters", 4, "kernel", 3, "groups", 2), 4));
        m.put(
                "conv dilated",
                around(
                        Primitive.CONV2D,
                        Params.of("filters", 3, "kernel", 3, "dilation", 2, "padding", "explicit", "pad", 2),
                        2));
        m.put("depthwise x2", around(Primitive.DEPTHWISE_CONV2D, Params.of("multiplier", 2, "kernel", 3), 3));
        m.put("batch norm", around(Primitive.BATCH_NORM, Params.EMPTY, 3));
        for (String f : List.of("relu", "relu6", "sigmoid", "tanh", "silu", "hardswish")) {
            m.put("activation " + f, around(Primitive.ACTIVATION, Params.of("function", f), 2));
        }
        m.put(
                "max pool 3/1 pad 1",
                around(Primitive.MAX_POOL, Params.of("kernel", 3, "stride", 1, "padding", "explicit", "pad", 1), 2));
        m.put(
                "max pool 3/2 pad 1 ceil",
                around(
                        Primitive.MAX_POOL,
                        Params.of("kernel", 3, "stride", 2, "padding", "explicit", "pad", 1, "ceilMode", true),
                        2));
        m.put(
                "avg pool 3/1 pad 1",
                around(Primitive.AVG_POOL, Params.of("kernel", 3, "stride", 1, "padding", "explicit", "pad", 1), 2));
        m.put("global avg pool", around(Primitive.GLOBAL_AVG_POOL, Params.EMPTY, 3));
        m.put("flatten", around(Primitive.FLATTEN, Params.EMPTY, 3));
        m.put("fc on a map", around(Primitive.FULLY_CONNECTED, Params.of("units", 4), 3));
        m.put("dropout", around(Primitive.DROPOUT, Params.of("rate", 0.3), 2));
        m.put("channel shuffle", around(Primitive.CHANNEL_SHUFFLE, Params.of("groups", 2), 4));
        m.put("add, concat, scale", merges());
        m.put("se block", around(NamedBlock.SE, Params.of("ratio", 2), 4));
        m.put("residual SE", around(NamedBlock.RESIDUAL, Params.of("filters", 4, "se", true, "seRatio", 2), 4));
        m.put(
                "mbconv SE silu",
                around(
                        NamedBlock.MBCONV,
                        Params.of("filters", 4, "expansion", 2, "se", true, "seRatio", 2, "activation", "silu"),
                        4));
        return m;
    }

    /** Input 3×1×1: conv, add (with a ReLU after it), concat, SE-style scale, GAP, FC, classifier. */
    private static Graph merges() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 1, 1);
        String a = b.conv("a", x, 3, 3, 1, 1, 1, true);
        String sum = b.relu("sum_relu", b.add("sum", Primitive.ADD, Params.EMPTY, a, x));
        String cat = b.add("cat", Primitive.CONCAT, Params.EMPTY, sum, x);
        String gate = b.act("gate", b.fc("gate_fc", b.gap("squeeze", cat), 6, true), "sigmoid");
        String y = b.add("scale", Primitive.SCALE, Params.EMPTY, cat, gate);
        return TinyNets.head(b, y, true);
    }

    static Stream<Object[]> cases() {
        return TinyNets.cases(nets()).stream();
    }

    @Test
    void theNetsCoverEveryPrimitiveOnA1x1Map() {
        Set<Primitive> covered = EnumSet.noneOf(Primitive.class);
        for (Graph g : nets().values()) {
            for (PrimitiveNode p : Expander.expand(g).nodes()) {
                if (p.kind() != Primitive.INPUT && p.kind() != Primitive.CLASSIFIER) {
                    assertThat(p.inputShapes().get(0).vector()
                                    || p.inputShapes().get(0).height() == 1)
                            .as("%s reads a 1×1 map or a vector", p.path())
                            .isTrue();
                }
                covered.add(p.kind());
            }
        }
        assertThat(covered).containsAll(EnumSet.allOf(Primitive.class));
    }

    private record Run(double loss, Map<String, INDArray> grads, INDArray inferred, INDArray forwarded) {}

    /** A training pass (as views run it, then as the trainer does), inference both ways, and both inspections. */
    private static Run run(String name, Graph g, DataType type, boolean oneDnn) {
        OneDnn.enable(oneDnn);
        Nd4j.setDefaultDataTypes(type, type);
        Model m = Compiler.compile(g, new Compiler.Options(5, type));
        Shape in = m.inputShape();
        assertThat(in.height()).isEqualTo(1);
        INDArray x = TinyNets.randomInput(6, type, N, in.channels(), 1, 1);
        int[] labels = TinyNets.labels(N);

        m.forward(x, Mode.TRAINING, 1);
        double loss = m.backward(labels);
        assertThat(loss).as("%s: loss", name).isFinite();
        Map<String, INDArray> grads = new LinkedHashMap<>();
        m.gradients().forEach((k, v) -> grads.put(k, v.dup()));
        assertThat(grads.keySet())
                .as(name)
                .containsExactlyInAnyOrderElementsOf(
                        m.parameters().stream().map(Tensor::name).toList());
        grads.forEach((k, v) -> assertThat(v.isInfinite().any() || v.isNaN().any())
                .as("%s: gradient of %s finite", name, k)
                .isFalse());
        assertThat(m.inputGradient().shape()).containsExactly(N, in.channels(), 1, 1);
        gapIsTheIdentity(name, m);

        m.fastTraining(true); // the trainer's passes
        m.computeInputGradient(false);
        m.keepPreviousPass(false);
        m.forward(x, Mode.TRAINING, 1);
        assertThat(m.backward(labels)).as("%s: loss, fast training", name).isCloseTo(loss, within(1e-5));

        INDArray forwarded = m.forward(x, Mode.INFERENCE, 1).dup();
        gapIsTheIdentity(name, m);
        INDArray inferred = m.infer(x).dup();
        assertThat(inferred.shape()).containsExactly(N, TinyNets.CLASSES);
        assertThat(inferred.sub(forwarded).amaxNumber().doubleValue())
                .as("%s: infer = forward(INFERENCE)", name)
                .isLessThan(1e-5);

        INDArray image = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup('c');
        for (Mode mode : Mode.values()) {
            List<NodeOutput> outs = Inspector.outputs(m, image, mode);
            long evaluated = m.paths().stream().filter(p -> m.runs(p, mode)).count();
            assertThat(outs).as("%s: inspected nodes, %s", name, mode).hasSize((int) evaluated);
            for (NodeOutput o : outs) {
                Shape s = o.shape();
                long[] expected = s.vector() ? new long[] {s.channels()} : new long[] {s.channels(), 1, 1};
                assertThat(o.value().shape())
                        .as("%s: %s, %s", name, o.path(), mode)
                        .containsExactly(expected);
            }
        }
        Map<String, double[]> gates = Inspector.seGates(m, image);
        assertThat(gates).as(name).hasSize(Inspector.seBlocks(m).size());
        gates.values().forEach(v -> {
            for (double w : v) {
                assertThat(w).isBetween(0.0, 1.0);
            }
        });
        return new Run(loss, grads, inferred, forwarded);
    }

    /** Every global average pooling of the last pass returned its 1×1 input's values. */
    private static void gapIsTheIdentity(String name, Model m) {
        for (PrimitiveNode p : m.expanded().nodes()) {
            if (p.kind() == Primitive.GLOBAL_AVG_POOL && m.activation(p.path()) != null) {
                INDArray in = m.activation(p.inputs().get(0));
                INDArray out = m.activation(p.path());
                assertThat(out.sub(in.reshape(in.size(0), in.size(1)))
                                .amaxNumber()
                                .doubleValue())
                        .as("%s: %s of a 1×1 map", name, p.path())
                        .isLessThan(1e-12);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsInfersAndInspectsWithOneDnnOnAndOff(String name, Graph g) {
        Run on = run(name, g, DataType.FLOAT, true);
        Run off = run(name, g, DataType.FLOAT, false);
        assertThat(on.loss()).as("%s: loss", name).isCloseTo(off.loss(), within(1e-4 * (1 + Math.abs(off.loss()))));
        on.grads().forEach((k, v) -> {
            INDArray ref = off.grads().get(k);
            double scale = Math.max(1e-3, ref.amaxNumber().doubleValue());
            assertThat(v.sub(ref).amaxNumber().doubleValue() / scale)
                    .as("%s: gradient of %s, oneDNN on vs off", name, k)
                    .isLessThan(2e-3);
        });
        assertThat(on.inferred().sub(off.inferred()).amaxNumber().doubleValue())
                .as("%s: inference, oneDNN on vs off", name)
                .isLessThan(1e-4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doubleGradientsMatchCentralDifferences(String name, Graph g) {
        run(name, g, DataType.DOUBLE, true);
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Model m = Compiler.compile(g, new Compiler.Options(9, DataType.DOUBLE));
        Shape in = m.inputShape();
        INDArray x = TinyNets.randomInput(10, DataType.DOUBLE, N, in.channels(), 1, 1);
        assertThat(ModelGradCheck.check(name, m, x, TinyNets.labels(N))).isGreaterThan(3);
    }
}
