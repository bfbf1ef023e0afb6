package org.blockscope.block;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/**
 * A small DSL for writing block expansions: each call adds one node wired to the given inputs and
 * returns its name, so an expansion reads like the paper's figure.
 */
public final class SubgraphBuilder {

    private final List<Node> nodes = new ArrayList<>();
    private final List<Edge> edges = new ArrayList<>();
    private final java.util.Set<String> names = new java.util.HashSet<>();

    /** The block's input port {@code index}. */
    public String port(int index) {
        return add("in" + (index == 0 ? "" : index), Structural.PORT, Params.of("index", index));
    }

    public String add(String name, BlockKind kind, Params params, String... inputs) {
        if (!names.add(name)) {
            throw new IllegalStateException("duplicate name in expansion: " + name);
        }
        nodes.add(Node.of(name, kind, params));
        for (int i = 0; i < inputs.length; i++) {
            edges.add(new Edge(inputs[i], name, i));
        }
        return name;
    }

    /** Conv with explicit symmetric padding, as torchvision writes its layers. */
    public String conv(String name, String in, int filters, int kernel, int stride, int pad, int groups, boolean bias) {
        return add(
                name,
                Primitive.CONV2D,
                Params.of(
                        "filters",
                        filters,
                        "kernel",
                        kernel,
                        "stride",
                        stride,
                        "padding",
                        "explicit",
                        "pad",
                        pad,
                        "groups",
                        groups,
                        "bias",
                        bias),
                in);
    }

    /** Conv without bias and with 'same' padding (k odd): the usual conv before batch norm. */
    public String convNoBias(String name, String in, int filters, int kernel, int stride) {
        return conv(name, in, filters, kernel, stride, (kernel - 1) / 2, 1, false);
    }

    public String depthwise(String name, String in, int multiplier, int kernel, int stride) {
        return add(
                name,
                Primitive.DEPTHWISE_CONV2D,
                Params.of(
                        "multiplier",
                        multiplier,
                        "kernel",
                        kernel,
                        "stride",
                        stride,
                        "padding",
                        "explicit",
                        "pad",
                        (kernel - 1) / 2,
                        "bias",
                        false),
                in);
    }

    public String bn(String name, String in) {
        return add(name, Primitive.BATCH_NORM, Params.EMPTY, in);
    }

    public String bn(String name, String in, double eps) {
        return add(name, Primitive.BATCH_NORM, Params.of("eps", eps), in);
    }

    public String act(String name, String in, String function) {
        return add(name, Primitive.ACTIVATION, Params.of("function", function), in);
    }

    public String relu(String name, String in) {
        return act(name, in, "relu");
    }

    public String maxPool(String name, String in, int kernel, int stride, int pad, boolean ceil) {
        return add(
                name,
                Primitive.MAX_POOL,
                Params.of("kernel", kernel, "stride", stride, "padding", "explicit", "pad", pad, "ceilMode", ceil),
                in);
    }

    public String avgPool(String name, String in, int kernel, int stride, int pad) {
        return add(
                name,
                Primitive.AVG_POOL,
                Params.of("kernel", kernel, "stride", stride, "padding", "explicit", "pad", pad),
                in);
    }

    public String fc(String name, String in, int units, boolean bias) {
        return add(name, Primitive.FULLY_CONNECTED, Params.of("units", units, "bias", bias), in);
    }

    public String sum(String name, String... in) {
        return add(name, Primitive.ADD, Params.EMPTY, in);
    }

    public String concat(String name, String... in) {
        return add(name, Primitive.CONCAT, Params.EMPTY, in);
    }

    public Subgraph build(String output) {
        return new Subgraph(Graph.of(nodes, edges), output);
    }

    /** The nodes added so far as a top-level graph, laid out left to right. */
    public Graph graph() {
        return org.blockscope.graph.Layout.layered(Graph.of(nodes, edges));
    }

    public String input(int channels, int height, int width) {
        return add("input", Primitive.INPUT, Params.of("channels", channels, "height", height, "width", width));
    }

    public String gap(String name, String in) {
        return add(name, Primitive.GLOBAL_AVG_POOL, Params.EMPTY, in);
    }

    public String dropout(String name, String in, double rate) {
        return add(name, Primitive.DROPOUT, Params.of("rate", rate), in);
    }

    public String classifier(String name, String in) {
        return add(name, Primitive.CLASSIFIER, Params.EMPTY, in);
    }
}
