package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny networks around every primitive and every named block, for shape, count, gradient and export tests. */
public final class TinyNets {
    private TinyNets() {}

    public static final int CLASSES = 3;

    /** Input c×h×w → block → (GAP) → FC(3) → Classifier. */
    static Graph around(BlockKind kind, Params params, int c, int hw) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(c, hw, hw);
        x = b.add("block", kind, params, x);
        return head(b, x, !vectorOut(kind));
    }

    private static boolean vectorOut(BlockKind kind) {
        return kind == Primitive.GLOBAL_AVG_POOL || kind == Primitive.FLATTEN || kind == Primitive.FULLY_CONNECTED;
    }

    static Graph head(SubgraphBuilder b, String x, boolean map) {
        if (map) {
            x = b.gap("gap", x);
        }
        b.classifier("out", b.fc("fc", x, CLASSES, true));
        return b.graph();
    }

    /** Every primitive kind, several parameter settings each. */
    public static Map<String, Graph> primitives() {
        Map<String, Graph> m = new LinkedHashMap<>();
        m.put("conv same bias", around(Primitive.CONV2D, Params.of("filters", 4, "kernel", 3), 2, 6));
        m.put(
                "conv stride 2 valid",
                around(
                        Primitive.CONV2D,
                        Params.of("filters", 3, "kernel", 3, "stride", 2, "padding", "valid", "bias", false),
                        2,
                        7));
        m.put(
                "conv dilated",
                around(
                        Primitive.CONV2D,
                        Params.of("filters", 3, "kernel", 3, "dilation", 2, "padding", "explicit", "pad", 2),
                        2,
                        6));
        m.put("conv grouped", around(Primitive.CONV2D, Params.of("filters", 6, "kernel", 3, "groups", 2), 4, 5));
        m.put(
                "conv groups=channels",
                around(Primitive.CONV2D, Params.of("filters", 6, "kernel", 3, "groups", 3), 3, 5));
        m.put(
                "depthwise x2 bias",
                around(Primitive.DEPTHWISE_CONV2D, Params.of("multiplier", 2, "kernel", 3, "bias", true), 3, 5));
        m.put(
                "depthwise dilated stride 2",
                around(Primitive.DEPTHWISE_CONV2D, Params.of("kernel", 3, "dilation", 2, "stride", 2), 2, 7));
        m.put("batch norm map", around(Primitive.BATCH_NORM, Params.EMPTY, 3, 4));
        for (String f : List.of("relu", "relu6", "sigmoid", "tanh", "silu", "hardswish")) {
            m.put("activation " + f, around(Primitive.ACTIVATION, Params.of("function", f), 2, 4));
        }
        m.put(
                "max pool 3/2 pad 1 ceil",
                around(
                        Primitive.MAX_POOL,
                        Params.of("kernel", 3, "stride", 2, "padding", "explicit", "pad", 1, "ceilMode", true),
                        2,
                        6));
        m.put("max pool 2/2", around(Primitive.MAX_POOL, Params.EMPTY, 2, 6));
        m.put(
                "avg pool 3/2 ceil",
                around(Primitive.AVG_POOL, Params.of("kernel", 3, "stride", 2, "ceilMode", true), 2, 6));
        m.put("avg pool 2/2", around(Primitive.AVG_POOL, Params.EMPTY, 2, 6));
        m.put("global avg pool", around(Primitive.GLOBAL_AVG_POOL, Params.EMPTY, 3, 4));
        m.put("flatten", around(Primitive.FLATTEN, Params.EMPTY, 2, 3));
        m.put("fc on a map", around(Primitive.FULLY_CONNECTED, Params.of("units", 5), 2, 3));
        m.put("fc no bias", around(Primitive.FULLY_CONNECTED, Params.of("units", 4, "bias", false), 2, 3));
        m.put("dropout", around(Primitive.DROPOUT, Params.of("rate", 0.3), 2, 4));
        m.put("channel shuffle", around(Primitive.CHANNEL_SHUFFLE, Params.of("groups", 2), 4, 3));
        m.put("add of three", merge(Primitive.ADD));
        m.put("concat", merge(Primitive.CONCAT));
        m.put("scale", scale());
        m.put("batch norm vector + two heads", vectorBnTwoHeads());
        return m;
    }

    private static Graph merge(BlockKind kind) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 4, 4);
        String a = b.conv("a", x, 2, 3, 1, 1, 1, true);
        String c = b.conv("c", x, 2, 1, 1, 0, 1, false);
        String y = b.add("merge", kind, Params.EMPTY, a, c, x);
        return head(b, y, true);
    }

    private static Graph scale() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 4, 4);
        String s = b.act("sig", b.fc("gate_fc", b.gap("sq", x), 3, true), "sigmoid");
        String y = b.add("scale", Primitive.SCALE, Params.EMPTY, x, s);
        return head(b, y, true);
    }

    private static Graph vectorBnTwoHeads() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 4, 4);
        String v = b.bn("bn1d", b.fc("fc0", x, 6, true));
        b.add(
                "aux",
                Primitive.CLASSIFIER,
                Params.of("lossWeight", 0.5, "trainingOnly", true),
                b.fc("aux_fc", v, CLASSES, false));
        return head(b, b.relu("r", v), false);
    }

    /** Every named block kind, with small parameters. */
    public static Map<String, Graph> blocks() {
        Map<String, Graph> m = new LinkedHashMap<>();
        m.put("residual basic identity", around(NamedBlock.RESIDUAL, Params.of("filters", 4), 4, 4));
        m.put(
                "residual basic projection stride 2",
                around(NamedBlock.RESIDUAL, Params.of("filters", 4, "stride", 2), 2, 5));
        m.put(
                "residual bottleneck",
                around(NamedBlock.RESIDUAL, Params.of("variant", "bottleneck", "filters", 2), 3, 4));
        m.put("residual SE", around(NamedBlock.RESIDUAL, Params.of("filters", 4, "se", true, "seRatio", 2), 4, 4));
        m.put(
                "inception",
                around(
                        NamedBlock.INCEPTION,
                        Params.of("c1", 2, "c3reduce", 2, "c3", 3, "c5reduce", 2, "c5", 2, "poolProj", 2),
                        3,
                        5));
        m.put(
                "inception no BN",
                around(
                        NamedBlock.INCEPTION,
                        Params.of(
                                "c1",
                                0,
                                "c3reduce",
                                2,
                                "c3",
                                2,
                                "c5reduce",
                                2,
                                "c5",
                                2,
                                "poolProj",
                                2,
                                "batchNorm",
                                false,
                                "c5kernel",
                                3),
                        2,
                        4));
        m.put("dense block", around(NamedBlock.DENSE_BLOCK, Params.of("layers", 2, "growth", 2, "bnSize", 2), 3, 4));
        m.put(
                "dense block no bottleneck",
                around(NamedBlock.DENSE_BLOCK, Params.of("layers", 2, "growth", 2, "bottleneck", false), 2, 4));
        m.put("transition", around(NamedBlock.TRANSITION, Params.of("compression", 0.5), 4, 4));
        m.put("se", around(NamedBlock.SE, Params.of("ratio", 2), 4, 3));
        m.put("separable conv", around(NamedBlock.SEPARABLE_CONV, Params.of("filters", 5), 3, 4));
        m.put("mbconv skip", around(NamedBlock.MBCONV, Params.of("filters", 3, "expansion", 2), 3, 4));
        m.put(
                "mbconv stride 2 no skip",
                around(NamedBlock.MBCONV, Params.of("filters", 4, "expansion", 2, "stride", 2), 3, 5));
        m.put(
                "mbconv SE silu",
                around(
                        NamedBlock.MBCONV,
                        Params.of("filters", 4, "expansion", 2, "se", true, "seRatio", 2, "activation", "silu"),
                        4,
                        4));
        m.put("mbconv t=1", around(NamedBlock.MBCONV, Params.of("filters", 3, "expansion", 1), 3, 4));
        m.put("resnext", around(NamedBlock.RESNEXT, Params.of("filters", 2, "cardinality", 2, "baseWidth", 64), 8, 4));
        m.put(
                "resnext stride 2",
                around(
                        NamedBlock.RESNEXT,
                        Params.of("filters", 2, "cardinality", 2, "baseWidth", 64, "stride", 2),
                        3,
                        5));
        m.put("shuffle unit stride 1", around(NamedBlock.SHUFFLE_UNIT, Params.of("filters", 6, "groups", 3), 6, 4));
        m.put(
                "shuffle unit stride 2",
                around(NamedBlock.SHUFFLE_UNIT, Params.of("filters", 12, "groups", 3, "stride", 2), 6, 5));
        m.put("vgg stage", around(NamedBlock.VGG_STAGE, Params.of("convs", 2, "filters", 3), 2, 4));
        m.put(
                "vgg stage BN",
                around(NamedBlock.VGG_STAGE, Params.of("convs", 1, "filters", 3, "batchNorm", true), 2, 4));
        m.put("aux classifier", auxNet());
        m.put("group", groupNet());
        return m;
    }

    static Graph auxNet() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 8, 8);
        x = b.relu("r", b.conv("conv", x, 3, 3, 1, 1, 1, true));
        b.add("aux", NamedBlock.AUX_CLASSIFIER, Params.of("classes", CLASSES), x);
        return head(b, x, true);
    }

    static Graph groupNet() {
        SubgraphBuilder inner = new SubgraphBuilder();
        String p = inner.port(0);
        Subgraph body = inner.build(inner.relu("relu", inner.bn("bn", inner.conv("conv", p, 3, 3, 1, 1, 1, false))));
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(2, 4, 4);
        Graph outer = head(b, x, true);
        // put the group between the input and the pooling
        Node group = new Node("mygroup", Structural.GROUP, Params.EMPTY, Position.ORIGIN, body);
        outer = outer.withoutEdge(outer.edgeInto("gap", 0).orElseThrow())
                .withNode(group)
                .withEdge(new org.blockscope.graph.Edge(x, "mygroup", 0))
                .withEdge(new org.blockscope.graph.Edge("mygroup", "gap", 0));
        return outer;
    }

    /** Seeded uniform [-1, 1) batch. */
    public static INDArray randomInput(long seed, DataType type, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] d = new double[(int) n];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble() * 2 - 1;
        }
        return Nd4j.create(d, shape, 'c').castTo(type);
    }

    static int[] labels(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % CLASSES;
        }
        return l;
    }

    static List<Object[]> cases(Map<String, Graph> m) {
        List<Object[]> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(new Object[] {k, v}));
        return out;
    }
}
