package org.blockscope.app.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockscope.block.SqueezeExcitationExpansion;
import org.blockscope.graph.Edge;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;

/** Which primitive paths stand for a top-level node's output and input, and where the SE gates are. */
public final class NodePaths {

    private NodePaths() {}

    /** Output and (port-0) input of a node; input is null for the network's Input. */
    public record InOut(String node, String output, String input) {}

    public static Optional<InOut> of(ExpandedGraph g, String node) {
        if (node == null || !g.source().contains(node)) {
            return Optional.empty();
        }
        Optional<PrimitiveNode> out = g.outputOf(node);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        List<Edge> in = g.source().inputs(node);
        String input = in.isEmpty()
                ? null
                : g.outputOf(in.get(0).from()).map(PrimitiveNode::path).orElse(null);
        return Optional.of(new InOut(node, out.get().path(), input));
    }

    /** Paths of the SE blocks (the expansion owning each {@code …/gate}), as Inspector.seBlocks, from the graph alone. */
    public static List<String> seBlocks(ExpandedGraph g) {
        List<String> out = new ArrayList<>();
        String suffix = "/" + SqueezeExcitationExpansion.GATE;
        for (PrimitiveNode p : g.nodes()) {
            if (p.kind() == Primitive.ACTIVATION
                    && p.path().endsWith(suffix)
                    && "sigmoid".equals(p.params().getString("function"))) {
                out.add(p.path().substring(0, p.path().length() - suffix.length()));
            }
        }
        return out;
    }

    /** The first plain convolution (its weights are the "first-layer filters"). */
    public static Optional<PrimitiveNode> firstConv(ExpandedGraph g) {
        return g.nodes().stream().filter(p -> p.kind() == Primitive.CONV2D).findFirst();
    }
}
