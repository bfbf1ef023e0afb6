package org.blockscope.shape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.block.Expansion;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.primitive.ShapeResult;

/**
 * Expands a graph into primitives while inferring shapes: a named block's expansion depends on the
 * shapes reaching it, so both happen in one walk in topological order. Every user mistake becomes a
 * {@link Diagnostic}; nothing downstream of a failed node is reported again.
 */
public final class Expander {

    /** Expansions are pure functions of (kind, parameters, input shapes): cache them. */
    private record CacheKey(BlockKind kind, Params params, List<Shape> inputs) {}

    private static final int CACHE_SIZE = 4096;
    private static final Map<CacheKey, Subgraph> CACHE =
            Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<CacheKey, Subgraph> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    private record Src(String path, Shape shape) {}

    private final List<PrimitiveNode> prims = new ArrayList<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private Expander() {}

    /** Forgets cached expansions (benchmarks measure the cold path with it). */
    public static void clearCache() {
        CACHE.clear();
    }

    public static ExpandedGraph expand(Graph g) {
        return new Expander().run(g);
    }

    /** The subgraph a named block expands to for the given input shapes (for "open block"). */
    public static Subgraph expansionOf(Node node, List<Shape> inputs) {
        if (node.kind() == Structural.GROUP) {
            return node.body();
        }
        if (!(node.kind() instanceof NamedBlock named)) {
            throw new IllegalArgumentException(node.kind() + " has no expansion");
        }
        CacheKey key = new CacheKey(node.kind(), node.params(), List.copyOf(inputs));
        Subgraph cached = CACHE.get(key);
        if (cached == null) {
            cached = named.expansion().expand(node.params(), inputs);
            CACHE.put(key, cached);
        }
        return cached;
    }

    private ExpandedGraph run(Graph g) {
        TopologicalOrder.Result topo = TopologicalOrder.of(g);
        for (List<String> cycle : topo.cycles()) {
            String path = String.join(" → ", cycle);
            for (String n : new java.util.LinkedHashSet<>(cycle)) {
                diagnostics.add(Diagnostic.error(n, "is part of a cycle: " + path));
            }
        }
        checkPorts(g);
        Map<String, Src> out = walk(g, topo.order(), "", List.of(), null);
        Map<String, String> outputOf = new HashMap<>();
        out.forEach((k, v) -> {
            if (v != null) {
                outputOf.put(k, v.path());
            }
        });
        checkWholeNetwork(g);
        return new ExpandedGraph(g, prims, outputOf, topo.order(), diagnostics);
    }

    private void checkPorts(Graph g) {
        for (Node n : g.nodes()) {
            BlockKind k = n.kind();
            int max = k == Structural.GROUP ? portCount(n.body()) : k.maxInputs();
            for (Edge e : g.inputs(n.name())) {
                if (e.toPort() >= max) {
                    diagnostics.add(Diagnostic.error(
                            n.name(),
                            "input port " + e.toPort() + " does not exist (" + k.displayName() + " has "
                                    + (max == 0 ? "no inputs" : max == 1 ? "one input" : max + " inputs") + ")"));
                }
            }
        }
    }

    private static int portCount(Subgraph body) {
        return (int) body.graph().nodes().stream()
                .filter(n -> n.kind() == Structural.PORT)
                .count();
    }

    private void checkWholeNetwork(Graph g) {
        List<String> inputs = g.nodes().stream()
                .filter(n -> n.kind() == Primitive.INPUT)
                .map(Node::name)
                .toList();
        if (inputs.isEmpty()) {
            diagnostics.add(Diagnostic.error(null, "no Input node: every network starts with one"));
        } else if (inputs.size() > 1) {
            for (String extra : inputs.subList(1, inputs.size())) {
                diagnostics.add(
                        Diagnostic.error(extra, "only one Input is supported, found " + inputs.size() + ": " + inputs));
            }
        }
        boolean hasOutput = prims.stream()
                .anyMatch(p -> p.kind() == Primitive.CLASSIFIER && !p.params().getBool("trainingOnly"));
        boolean hasClassifierNode = g.nodes().stream()
                .anyMatch(n -> n.kind() == Primitive.CLASSIFIER
                        && !Boolean.TRUE.equals(n.params().asMap().get("trainingOnly")));
        if (!hasOutput && !hasClassifierNode) {
            diagnostics.add(Diagnostic.error(null, "no output: end the network with a Classifier"));
        }
        for (Node n : g.nodes()) {
            boolean sink = n.kind() == Primitive.CLASSIFIER || n.kind() == NamedBlock.AUX_CLASSIFIER;
            if (!sink && g.outputs(n.name()).isEmpty()) {
                diagnostics.add(Diagnostic.warning(n.name(), "output is not used by any node"));
            }
        }
    }

    /** Walks one graph level; returns each node's output source (null where unknown). */
    private Map<String, Src> walk(Graph g, List<String> order, String prefix, List<Src> ports, String owner) {
        Map<String, Src> result = new HashMap<>();
        for (String name : order) {
            Node node = g.node(name);
            String path = prefix + name;
            String own = owner == null ? name : owner;
            if (node.kind() == Structural.PORT) {
                int index = node.params().getInt("index");
                if (index >= ports.size()) {
                    report(own, path, "uses input port " + index + " but the block has " + ports.size());
                    result.put(name, null);
                } else {
                    result.put(name, ports.get(index));
                }
                continue;
            }
            List<Src> ins = inputsOf(g, node, result, own, path);
            if (ins == null) {
                result.put(name, null);
                continue;
            }
            List<String> bad = node.kind().validate(node.params());
            if (!bad.isEmpty()) {
                report(own, path, String.join("; ", bad));
                result.put(name, null);
                continue;
            }
            List<Shape> shapes = ins.stream().map(Src::shape).toList();
            if (!(node.kind() instanceof Primitive primitive)) {
                result.put(name, expandComposite(node, ins, shapes, path, own));
            } else {
                ShapeResult r = primitive.rule().shape(node.params(), shapes);
                if (!r.ok()) {
                    report(own, path, r.error());
                    result.put(name, null);
                } else {
                    prims.add(new PrimitiveNode(
                            path,
                            primitive,
                            node.params(),
                            ins.stream().map(Src::path).toList(),
                            shapes,
                            r.shape(),
                            own));
                    result.put(name, new Src(path, r.shape()));
                }
            }
        }
        return result;
    }

    private Src expandComposite(Node node, List<Src> ins, List<Shape> shapes, String path, String own) {
        Subgraph sub;
        try {
            sub = expansionOf(node, shapes);
        } catch (Expansion.Impossible e) {
            report(own, path, e.getMessage());
            return null;
        }
        TopologicalOrder.Result topo = TopologicalOrder.of(sub.graph());
        if (!topo.cycles().isEmpty()) {
            report(
                    own,
                    path,
                    "its inside has a cycle: "
                            + String.join(" → ", topo.cycles().get(0)));
            return null;
        }
        Map<String, Src> inner = walk(sub.graph(), topo.order(), path + "/", ins, own);
        return inner.get(sub.output());
    }

    /** Input sources in port order, or null (after reporting) if a port is open or upstream failed. */
    private List<Src> inputsOf(Graph g, Node node, Map<String, Src> result, String own, String path) {
        List<Edge> edges = g.inputs(node.name());
        int required = node.kind() == Structural.GROUP
                ? portCount(node.body())
                : node.kind().variadic() ? node.kind().minInputs() : node.kind().maxInputs();
        List<Src> ins = new ArrayList<>();
        boolean missing = false;
        int ports = node.kind().variadic() && !edges.isEmpty()
                ? Math.max(required, edges.get(edges.size() - 1).toPort() + 1)
                : required;
        for (int port = 0; port < ports; port++) {
            final int p = port;
            Edge e = edges.stream().filter(x -> x.toPort() == p).findFirst().orElse(null);
            if (e == null) {
                if (port < required) {
                    report(own, path, "input port " + port + " is not connected");
                    missing = true;
                }
                continue;
            }
            if (!result.containsKey(e.from())) {
                return null; // upstream is in a cycle: already reported
            }
            ins.add(result.get(e.from()));
        }
        if (missing || ins.contains(null)) {
            return null;
        }
        return ins;
    }

    private void report(String owner, String path, String message) {
        String where = path.equals(owner) ? "" : path.substring(owner.length() + 1) + ": ";
        diagnostics.add(Diagnostic.error(owner, where + message));
    }
}
