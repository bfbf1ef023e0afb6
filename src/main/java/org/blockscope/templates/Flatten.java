package org.blockscope.templates;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.edit.Grouping;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;

/** Ungroups every named block of a graph, repeatedly, until only primitives remain. */
public final class Flatten {

    private Flatten() {}

    public static Graph toPrimitives(Graph g) {
        Graph r = g;
        while (true) {
            NetworkAnalysis a = NetworkAnalysis.of(r);
            Node next = r.nodes().stream()
                    .filter(n -> n.kind().composite())
                    .findFirst()
                    .orElse(null);
            if (next == null) {
                return r;
            }
            List<Shape> in = new ArrayList<>();
            for (Edge e : r.inputs(next.name())) {
                in.add(a.expanded()
                        .shapeOf(e.from())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "cannot flatten: the input of '" + next.name() + "' is unknown")));
            }
            r = Grouping.ungroup(r, next.name(), in).apply(r);
        }
    }
}
