package org.blockscope.export.pytorch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Structural;
import org.blockscope.shape.ExpandedGraph;
import org.blockscope.shape.Expander;
import org.blockscope.shape.TopologicalOrder;

/**
 * The output shape of every node of one graph level (the network, or a group's body), read from the
 * expansion: a primitive's from its expanded node, a named block's or group's from the output of its
 * inside, walked with the shapes reaching it.
 */
final class LevelShapes {

    private final ExpandedGraph expanded;
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Graph graph;

    private LevelShapes(ExpandedGraph expanded, Graph graph) {
        this.expanded = expanded;
        this.graph = graph;
    }

    /** Shapes of the nodes of {@code graph}, whose primitives have paths {@code prefix + name}. */
    static LevelShapes of(ExpandedGraph expanded, Graph graph, String prefix, List<Shape> ports) {
        LevelShapes l = new LevelShapes(expanded, graph);
        for (String name : TopologicalOrder.of(graph).order()) {
            l.shapes.put(name, l.shape(graph.node(name), prefix, ports));
        }
        return l;
    }

    Shape output(String node) {
        return shapes.get(node);
    }

    /** The shapes reaching {@code node}, in port order. */
    List<Shape> inputs(String node) {
        List<Shape> in = new ArrayList<>();
        for (Edge e : graph.inputs(node)) {
            in.add(shapes.get(e.from()));
        }
        return in;
    }

    private Shape shape(Node n, String prefix, List<Shape> ports) {
        String path = prefix + n.name();
        if (n.kind() == Structural.PORT) {
            return ports.get(n.params().getInt("index"));
        }
        if (n.kind() == Structural.GROUP || n.kind().composite()) {
            List<Shape> in = inputs(n.name());
            Subgraph inside = Expander.expansionOf(n, in);
            return of(expanded, inside.graph(), path + "/", in).output(inside.output());
        }
        return expanded.primitive(path).orElseThrow().output();
    }
}
