package org.blockscope.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable network drawing: nodes in a stable order (the order the user added them, which is
 * also the file order) and edges. Every change returns a new graph. Equality is order-sensitive so
 * that an undo which restores a graph also restores its file bytes.
 */
public final class Graph {

    public static final Graph EMPTY = new Graph(List.of(), List.of());

    private final List<Node> nodes;
    private final List<Edge> edges;
    private Map<String, Integer> index; // built lazily, graphs are immutable
    private Map<String, List<Edge>> incoming;
    private Map<String, List<Edge>> outgoing;

    private Graph(List<Node> nodes, List<Edge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
    }

    /** Builds a graph, checking names are unique and edges name existing nodes and free ports. */
    public static Graph of(List<Node> nodes, List<Edge> edges) {
        Graph g = new Graph(nodes, edges);
        if (g.index().size() != nodes.size()) {
            throw new IllegalArgumentException(
                    "duplicate node names in " + nodes.stream().map(Node::name).toList());
        }
        java.util.Set<String> ports = new java.util.HashSet<>();
        for (Edge e : edges) {
            if (!g.contains(e.from()) || !g.contains(e.to())) {
                throw new IllegalArgumentException("edge " + e + " names a missing node");
            }
            if (!ports.add(e.to() + "\u0000" + e.toPort())) {
                throw new IllegalArgumentException("port " + e.toPort() + " of '" + e.to() + "' is connected twice");
            }
        }
        return g;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    public int size() {
        return nodes.size();
    }

    private Map<String, Integer> index() {
        Map<String, Integer> ix = index;
        if (ix == null) {
            ix = new HashMap<>(nodes.size() * 2);
            for (int i = 0; i < nodes.size(); i++) {
                ix.put(nodes.get(i).name(), i);
            }
            index = ix;
        }
        return ix;
    }

    public boolean contains(String name) {
        return index().containsKey(name);
    }

    public int indexOf(String name) {
        Integer i = index().get(name);
        return i == null ? -1 : i;
    }

    public Node node(String name) {
        Integer i = index().get(name);
        if (i == null) {
            throw new IllegalArgumentException("no node named '" + name + "'");
        }
        return nodes.get(i);
    }

    public Optional<Node> find(String name) {
        Integer i = index().get(name);
        return i == null ? Optional.empty() : Optional.of(nodes.get(i));
    }

    private void buildAdjacency() {
        Map<String, List<Edge>> in = new HashMap<>();
        Map<String, List<Edge>> out = new HashMap<>();
        for (Edge e : edges) {
            in.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e);
            out.computeIfAbsent(e.from(), k -> new ArrayList<>()).add(e);
        }
        in.values().forEach(l -> l.sort(Edge.ORDER));
        incoming = in;
        outgoing = out;
    }

    /** Edges into {@code name}, sorted by port. */
    public List<Edge> inputs(String name) {
        if (incoming == null) {
            buildAdjacency();
        }
        return incoming.getOrDefault(name, List.of());
    }

    /** Edges out of {@code name}, in edge order. */
    public List<Edge> outputs(String name) {
        if (outgoing == null) {
            buildAdjacency();
        }
        return outgoing.getOrDefault(name, List.of());
    }

    public Optional<Edge> edgeInto(String name, int port) {
        return inputs(name).stream().filter(e -> e.toPort() == port).findFirst();
    }

    // ---- changes -------------------------------------------------------------------------------

    public Graph withNode(Node node) {
        return withNodeAt(nodes.size(), node);
    }

    public Graph withNodeAt(int position, Node node) {
        if (contains(node.name())) {
            throw new IllegalArgumentException("a node named '" + node.name() + "' exists already");
        }
        List<Node> copy = new ArrayList<>(nodes);
        copy.add(Math.min(position, copy.size()), node);
        return new Graph(copy, edges);
    }

    /** Replaces the node of the same name (parameters, position, body). */
    public Graph withReplaced(Node node) {
        int i = indexOf(node.name());
        if (i < 0) {
            throw new IllegalArgumentException("no node named '" + node.name() + "'");
        }
        List<Node> copy = new ArrayList<>(nodes);
        copy.set(i, node);
        Graph r = new Graph(copy, edges);
        r.index = index; // the same names in the same places
        r.incoming = incoming; // the same edges
        r.outgoing = outgoing;
        return r;
    }

    /** Removes the nodes and every edge touching them. */
    public Graph without(Collection<String> names) {
        Set<String> gone = Set.copyOf(names);
        List<Node> keptNodes =
                nodes.stream().filter(n -> !gone.contains(n.name())).toList();
        List<Edge> keptEdges = edges.stream()
                .filter(e -> !gone.contains(e.from()) && !gone.contains(e.to()))
                .toList();
        return new Graph(keptNodes, keptEdges);
    }

    public Graph withEdge(Edge e) {
        return withEdgeAt(edges.size(), e);
    }

    public Graph withEdgeAt(int position, Edge e) {
        if (!contains(e.from()) || !contains(e.to())) {
            throw new IllegalArgumentException("edge " + e + " names a missing node");
        }
        if (edgeInto(e.to(), e.toPort()).isPresent()) {
            throw new IllegalArgumentException("port " + e.toPort() + " of '" + e.to() + "' is connected already");
        }
        List<Edge> copy = new ArrayList<>(edges);
        copy.add(Math.min(position, copy.size()), e);
        return new Graph(nodes, copy);
    }

    public Graph withoutEdge(Edge e) {
        List<Edge> copy = new ArrayList<>(edges);
        if (!copy.remove(e)) {
            throw new IllegalArgumentException("no edge " + e);
        }
        return new Graph(nodes, copy);
    }

    public Graph renamed(String oldName, String newName) {
        if (contains(newName)) {
            throw new IllegalArgumentException("a node named '" + newName + "' exists already");
        }
        List<Node> ns = nodes.stream()
                .map(n -> n.name().equals(oldName) ? n.withName(newName) : n)
                .toList();
        List<Edge> es = edges.stream().map(e -> e.renamed(oldName, newName)).toList();
        return new Graph(ns, es);
    }

    /** A name not used yet: {@code base}, else {@code base2}, {@code base3}, ... */
    public String freshName(String base) {
        if (!contains(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String candidate = base + i;
            if (!contains(candidate)) {
                return candidate;
            }
        }
    }

    public List<String> names() {
        return Collections.unmodifiableList(nodes.stream().map(Node::name).toList());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && nodes.equals(g.nodes) && edges.equals(g.edges);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode() * 31 + edges.hashCode();
    }

    @Override
    public String toString() {
        return "Graph" + names() + edges;
    }
}
