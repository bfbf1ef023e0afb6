package org.blockscope.shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.PrimitiveNode;

/**
 * A network with every named block replaced by its primitives, in topological order, with the
 * shape of every tensor and the diagnostics found on the way. Shapes, costs and the engine all read
 * this one expansion.
 */
public final class ExpandedGraph {

    private final Graph source;
    private final List<PrimitiveNode> nodes;
    private final Map<String, PrimitiveNode> byPath;
    private final Map<String, String> outputOf;
    private final List<String> order;
    private final List<Diagnostic> diagnostics;

    ExpandedGraph(
            Graph source,
            List<PrimitiveNode> nodes,
            Map<String, String> outputOf,
            List<String> order,
            List<Diagnostic> diagnostics) {
        this.source = source;
        this.nodes = List.copyOf(nodes);
        this.byPath = new LinkedHashMap<>();
        for (PrimitiveNode p : nodes) {
            byPath.put(p.path(), p);
        }
        this.outputOf = Collections.unmodifiableMap(outputOf);
        this.order = List.copyOf(order);
        this.diagnostics = List.copyOf(diagnostics);
    }

    public Graph source() {
        return source;
    }

    /** Every primitive, inputs before the nodes that use them. */
    public List<PrimitiveNode> nodes() {
        return nodes;
    }

    public Optional<PrimitiveNode> primitive(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Top-level node names in the order they are evaluated (nodes in cycles are missing). */
    public List<String> topLevelOrder() {
        return order;
    }

    /** The primitive whose output is the output of top-level node {@code name}, if its shape is known. */
    public Optional<PrimitiveNode> outputOf(String name) {
        String path = outputOf.get(name);
        return path == null ? Optional.empty() : Optional.of(byPath.get(path));
    }

    public Optional<Shape> shapeOf(String name) {
        return outputOf(name).map(PrimitiveNode::output);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> diagnosticsOf(String node) {
        return diagnostics.stream().filter(d -> node.equals(d.node())).toList();
    }
}
