package org.blockscope.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.blockscope.cost.Cost;
import org.blockscope.cost.Counting;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;
import org.blockscope.shape.Expander;

/**
 * Everything the summary, the canvas labels and the teaching panel show about a network: shapes,
 * costs and receptive fields per primitive and per top-level node, totals and diagnostics. All of
 * it is computed from the one expansion made by {@link Expander}.
 */
public final class NetworkAnalysis {

    private final ExpandedGraph expanded;
    private final Map<String, NodeStats> primitives = new LinkedHashMap<>();
    private final Map<String, NodeStats> topLevel = new LinkedHashMap<>();
    private final Cost total;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Diagnostic> counting = new ArrayList<>();

    /** Above these a figure describes no network anyone has trained: said as a warning. */
    static final long MAX_REAL_MACS = 1_000_000_000_000_000L;

    static final long MAX_REAL_PARAMS = 1_000_000_000_000L;

    private NetworkAnalysis(ExpandedGraph expanded) {
        this.expanded = expanded;
        Map<String, ReceptiveField> rf = new HashMap<>();
        Map<String, Cost> byOwner = new HashMap<>();
        Cost sum = Cost.ZERO;
        for (PrimitiveNode p : expanded.nodes()) {
            Cost c = costOf(p);
            checkCountable(p, c);
            ReceptiveField r = receptiveField(p, rf);
            rf.put(p.path(), r);
            primitives.put(p.path(), new NodeStats(p.path(), p.kind().displayName(), p.output(), c, r));
            byOwner.merge(p.owner(), c, Cost::plus);
            sum = sum.plus(c);
        }
        this.total = sum;
        diagnostics.addAll(expanded.diagnostics());
        diagnostics.addAll(counting);
        if (counting.isEmpty() && (sum.macs() > MAX_REAL_MACS || sum.params() > MAX_REAL_PARAMS)) {
            diagnostics.add(Diagnostic.warning(
                    null,
                    Numbers.grouped(sum.params()) + " parameters and " + Numbers.grouped(sum.macs())
                            + " MACs per image: beyond any real network (the largest published CNNs have about 10^9"
                            + " parameters and 10^12 MACs); check the input size and the widths"));
        }
        Graph g = expanded.source();
        for (String name : expanded.topLevelOrder()) {
            Node n = g.node(name);
            Optional<PrimitiveNode> out = expanded.outputOf(name);
            if (out.isEmpty()) {
                continue;
            }
            topLevel.put(
                    name,
                    new NodeStats(
                            name,
                            n.kind().displayName(),
                            out.get().output(),
                            byOwner.getOrDefault(name, Cost.ZERO),
                            rf.get(out.get().path())));
        }
    }

    private void checkCountable(PrimitiveNode p, Cost c) {
        List<String> what = new ArrayList<>();
        if (c.params() == Counting.OVERFLOW) {
            what.add("parameters");
        }
        if (c.macs() == Counting.OVERFLOW) {
            what.add("MACs");
        }
        if (c.memoryBytes() == Counting.OVERFLOW) {
            what.add("activation memory");
        }
        if (!what.isEmpty()) {
            String where = p.path().equals(p.owner()) ? "" : p.localName() + ": ";
            counting.add(Diagnostic.error(
                    p.owner(),
                    where + "its " + String.join(" and ", what) + " are too large to count (over 9.2·10^18):"
                            + " beyond any real network; reduce the input size, the filters or the kernel"));
        }
    }

    public static NetworkAnalysis of(Graph g) {
        return new NetworkAnalysis(Expander.expand(g));
    }

    public static NetworkAnalysis of(ExpandedGraph expanded) {
        return new NetworkAnalysis(expanded);
    }

    private static ReceptiveField receptiveField(PrimitiveNode p, Map<String, ReceptiveField> rf) {
        ReceptiveField in = ReceptiveField.PIXEL;
        for (int k = 0; k < p.inputs().size(); k++) {
            ReceptiveField r = rf.get(p.inputs().get(k));
            if (k == 0) {
                in = r;
            } else if (p.inputShapes().get(k).vector()
                    && !p.inputShapes().get(0).vector()) {
                // a per-channel vector (the SE gate) widens what each output sees, but the grid of
                // outputs, and so the jump between neighbours, is the map's
                in = new ReceptiveField(Math.max(in.size(), r.size()), in.jump());
            } else {
                in = ReceptiveField.widest(in, r);
            }
        }
        return p.kind().rule().receptiveField(p, in);
    }

    /** What one primitive costs: its rule's counts plus its output activations in float32. */
    public static Cost costOf(PrimitiveNode p) {
        Cost c = p.kind().rule().cost(p);
        return new Cost(
                c.params(), c.state(), c.macs(), Counting.times(p.output().elements(), Cost.BYTES_PER_VALUE));
    }

    public ExpandedGraph expanded() {
        return expanded;
    }

    /** Stats of every primitive, in evaluation order. */
    public List<NodeStats> primitiveStats() {
        return new ArrayList<>(primitives.values());
    }

    public Optional<NodeStats> primitive(String path) {
        return Optional.ofNullable(primitives.get(path));
    }

    /** Stats of every top-level node whose shape is known, in evaluation order. */
    public List<NodeStats> nodeStats() {
        return new ArrayList<>(topLevel.values());
    }

    public Optional<NodeStats> node(String name) {
        return Optional.ofNullable(topLevel.get(name));
    }

    public Cost total() {
        return total;
    }

    /** The expansion's diagnostics, then counts too large to be real. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
