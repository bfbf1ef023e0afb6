package org.blockscope.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Params;

/**
 * The stages of a network: runs of named blocks of one kind, each feeding only the next, that differ
 * at most in what the first block of a stage changes (its stride, and ShuffleNet's ungrouped first
 * 1×1). EfficientNet's rows of table 1, ResNet's layers and RegNet's stages are such runs.
 */
final class Stages {

    private Stages() {}

    /** What only the first block of a stage may set differently. */
    private static final Set<String> FIRST_ONLY = Set.of("stride", "groupFirst");

    /** Each run as its node names, in order; runs of one block included. */
    static List<List<String>> of(Graph g) {
        List<List<String>> runs = new ArrayList<>();
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (Node n : g.nodes()) {
            if (!(n.kind() instanceof NamedBlock) || taken.contains(n.name()) || continues(g, n)) {
                continue;
            }
            List<String> run = new ArrayList<>(List.of(n.name()));
            Node last = n;
            Node next;
            while ((next = successor(g, last)) != null && sameStage(n, next)) {
                run.add(next.name());
                last = next;
            }
            taken.addAll(run);
            runs.add(run);
        }
        return runs;
    }

    /** Whether n is the second or later block of a run (so a run starts before it). */
    private static boolean continues(Graph g, Node n) {
        List<Edge> in = g.inputs(n.name());
        if (in.size() != 1) {
            return false;
        }
        Node prev = g.node(in.get(0).from());
        return successor(g, prev) == n && sameStage(prev, n);
    }

    /** The only consumer of n, if n has exactly one and it has n as its only input. */
    private static Node successor(Graph g, Node n) {
        List<Edge> out = g.outputs(n.name());
        if (out.size() != 1) {
            return null;
        }
        Node next = g.node(out.get(0).to());
        return g.inputs(next.name()).size() == 1 ? next : null;
    }

    private static boolean sameStage(Node first, Node later) {
        if (first.kind() != later.kind()) {
            return false;
        }
        Params a = first.params();
        Params b = later.params();
        if (b.has("stride") && b.getInt("stride") != 1) {
            return false;
        }
        for (String k : a.asMap().keySet()) {
            if (!FIRST_ONLY.contains(k) && !a.get(k).equals(b.get(k))) {
                return false;
            }
        }
        return true;
    }

    /** The run made {@code target} blocks long: stride-1 copies of its last block added, or blocks dropped from its end. */
    static Graph resize(Graph g, List<String> run, int target) {
        if (target == run.size()) {
            return g;
        }
        String last = run.get(run.size() - 1);
        List<Edge> after = g.outputs(last);
        Graph r = g;
        for (Edge e : after) {
            r = r.withoutEdge(e);
        }
        String tail;
        if (target < run.size()) {
            r = r.without(run.subList(target, run.size()));
            tail = run.get(target - 1);
        } else {
            Node template = g.node(last);
            Params p = template.params();
            if (p.has("stride")) {
                p = p.with("stride", 1);
            }
            if (p.has("groupFirst")) {
                p = p.with("groupFirst", true);
            }
            tail = last;
            for (int i = run.size(); i < target; i++) {
                String name = r.freshName(copyName(run.get(0), last, i, i - run.size() + 1));
                r = r.withNode(Node.of(name, template.kind(), p)).withEdge(new Edge(tail, name, 0));
                tail = name;
            }
        }
        for (Edge e : after) {
            r = r.withEdge(new Edge(tail, e.to(), e.toPort()));
        }
        return r;
    }

    /** {@code layer1_2} after {@code layer1_0, layer1_1}; {@code block3_r1} after {@code block2, block3}. */
    private static String copyName(String first, String last, int index, int copy) {
        if (first.matches(".*_\\d+$")) {
            return first.substring(0, first.lastIndexOf('_')) + "_" + index;
        }
        return last + "_r" + copy;
    }
}
