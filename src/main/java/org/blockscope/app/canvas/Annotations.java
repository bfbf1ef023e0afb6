package org.blockscope.app.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.graph.Diagnostic;

/** What the canvas writes on the nodes of one graph: stats and problems by node name. */
record Annotations(Map<String, NodeStats> stats, Map<String, List<Diagnostic>> problems) {

    static final Annotations NONE = new Annotations(Map.of(), Map.of());

    static Annotations of(NetworkAnalysis a) {
        if (a == null) {
            return NONE;
        }
        Map<String, NodeStats> stats = new HashMap<>();
        a.nodeStats().forEach(s -> stats.put(s.name(), s));
        Map<String, List<Diagnostic>> problems = new HashMap<>();
        for (Diagnostic d : a.diagnostics()) {
            if (d.node() != null) {
                problems.merge(d.node(), List.of(d), (x, y) -> {
                    List<Diagnostic> l = new java.util.ArrayList<>(x);
                    l.addAll(y);
                    return List.copyOf(l);
                });
            }
        }
        return new Annotations(stats, problems);
    }

    Optional<NodeStats> node(String name) {
        return Optional.ofNullable(stats.get(name));
    }

    List<Diagnostic> problems(String name) {
        return problems.getOrDefault(name, List.of());
    }
}
