package org.blockscope.export.onnx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.blockscope.engine.kernel.Activation;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.PrimitiveNode;

/**
 * Lowers the primitives of a network to standard ONNX operators, one {@code switch} over the primitive
 * kinds. Node names are the primitives' paths ({@code stage1_0/conv1}); a primitive that needs two ONNX
 * nodes names the helper {@code path/what}. Tensors are named after the node that makes them, weights
 * {@code path/weight}, {@code path/gamma}, ... as in the engine. Only what the network's output needs is
 * written: training-only heads and unused branches are left out, dropout disappears (identity at
 * inference), batch norm uses its running statistics.
 */
final class OnnxGraphWriter {

    static final String BATCH = "N";
    static final String LOGITS = "logits";
    static final String PROBABILITIES = "probabilities";

    private final TrainedNetwork net;
    private final Onnx.Graph graph;
    /** The ONNX tensor holding each primitive's output, by path. */
    private final Map<String, String> tensorOf = new HashMap<>();

    private final Set<String> constants = new HashSet<>();

    OnnxGraphWriter(TrainedNetwork net, String name) {
        this.net = net;
        this.graph = new Onnx.Graph(name);
    }

    Onnx.Graph write() {
        Set<String> needed = ancestorsOfOutput();
        for (PrimitiveNode p : net.expanded().nodes()) {
            if (needed.contains(p.path())) {
                String out = emit(p);
                tensorOf.put(p.path(), out);
            }
        }
        int classes = net.output().output().channels();
        graph.output(Onnx.floatValue(LOGITS, BATCH, classes));
        graph.output(Onnx.floatValue(PROBABILITIES, BATCH, classes));
        return graph;
    }

    private Set<String> ancestorsOfOutput() {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(net.output().path()));
        while (!todo.isEmpty()) {
            String path = todo.pop();
            if (seen.add(path)) {
                todo.addAll(net.expanded().primitive(path).orElseThrow().inputs());
            }
        }
        return seen;
    }

    /** Writes the nodes of one primitive; returns the tensor holding its output. */
    private String emit(PrimitiveNode p) {
        String path = p.path();
        return switch (p.kind()) {
            case INPUT -> input(p);
            case CONV2D, DEPTHWISE_CONV2D -> conv(p);
            case BATCH_NORM -> batchNorm(p);
            case ACTIVATION -> activation(p);
            case MAX_POOL -> pool("MaxPool", p);
            case AVG_POOL -> pool("AveragePool", p);
            case GLOBAL_AVG_POOL -> {
                node("GlobalAveragePool", path + "/pool", p, in(p, 0));
                yield node("Flatten", path, p, new String[] {path + "/pool"}, Onnx.attr("axis", 1L));
            }
            case FLATTEN -> node("Flatten", path, p, in(p, 0), Onnx.attr("axis", 1L));
            case FULLY_CONNECTED -> fullyConnected(p);
            case DROPOUT -> tensorOf.get(p.inputs().get(0)); // identity at inference: no node
            case ADD -> node(p.inputs().size() == 2 ? "Add" : "Sum", path, p, ins(p));
            case CONCAT -> node("Concat", path, p, ins(p), Onnx.attr("axis", 1L));
            case SCALE -> scale(p);
            case CHANNEL_SHUFFLE -> shuffle(p);
            case CLASSIFIER -> classifier(p);
        };
    }

    private String input(PrimitiveNode p) {
        Shape s = p.output();
        graph.input(Onnx.floatValue(p.path(), BATCH, s.channels(), s.height(), s.width()));
        return p.path();
    }

    private String conv(PrimitiveNode p) {
        Params q = p.params();
        int k = q.getInt("kernel");
        int s = q.getInt("stride");
        int d = q.getInt("dilation");
        int pad = Padding.pad(q);
        // depthwise: one group per input channel (weight [Cin·m, 1, k, k])
        int groups =
                q.has("groups") ? q.getInt("groups") : p.inputShapes().get(0).channels();
        String[] inputs = net.has(p.path(), "bias")
                ? new String[] {in(p, 0)[0], weight(p, "weight"), weight(p, "bias")}
                : new String[] {in(p, 0)[0], weight(p, "weight")};
        return node(
                "Conv",
                p.path(),
                p,
                inputs,
                Onnx.attrInts("kernel_shape", k, k),
                Onnx.attrInts("strides", s, s),
                Onnx.attrInts("pads", pad, pad, pad, pad),
                Onnx.attrInts("dilations", d, d),
                Onnx.attr("group", (long) groups));
    }

    private String batchNorm(PrimitiveNode p) {
        String[] inputs = {
            in(p, 0)[0], weight(p, "gamma"), weight(p, "beta"), weight(p, "running_mean"), weight(p, "running_var")
        };
        float eps = (float) p.params().getDouble("eps");
        // ONNX momentum weighs the old running value (1 − PyTorch's); unused at inference, kept for fidelity
        float momentum = (float) (1 - p.params().getDouble("momentum"));
        return node(
                "BatchNormalization", p.path(), p, inputs, Onnx.attr("epsilon", eps), Onnx.attr("momentum", momentum));
    }

    private String activation(PrimitiveNode p) {
        String path = p.path();
        String[] x = in(p, 0);
        return switch (Activation.valueOf(p.params().getString("function").toUpperCase(Locale.ROOT))) {
            case RELU -> node("Relu", path, p, x);
            case SIGMOID -> node("Sigmoid", path, p, x);
            case TANH -> node("Tanh", path, p, x);
            case HARDSWISH -> node("HardSwish", path, p, x);
            case RELU6 -> node("Clip", path, p, new String[] {x[0], scalar("relu6_min", 0), scalar("relu6_max", 6)});
            case SILU -> { // x · sigmoid(x)
                node("Sigmoid", path + "/sigmoid", p, x);
                yield node("Mul", path, p, new String[] {x[0], path + "/sigmoid"});
            }
        };
    }

    private String pool(String op, PrimitiveNode p) {
        Params q = p.params();
        int k = q.getInt("kernel");
        int s = q.getInt("stride");
        int pad = Padding.pad(q);
        ProtoMessage[] attrs = {
            Onnx.attrInts("kernel_shape", k, k),
            Onnx.attrInts("strides", s, s),
            Onnx.attrInts("pads", pad, pad, pad, pad),
            Onnx.attr("ceil_mode", q.getBool("ceilMode") ? 1L : 0L),
        };
        if (op.equals("AveragePool")) { // PyTorch's default: padded zeros count in the average
            attrs = java.util.Arrays.copyOf(attrs, attrs.length + 1);
            attrs[attrs.length - 1] = Onnx.attr("count_include_pad", 1L);
        }
        return node(op, p.path(), p, in(p, 0), attrs);
    }

    private String fullyConnected(PrimitiveNode p) {
        String path = p.path();
        String x = in(p, 0)[0];
        if (!p.inputShapes().get(0).vector()) { // a map is flattened in C order (N, C·H·W) first
            x = node("Flatten", path + "/flatten", p, new String[] {x}, Onnx.attr("axis", 1L));
        }
        String[] inputs = net.has(path, "bias")
                ? new String[] {x, weight(p, "weight"), weight(p, "bias")}
                : new String[] {x, weight(p, "weight")};
        // y = x · Wᵀ + b with W [out, in] (ONNX Gemm, transB = 1)
        return node("Gemm", path, p, inputs, Onnx.attr("transB", 1L));
    }

    private String scale(PrimitiveNode p) {
        String path = p.path();
        String gate = in(p, 1)[0];
        String axes = int64Constant(path + "/axes", 2, 3);
        node("Unsqueeze", path + "/unsqueeze", p, new String[] {gate, axes}); // [N, C] → [N, C, 1, 1]
        return node("Mul", path, p, new String[] {in(p, 0)[0], path + "/unsqueeze"});
    }

    /** [N, C, H, W] → [N, g, C/g, H, W] → transpose 1↔2 → [N, C, H, W] (Zhang et al. 2018). */
    private String shuffle(PrimitiveNode p) {
        String path = p.path();
        Shape s = p.output();
        int g = p.params().getInt("groups");
        String split = int64Constant(path + "/split_shape", 0, g, s.channels() / g, s.height(), s.width());
        String merge = int64Constant(path + "/merged_shape", 0, s.channels(), s.height(), s.width());
        node("Reshape", path + "/split", p, new String[] {in(p, 0)[0], split});
        node("Transpose", path + "/transpose", p, new String[] {path + "/split"}, Onnx.attrInts("perm", 0, 2, 1, 3, 4));
        return node("Reshape", path, p, new String[] {path + "/transpose", merge});
    }

    /** The network's output: its class scores as {@code logits}, their softmax as {@code probabilities}. */
    private String classifier(PrimitiveNode p) {
        String path = p.path();
        String[] z = in(p, 0);
        if (p.inputShapes().get(0).vector()) {
            graph.node(named(Onnx.node("Identity", path + "/logits", z, LOGITS), p));
        } else { // C×1×1
            graph.node(named(Onnx.node("Flatten", path + "/logits", z, LOGITS, Onnx.attr("axis", 1L)), p));
        }
        graph.node(named(Onnx.node("Softmax", path, new String[] {LOGITS}, PROBABILITIES, Onnx.attr("axis", 1L)), p));
        return PROBABILITIES;
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private String[] in(PrimitiveNode p, int port) {
        return new String[] {tensorOf.get(p.inputs().get(port))};
    }

    private String[] ins(PrimitiveNode p) {
        return p.inputs().stream().map(tensorOf::get).toArray(String[]::new);
    }

    /** Adds a node whose output tensor has the node's name; records its shape when it is p's output. */
    private String node(String op, String name, PrimitiveNode p, String[] inputs, ProtoMessage... attrs) {
        graph.node(named(Onnx.node(op, name, inputs, name, attrs), p));
        if (name.equals(p.path())) {
            Shape s = p.output();
            graph.valueInfo(
                    s.vector()
                            ? Onnx.floatValue(name, BATCH, s.channels())
                            : Onnx.floatValue(name, BATCH, s.channels(), s.height(), s.width()));
        }
        return name;
    }

    /** NodeProto.doc_string (6): which block the node belongs to, for viewers. */
    private static ProtoMessage named(ProtoMessage node, PrimitiveNode p) {
        String doc = p.kind().displayName() + (p.path().equals(p.owner()) ? "" : " in block '" + p.owner() + "'");
        return node.string(6, doc);
    }

    private String weight(PrimitiveNode p, String name) {
        String full = p.path() + "/" + name;
        graph.initializer(Onnx.floatTensor(full, net.shape(p.path(), name), net.tensor(p.path(), name)));
        return full;
    }

    private String scalar(String name, float value) {
        if (constants.add(name)) {
            graph.initializer(Onnx.floatTensor(name, new long[0], new float[] {value}));
        }
        return name;
    }

    private String int64Constant(String name, long... values) {
        if (constants.add(name)) {
            graph.initializer(Onnx.int64Tensor(name, new long[] {values.length}, values));
        }
        return name;
    }
}
