package org.blockscope.app.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.Expander;

/**
 * The inside of a named block or group, possibly nested ({@code stage2_0 › se}): its expansion for
 * the shapes it receives, laid out, with the shapes and costs of the network's analysis (a
 * primitive inside is named {@code stage2_0/se/fc1}). Pure: no JavaFX.
 */
public record InsideView(List<String> path, Node node, Graph graph, String output, Map<String, NodeStats> stats) {

    /** The primitive path prefix, e.g. {@code stage2_0/se}. */
    public String prefix() {
        return String.join("/", path);
    }

    /** "Inside 'stage2_0' › 'se'". */
    public String title() {
        return "Inside '" + String.join("' › '", path) + "'";
    }

    /**
     * Opens {@code path} (a top-level composite node, then composite nodes inside it), or says why
     * it cannot: a node that is not a named block, or one whose input shapes are not known yet.
     */
    public static Result open(Graph top, NetworkAnalysis a, List<String> path, SkinGeometry geo) {
        Graph g = top;
        List<Shape> inputs = null;
        String prefix = "";
        Node node = null;
        Subgraph sub = null;
        for (int depth = 0; depth < path.size(); depth++) {
            String name = path.get(depth);
            if (!g.contains(name) || !g.node(name).kind().composite()) {
                return Result.refused("'" + name + "' is not a named block");
            }
            node = g.node(name);
            List<Shape> parentInputs = inputs;
            String parentPrefix = prefix;
            Graph parent = g;
            inputs = new ArrayList<>();
            List<Edge> in = parent.inputs(name);
            if (in.size() < Math.max(1, node.kind().minInputs())) {
                return Result.refused("Connect '" + name + "' first: its inside depends on the shape it receives.");
            }
            for (Edge e : in) {
                Optional<Shape> s = depth == 0
                        ? a.expanded().outputOf(e.from()).map(PrimitiveNode::output)
                        : shapeOf(a, parent, parentPrefix, parentInputs, e.from());
                if (s.isEmpty()) {
                    return Result.refused("Connect '" + name + "' first: its inside depends on the shape it receives.");
                }
                inputs.add(s.get());
            }
            sub = Expander.expansionOf(node, inputs);
            g = sub.graph();
            prefix = parentPrefix.isEmpty() ? name : parentPrefix + "/" + name;
        }
        Graph laid = AutoLayout.laidOut(g, geo);
        return new Result(
                new InsideView(List.copyOf(path), node, laid, sub.output(), stats(a, laid, prefix, inputs)), "");
    }

    /** An inside view, or why there is none. */
    public record Result(InsideView view, String refusal) {
        static Result refused(String why) {
            return new Result(null, why);
        }

        public Optional<InsideView> get() {
            return Optional.ofNullable(view);
        }
    }

    /** The output shape of inner node {@code name} of {@code g} (whose primitives are named {@code prefix/…}). */
    private static Optional<Shape> shapeOf(NetworkAnalysis a, Graph g, String prefix, List<Shape> inputs, String name) {
        Node n = g.node(name);
        if (n.kind() == Structural.PORT) {
            int i = n.params().getInt("index");
            return i < inputs.size() ? Optional.of(inputs.get(i)) : Optional.empty();
        }
        String path = prefix + "/" + name;
        Optional<PrimitiveNode> p = a.expanded().primitive(path);
        if (p.isPresent()) {
            return Optional.of(p.get().output());
        }
        Shape last = null; // a block: the output of its last primitive in evaluation order
        for (PrimitiveNode q : a.expanded().nodes()) {
            if (q.path().startsWith(path + "/")) {
                last = q.output();
            }
        }
        return Optional.ofNullable(last);
    }

    /** Stats of the inner nodes from the network's analysis. */
    private static Map<String, NodeStats> stats(NetworkAnalysis a, Graph g, String prefix, List<Shape> inputs) {
        Map<String, NodeStats> stats = new HashMap<>();
        for (Node n : g.nodes()) {
            if (n.kind() == Structural.PORT) {
                int i = n.params().getInt("index");
                if (i < inputs.size()) {
                    stats.put(n.name(), new NodeStats(n.name(), "Port", inputs.get(i), Cost.ZERO, null));
                }
                continue;
            }
            String path = prefix + "/" + n.name();
            Cost cost = Cost.ZERO;
            Shape out = null;
            for (PrimitiveNode p : a.expanded().nodes()) {
                if (p.path().equals(path) || p.path().startsWith(path + "/")) {
                    cost = cost.plus(a.primitive(p.path()).map(NodeStats::cost).orElse(Cost.ZERO));
                    out = p.output();
                }
            }
            if (out != null) {
                stats.put(n.name(), new NodeStats(n.name(), n.kind().displayName(), out, cost, null));
            }
        }
        return stats;
    }
}
