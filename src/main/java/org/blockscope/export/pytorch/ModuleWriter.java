package org.blockscope.export.pytorch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.blockscope.block.NamedBlock;
import org.blockscope.engine.kernel.Activation;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.ParamSpec;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.Primitive;
import org.blockscope.shape.ExpandedGraph;
import org.blockscope.shape.Expander;
import org.blockscope.shape.TopologicalOrder;

/**
 * Writes the {@code nn.Module} class of one graph level (the network, or a group's body): {@code __init__}
 * makes one attribute per node that has weights or is a layer, named as the node; {@code forward} computes
 * one variable per node, in the graph's order, named as the node. One {@code switch} maps every kind:
 * primitives to torch layers or expressions, named blocks to their class in model.py.
 */
final class ModuleWriter {

    /** A classifier head of the network: its variable, loss weight and whether it runs only in training. */
    record Head(String variable, double lossWeight, boolean trainingOnly) {}

    /** What one node adds: an attribute (or null) and the expression of its output (or null for inputs). */
    private record Emit(String layer, String expression) {}

    private final ExpandedGraph expanded;
    /** Block classes used (in the order first used), and group classes to write. */
    final Set<String> blockClasses = new LinkedHashSet<>();

    final List<String> groupClasses = new ArrayList<>();
    private final Set<String> groupNames = new java.util.HashSet<>();
    final List<Head> heads = new ArrayList<>();

    /** False writes every named block from its expansion, as a block without a hand-written class is. */
    private final boolean handWritten;

    ModuleWriter(ExpandedGraph expanded, boolean handWritten) {
        this.handWritten = handWritten;
        this.expanded = expanded;
    }

    /**
     * The class text of a level. Its forward takes the level's inputs (the Input node, or the group's
     * ports in index order) and returns the output node's variable, or for the network its heads.
     */
    String write(
            String className,
            String doc,
            Graph graph,
            String prefix,
            List<Shape> ports,
            TorchNames.Level names,
            String output) {
        LevelShapes shapes = LevelShapes.of(expanded, graph, prefix, ports);
        List<String> init = new ArrayList<>();
        List<String> forward = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        String[] portArgs = new String[ports.size()];
        for (String name : TopologicalOrder.of(graph).order()) {
            Node n = graph.node(name);
            String py = names.of(name);
            List<String> in = new ArrayList<>();
            for (Edge e : graph.inputs(name)) {
                in.add(names.of(e.from()));
            }
            Emit e = emit(n, py, in, shapes, prefix, names);
            if (e.layer() != null) {
                init.add("        self." + py + " = " + e.layer());
            }
            if (e.expression() != null) {
                forward.add("        " + py + " = " + e.expression());
            } else if (n.kind() == Structural.PORT) {
                portArgs[n.params().getInt("index")] = py;
            } else {
                arguments.add(py);
            }
        }
        arguments.addAll(0, List.of(portArgs));
        StringBuilder s = new StringBuilder();
        s.append("class ").append(className).append("(nn.Module):\n");
        s.append("    \"\"\"").append(wrap(doc, "    ", 100)).append("\"\"\"\n\n");
        if (output == null) {
            mainHeadFirst();
            s.append(
                    "    # loss = Σ weight × cross-entropy over the heads forward returns while training (output first)\n");
            s.append("    HEAD_WEIGHTS = (")
                    .append(String.join(
                            ", ",
                            heads.stream().map(h -> literal(h.lossWeight())).toList()))
                    .append(heads.size() == 1 ? ",)\n\n" : ")\n\n");
        }
        s.append("    def __init__(self):\n        super().__init__()\n");
        init.forEach(l -> s.append(l).append('\n'));
        s.append("\n    def forward(self, ")
                .append(String.join(", ", arguments))
                .append("):\n");
        forward.forEach(l -> s.append(l).append('\n'));
        s.append(output != null ? "        return " + names.of(output) + "\n" : returnHeads());
        return s.toString();
    }

    /** The network's output (the first head used at inference) first, the others in graph order. */
    private void mainHeadFirst() {
        Head main = heads.stream()
                .filter(h -> !h.trainingOnly())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no classifier used at inference"));
        heads.remove(main);
        heads.add(0, main);
    }

    private String returnHeads() {
        String main = heads.get(0).variable();
        if (heads.size() == 1) {
            return "        return " + main + "\n";
        }
        List<String> all = heads.stream().map(Head::variable).toList();
        return "        if self.training:  # every head, for the loss\n            return " + String.join(", ", all)
                + "\n        return " + main + "\n";
    }

    private Emit emit(Node n, String py, List<String> in, LevelShapes shapes, String prefix, TorchNames.Level names) {
        Params q = n.params();
        List<Shape> inShapes = shapes.inputs(n.name());
        String x = in.isEmpty() ? null : in.get(0);
        Shape s0 = inShapes.isEmpty() ? null : inShapes.get(0);
        String call = "self." + py + "(" + String.join(", ", in) + ")";
        if (n.kind() == Structural.PORT || n.kind() == Primitive.INPUT) {
            return new Emit(null, null);
        }
        if (n.kind() instanceof Primitive primitive) {
            return switch (primitive) {
                case INPUT -> new Emit(null, null);
                case CONV2D -> new Emit(conv(q, s0.channels(), q.getInt("filters"), q.getInt("groups")), call);
                case DEPTHWISE_CONV2D ->
                    new Emit(conv(q, s0.channels(), s0.channels() * q.getInt("multiplier"), s0.channels()), call);
                case BATCH_NORM ->
                    new Emit(
                            String.format(
                                    Locale.ROOT,
                                    "nn.BatchNorm%dd(%d, eps=%s, momentum=%s)",
                                    s0.vector() ? 1 : 2,
                                    s0.channels(),
                                    literal(q.getDouble("eps")),
                                    literal(q.getDouble("momentum"))),
                            call);
                case ACTIVATION -> new Emit(activation(q.getString("function")), call);
                case MAX_POOL -> new Emit(pool("nn.MaxPool2d", q), call);
                case AVG_POOL -> new Emit(pool("nn.AvgPool2d", q), call); // count_include_pad=True, as Blockscope
                case GLOBAL_AVG_POOL -> new Emit(null, x + ".mean((2, 3))");
                case FLATTEN -> new Emit(null, "torch.flatten(" + x + ", 1)");
                case FULLY_CONNECTED ->
                    new Emit(
                            "nn.Linear(" + s0.elements() + ", " + q.getInt("units") + ", bias="
                                    + literal(q.getBool("bias")) + ")",
                            "self." + py + "(" + (s0.vector() ? x : "torch.flatten(" + x + ", 1)") + ")");
                case DROPOUT -> new Emit("nn.Dropout(" + literal(q.getDouble("rate")) + ")", call);
                case ADD -> new Emit(null, String.join(" + ", in));
                case CONCAT -> new Emit(null, "torch.cat([" + String.join(", ", in) + "], 1)");
                case SCALE -> new Emit(null, x + " * " + in.get(1) + "[:, :, None, None]");
                case CHANNEL_SHUFFLE -> new Emit(null, "channel_shuffle(" + x + ", " + q.getInt("groups") + ")");
                case CLASSIFIER -> {
                    heads.add(new Head(py, q.getDouble("lossWeight"), q.getBool("trainingOnly")));
                    yield new Emit(
                            null, (s0.vector() ? x : "torch.flatten(" + x + ", 1)") + "  # class scores (logits)");
                }
            };
        }
        if (n.kind() == NamedBlock.AUX_CLASSIFIER) {
            heads.add(new Head(py, q.getDouble("lossWeight"), true));
            String cls = hand(NamedBlock.AUX_CLASSIFIER);
            String args = s0.channels() + ", " + s0.height() + ", " + s0.width() + keywords(n);
            return new Emit(cls + "(" + args + ")", call + " if self.training else None");
        }
        if (n.kind() instanceof NamedBlock named) {
            if (handWritten && BlockClasses.of(named).isPresent()) {
                return new Emit(hand(named) + "(" + s0.channels() + keywords(n) + ")", call);
            }
            // no hand-written class: one written from its expansion for the shapes reaching it
            Subgraph inside = Expander.expansionOf(n, inShapes);
            String cls = groupClass(py, named.displayName().replaceAll("[^A-Za-z0-9]", "") + "Block");
            groupClasses.add(write(
                    cls,
                    named.displayName() + " '" + n.name() + "', written from its expansion.",
                    inside.graph(),
                    prefix + n.name() + "/",
                    inShapes,
                    TorchNames.expansionLevel(inside.graph()),
                    inside.output()));
            return new Emit(cls + "()", call);
        }
        // a group the user made: its own class, written from its body
        String cls = groupClass(py, null);
        groupClasses.add(write(
                cls,
                "Your block '" + n.name() + "'.",
                n.body().graph(),
                prefix + n.name() + "/",
                inShapes,
                names.group(n.name()),
                n.body().output()));
        return new Emit(cls + "()", call);
    }

    /** {@code my_block} → {@code MyBlockGroup}; a number keeps two groups' classes apart. */
    private String groupClass(String py, String named) {
        StringBuilder camel = new StringBuilder();
        for (String part : py.split("_")) {
            if (!part.isEmpty()) {
                camel.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        String base = named != null ? named : camel + "Group";
        String cls = base;
        for (int i = 2; !groupNames.add(cls); i++) {
            cls = base + i;
        }
        return cls;
    }

    private static String conv(Params q, int in, int out, int groups) {
        int k = q.getInt("kernel");
        return "nn.Conv2d(" + in + ", " + out + ", kernel_size=" + k + ", stride=" + q.getInt("stride") + ", padding="
                + Padding.pad(q) + ", dilation=" + q.getInt("dilation") + ", groups=" + groups + ", bias="
                + literal(q.getBool("bias")) + ")";
    }

    private static String pool(String layer, Params q) {
        return layer + "(kernel_size=" + q.getInt("kernel") + ", stride=" + q.getInt("stride") + ", padding="
                + Padding.pad(q) + ", ceil_mode=" + literal(q.getBool("ceilMode")) + ")";
    }

    private static String activation(String function) {
        return switch (Activation.valueOf(function.toUpperCase(Locale.ROOT))) {
            case RELU -> "nn.ReLU()";
            case RELU6 -> "nn.ReLU6()";
            case SIGMOID -> "nn.Sigmoid()";
            case TANH -> "nn.Tanh()";
            case SILU -> "nn.SiLU()";
            case HARDSWISH -> "nn.Hardswish()";
        };
    }

    /** The hand-written class of a named block kind, noted for model.py. */
    private String hand(NamedBlock kind) {
        BlockClasses.HandWritten h = BlockClasses.of(kind).orElseThrow();
        blockClasses.add(h.id());
        return h.className();
    }

    /** {@code , name=value} for every parameter, in the kind's order, names in snake_case. */
    private static String keywords(Node n) {
        StringBuilder s = new StringBuilder();
        for (ParamSpec spec : n.kind().specs()) {
            s.append(", ")
                    .append(snake(spec.name()))
                    .append('=')
                    .append(literal(n.params().get(spec.name())));
        }
        return s.toString();
    }

    /** Text broken into lines of at most {@code width} characters, continuation lines indented. */
    static String wrap(String text, String indent, int width) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String word : text.split(" ")) {
            if (line > 0 && line + 1 + word.length() > width) {
                out.append('\n').append(indent);
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(word);
            line += word.length();
        }
        return out.toString();
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    static String literal(Object v) {
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Double d) {
            return Double.toString(d).replace('E', 'e');
        }
        if (v instanceof String str) {
            return "\"" + str.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(v);
    }
}
