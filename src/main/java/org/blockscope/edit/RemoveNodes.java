package org.blockscope.edit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * Removes nodes and every edge touching them. Remembers where each node and edge stood so that
 * undo puts them back in the same place.
 */
public record RemoveNodes(List<Placed<Node>> nodes, List<Placed<Edge>> edges) implements Edit {

    /** An element and its index in the graph's order. */
    public record Placed<T>(int index, T value) {}

    public static RemoveNodes of(Graph g, Collection<String> names) {
        Set<String> gone = new HashSet<>(names);
        List<Placed<Node>> ns = new ArrayList<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            if (gone.contains(g.nodes().get(i).name())) {
                ns.add(new Placed<>(i, g.nodes().get(i)));
            }
        }
        List<Placed<Edge>> es = new ArrayList<>();
        for (int i = 0; i < g.edges().size(); i++) {
            Edge e = g.edges().get(i);
            if (gone.contains(e.from()) || gone.contains(e.to())) {
                es.add(new Placed<>(i, e));
            }
        }
        return new RemoveNodes(List.copyOf(ns), List.copyOf(es));
    }

    @Override
    public Graph apply(Graph g) {
        return g.without(nodes.stream().map(p -> p.value().name()).toList());
    }

    @Override
    public Graph revert(Graph g) {
        Graph r = g;
        for (Placed<Node> p :
                nodes.stream().sorted(Comparator.comparingInt(Placed::index)).toList()) {
            r = r.withNodeAt(p.index(), p.value());
        }
        for (Placed<Edge> p :
                edges.stream().sorted(Comparator.comparingInt(Placed::index)).toList()) {
            r = r.withEdgeAt(p.index(), p.value());
        }
        return r;
    }

    @Override
    public boolean isNoOp() {
        return nodes.isEmpty();
    }

    @Override
    public String description() {
        return nodes.size() == 1 ? "Delete '" + nodes.get(0).value().name() + "'" : "Delete " + nodes.size() + " nodes";
    }
}
