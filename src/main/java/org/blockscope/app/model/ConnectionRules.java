package org.blockscope.app.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/** Which connections the editor allows, and why not: pure decisions over an immutable graph. */
final class ConnectionRules {

    private ConnectionRules() {}

    /** Why an edge from {@code from}'s output into port {@code port} of {@code to} would be wrong (empty: fine). */
    static Optional<String> whyNot(Graph g, String from, String to, int port) {
        if (from.equals(to)) {
            return Optional.of("a node cannot feed itself");
        }
        Node target = g.node(to);
        Node source = g.node(from);
        if (source.kind() == Primitive.CLASSIFIER) {
            return Optional.of("'" + from + "' is an output: nothing can follow a Classifier");
        }
        int ports = target.kind() == Structural.GROUP
                ? (int) target.body().graph().nodes().stream()
                        .filter(n -> n.kind() == Structural.PORT)
                        .count()
                : target.kind().inputPorts(g.inputs(to).size());
        if (ports == 0) {
            return Optional.of("'" + to + "' (" + target.kind().displayName() + ") takes no input");
        }
        if (port >= ports) {
            return Optional.of("'" + to + "' has no input port " + port);
        }
        if (reaches(g, to, from)) {
            return Optional.of("this would make a cycle: '" + to + "' already feeds '" + from + "'");
        }
        if (g.edgeInto(to, port).filter(e -> e.from().equals(from)).isPresent()) {
            return Optional.of("already connected");
        }
        Graph trial = connected(g, from, to, port);
        NetworkAnalysis a = NetworkAnalysis.of(trial);
        return a.diagnostics().stream()
                .filter(d -> to.equals(d.node()) && d.isError() && !d.message().contains("is not connected"))
                .map(Diagnostic::message)
                .findFirst();
    }

    /** The first free input port of {@code to} (variadic kinds always have one). */
    static int freePort(Graph g, String to) {
        Node n = g.node(to);
        int ports = n.kind() == Structural.GROUP
                ? Integer.MAX_VALUE
                : n.kind().inputPorts(g.inputs(to).size());
        for (int p = 0; p < ports; p++) {
            if (g.edgeInto(to, p).isEmpty()) {
                return p;
            }
        }
        return 0;
    }

    private static Graph connected(Graph g, String from, String to, int port) {
        Graph r = g;
        Optional<Edge> old = g.edgeInto(to, port);
        if (old.isPresent()) {
            r = r.withoutEdge(old.get());
        }
        return r.withEdge(new Edge(from, to, port));
    }

    private static boolean reaches(Graph g, String start, String goal) {
        Set<String> seen = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(start));
        while (!stack.isEmpty()) {
            String n = stack.remove(stack.size() - 1);
            if (n.equals(goal)) {
                return true;
            }
            if (seen.add(n)) {
                g.outputs(n).forEach(e -> stack.add(e.to()));
            }
        }
        return false;
    }
}
