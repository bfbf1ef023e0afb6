package org.blockscope.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.blockscope.shape.Expander;

/** Group a selection into a block of its own, and ungroup a block back into its parts. */
public final class Grouping {

    private Grouping() {}

    /** Why the selection cannot become a group, if it cannot. */
    public static Optional<String> whyNotGroup(Graph g, Set<String> selection) {
        if (selection.isEmpty()) {
            return Optional.of("select the nodes to group first");
        }
        for (String n : selection) {
            BlockKind k = g.node(n).kind();
            if (k == Primitive.INPUT || k == Primitive.CLASSIFIER) {
                return Optional.of("'" + n + "' (" + k.displayName() + ") cannot be inside a group");
            }
        }
        Set<String> exits = new java.util.TreeSet<>();
        for (Edge e : g.edges()) {
            if (selection.contains(e.from()) && !selection.contains(e.to())) {
                exits.add(e.from());
            }
        }
        if (exits.size() > 1) {
            return Optional.of("a group has one output, but " + exits + " all feed nodes outside the selection");
        }
        if (exits.isEmpty() && sinks(g, selection).size() != 1) {
            return Optional.of("a group has one output, but the selection ends in " + sinks(g, selection));
        }
        boolean hasInput =
                g.edges().stream().anyMatch(e -> selection.contains(e.to()) && !selection.contains(e.from()));
        if (!hasInput) {
            return Optional.of("the selection has no input from outside");
        }
        return Optional.empty();
    }

    private static List<String> sinks(Graph g, Set<String> selection) {
        return selection.stream()
                .filter(n -> g.outputs(n).stream().noneMatch(e -> selection.contains(e.to())))
                .sorted()
                .toList();
    }

    public static Edit group(Graph g, Set<String> selection, String name) {
        whyNotGroup(g, selection).ifPresent(msg -> {
            throw new IllegalArgumentException(msg);
        });
        Map<String, Integer> portOf = new LinkedHashMap<>(); // outside source -> port
        List<Node> inner = new ArrayList<>();
        List<Edge> innerEdges = new ArrayList<>();
        double x = 0;
        double y = 0;
        for (Node n : g.nodes()) {
            if (selection.contains(n.name())) {
                inner.add(n);
                x += n.position().x();
                y += n.position().y();
            }
        }
        for (Edge e : g.edges()) {
            if (selection.contains(e.to()) && !selection.contains(e.from())) {
                portOf.computeIfAbsent(e.from(), k -> portOf.size());
            }
        }
        List<Node> ports = new ArrayList<>();
        Map<String, String> portName = new HashMap<>();
        for (var p : portOf.entrySet()) {
            String pn = freshInside(inner, ports, "in" + (p.getValue() == 0 ? "" : p.getValue()));
            portName.put(p.getKey(), pn);
            ports.add(new Node(
                    pn,
                    Structural.PORT,
                    Structural.PORT.defaults().with("index", p.getValue()),
                    Position.ORIGIN,
                    null));
        }
        for (Edge e : g.edges()) {
            if (selection.contains(e.to())) {
                if (selection.contains(e.from())) {
                    innerEdges.add(e);
                } else {
                    innerEdges.add(new Edge(portName.get(e.from()), e.to(), e.toPort()));
                }
            }
        }
        String exit = g.edges().stream()
                .filter(e -> selection.contains(e.from()) && !selection.contains(e.to()))
                .map(Edge::from)
                .findFirst()
                .orElseGet(() -> sinks(g, selection).get(0));
        List<Node> bodyNodes = new ArrayList<>(ports);
        bodyNodes.addAll(inner);
        Subgraph body = new Subgraph(Graph.of(bodyNodes, innerEdges), exit);
        Node groupNode =
                new Node(name, Structural.GROUP, Params.EMPTY, new Position(x / inner.size(), y / inner.size()), body);
        Graph after = g.without(selection).withNode(groupNode);
        for (var p : portOf.entrySet()) {
            after = after.withEdge(new Edge(p.getKey(), name, p.getValue()));
        }
        for (Edge e : g.edges()) {
            if (e.from().equals(exit) && !selection.contains(e.to())) {
                after = after.withEdge(new Edge(name, e.to(), e.toPort()));
            }
        }
        return new ReplaceGraph(g, after, "Group " + selection.size() + " nodes as '" + name + "'");
    }

    private static String freshInside(List<Node> inner, List<Node> ports, String base) {
        String candidate = base;
        int i = 2;
        while (contains(inner, candidate) || contains(ports, candidate)) {
            candidate = base + "_" + i++;
        }
        return candidate;
    }

    private static boolean contains(List<Node> nodes, String name) {
        return nodes.stream().anyMatch(n -> n.name().equals(name));
    }

    /**
     * Replaces a group or named block by its parts. A named block is expanded for the shapes that
     * reach it ({@code inputShapes}), so its parts become editable primitives; their names get the
     * block's name as prefix ({@code res1_conv1}) to stay unique.
     */
    public static Edit ungroup(Graph g, String name, List<Shape> inputShapes) {
        Node block = g.node(name);
        if (!block.kind().composite()) {
            throw new IllegalArgumentException("'" + name + "' is a primitive and has nothing to ungroup");
        }
        Subgraph sub = Expander.expansionOf(block, inputShapes);
        boolean prefix = block.kind() != Structural.GROUP;
        Map<String, String> rename = new HashMap<>();
        Graph after = g.without(List.of(name));
        List<Edge> in = g.inputs(name);
        Map<Integer, String> sourceOfPort = new HashMap<>();
        in.forEach(e -> sourceOfPort.put(e.toPort(), e.from()));
        Graph laid = org.blockscope.graph.Layout.layered(sub.graph());
        for (Node n : laid.nodes()) {
            if (n.kind() == Structural.PORT) {
                rename.put(n.name(), sourceOfPort.get(n.params().getInt("index")));
                continue;
            }
            String base = prefix ? name + "_" + n.name() : n.name();
            String fresh = after.freshName(base);
            rename.put(n.name(), fresh);
            Position p = prefix
                    ? block.position().plus(n.position().x() * 0.8, n.position().y() * 0.8)
                    : sub.graph().node(n.name()).position();
            after = after.withNode(new Node(fresh, n.kind(), n.params(), p, n.body()));
        }
        for (Edge e : sub.graph().edges()) {
            String from = rename.get(e.from());
            if (from != null) {
                after = after.withEdge(new Edge(from, rename.get(e.to()), e.toPort()));
            }
        }
        String exit = rename.get(sub.output());
        for (Edge e : g.outputs(name)) {
            after = after.withEdge(new Edge(exit, e.to(), e.toPort()));
        }
        return new ReplaceGraph(g, after, "Ungroup '" + name + "'");
    }
}
