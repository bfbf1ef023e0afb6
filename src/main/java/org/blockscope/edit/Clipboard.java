package org.blockscope.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/** Copy, paste and duplicate: a fragment of nodes with the edges among them. */
public final class Clipboard {

    /** Nodes and the edges between them, as copied. */
    public record Fragment(List<Node> nodes, List<Edge> edges) {
        public boolean isEmpty() {
            return nodes.isEmpty();
        }
    }

    private Clipboard() {}

    public static Fragment copy(Graph g, Set<String> selection) {
        List<Node> ns =
                g.nodes().stream().filter(n -> selection.contains(n.name())).toList();
        List<Edge> es = g.edges().stream()
                .filter(e -> selection.contains(e.from()) && selection.contains(e.to()))
                .toList();
        return new Fragment(ns, es);
    }

    /**
     * Adds the fragment, renaming nodes whose names are taken ({@code conv1} → {@code conv2}) and
     * shifting them by (dx, dy). Returns the edit and the new names, to select them.
     */
    public static Pasted paste(Graph g, Fragment f, double dx, double dy) {
        Map<String, String> rename = new HashMap<>();
        List<Edit> parts = new ArrayList<>();
        Graph probe = g;
        for (Node n : f.nodes()) {
            String fresh = probe.freshName(stripDigits(n.name()));
            rename.put(n.name(), fresh);
            Node copy = n.withName(fresh).withPosition(n.position().plus(dx, dy));
            parts.add(new AddNode(copy));
            probe = probe.withNode(copy);
        }
        for (Edge e : f.edges()) {
            parts.add(new AddEdge(new Edge(rename.get(e.from()), rename.get(e.to()), e.toPort())));
        }
        String what = f.nodes().size() == 1
                ? "'" + f.nodes().get(0).name() + "'"
                : f.nodes().size() + " nodes";
        return new Pasted(
                new CompoundEdit("Paste " + what, parts),
                f.nodes().stream().map(n -> rename.get(n.name())).toList());
    }

    public record Pasted(Edit edit, List<String> names) {}

    private static String stripDigits(String name) {
        String base = name.replaceAll("\\d+$", "");
        return base.isEmpty() ? name : base;
    }
}
