package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * Very large valid networks for the canvas: an input, then residual blocks of primitives (conv,
 * batch norm, ReLU, conv, batch norm, add with the block's input, ReLU), top to bottom in columns
 * of {@link #PER_COLUMN} nodes, the next column to the right. Small maps (8×8×8) keep the analysis
 * cheap.
 */
public final class LargeGraphs {

    static final int PER_COLUMN = 1000;
    static final double COLUMN_GAP = 520;
    static final double ROW = SkinGeometry.NORMAL.height(1) + AutoLayout.LAYER_GAP;

    private LargeGraphs() {}

    /** At least {@code size} nodes: the input and whole residual blocks of seven nodes. */
    public static Graph residualChain(int size) {
        List<Node> nodes = new ArrayList<>(size + 7);
        List<Edge> edges = new ArrayList<>(size + 8);
        nodes.add(at(Node.of("input", Primitive.INPUT, Params.of("channels", 8, "height", 8, "width", 8)), 0));
        String x = "input";
        for (int b = 0; nodes.size() < size; b++) {
            String p = "b" + b + "_";
            String[] names = {p + "conv1", p + "bn1", p + "relu1", p + "conv2", p + "bn2", p + "add", p + "relu2"};
            nodes.add(at(Node.of(names[0], Primitive.CONV2D, Params.of("filters", 8)), nodes.size()));
            nodes.add(at(Node.of(names[1], Primitive.BATCH_NORM), nodes.size()));
            nodes.add(at(Node.of(names[2], Primitive.ACTIVATION), nodes.size()));
            nodes.add(at(Node.of(names[3], Primitive.CONV2D, Params.of("filters", 8)), nodes.size()));
            nodes.add(at(Node.of(names[4], Primitive.BATCH_NORM), nodes.size()));
            nodes.add(at(Node.of(names[5], Primitive.ADD), nodes.size()));
            nodes.add(at(Node.of(names[6], Primitive.ACTIVATION), nodes.size()));
            edges.add(new Edge(x, names[0], 0));
            for (int i = 1; i < names.length; i++) {
                edges.add(new Edge(names[i - 1], names[i], 0));
            }
            edges.add(new Edge(x, names[5], 1));
            x = names[6];
        }
        return Graph.of(nodes, edges);
    }

    /** Where the {@code i}-th node sits: down a column, then the next column. */
    static Position position(int i) {
        return new Position((i / PER_COLUMN) * COLUMN_GAP, (i % PER_COLUMN) * ROW);
    }

    private static Node at(Node n, int i) {
        return n.withPosition(position(i));
    }
}
