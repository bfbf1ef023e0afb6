package org.blockscope.app.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * Repeated stages: chains of two or more named blocks of one kind, each feeding only the next,
 * whose names differ only in a trailing number or letter ({@code layer2_0 … layer2_3},
 * {@code inception4a … inception4e}). A stage can be drawn as one box labelled "layer2 × 4".
 */
public final class Stages {

    private static final Pattern INDEXED = Pattern.compile("^(.*?)[_.-]?(\\d+)$");
    private static final Pattern LETTERED = Pattern.compile("^(.*\\d)([a-z])$");

    private Stages() {}

    /** One stage: its label's stem ("layer2") and its members in flow order. */
    public record Stage(String stem, List<String> members) {
        /** The stage is known by its first member's name. */
        public String id() {
            return members.get(0);
        }

        public String label() {
            return stem + " × " + members.size();
        }

        public String last() {
            return members.get(members.size() - 1);
        }
    }

    public static List<Stage> of(Graph g) {
        List<Stage> out = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Node n : g.nodes()) {
            if (taken.contains(n.name()) || !n.kind().composite() || stem(n.name()) == null) {
                continue;
            }
            if (previous(g, n) != null) {
                continue; // not the head of its chain
            }
            List<String> chain = new ArrayList<>(List.of(n.name()));
            Node cur = n;
            Node next;
            while ((next = next(g, cur)) != null) {
                chain.add(next.name());
                cur = next;
            }
            if (chain.size() >= 2) {
                out.add(new Stage(stem(n.name()), List.copyOf(chain)));
                taken.addAll(chain);
            }
        }
        return out;
    }

    /** The name without its trailing index, or null when it has none. */
    static String stem(String name) {
        Matcher m = INDEXED.matcher(name);
        if (m.matches() && !m.group(1).isEmpty()) {
            return m.group(1);
        }
        m = LETTERED.matcher(name);
        return m.matches() ? m.group(1) : null;
    }

    /** The member after {@code n} in its stage: its only successor, fed only by {@code n}, same kind and stem. */
    private static Node next(Graph g, Node n) {
        List<Edge> out = g.outputs(n.name());
        if (out.size() != 1) {
            return null;
        }
        Node m = g.node(out.get(0).to());
        return sameStage(g, n, m) ? m : null;
    }

    private static Node previous(Graph g, Node n) {
        List<Edge> in = g.inputs(n.name());
        if (in.size() != 1) {
            return null;
        }
        Node p = g.node(in.get(0).from());
        return g.outputs(p.name()).size() == 1 && sameStage(g, p, n) ? p : null;
    }

    private static boolean sameStage(Graph g, Node a, Node b) {
        return a.kind() == b.kind()
                && g.inputs(b.name()).size() == 1
                && stem(a.name()) != null
                && stem(a.name()).equals(stem(b.name()));
    }
}
