package org.blockscope.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.primitive.PrimitiveRule;

/**
 * The four numbers of a block written out as formulas with the current values filled in, e.g.
 * {@code out = ⌊(56 + 2·1 − 3)/2⌋ + 1 = 28} or {@code 3·3·64·128 + 128 = 73,856}. A named block
 * shows the sum over the primitives it expands into. Pure Java: no JavaFX.
 */
public record Formulas(String size, String params, String macs, String rf) {

    static final String UNKNOWN = "connect the block to an input to see its numbers";
    private static final int MAX_TERMS = 6;
    private static final String NO_PARAMS = "0 (nothing to learn)";
    private static final String NO_MACS = "0 (only conv and fully connected layers count)";

    public static Formulas unknown() {
        return new Formulas(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    /** Formulas of top-level node {@code name}, or {@link #unknown()} if its shape is not known. */
    public static Formulas of(NetworkAnalysis a, String name) {
        Optional<PrimitiveNode> out = a.expanded().outputOf(name);
        Optional<NodeStats> stats = a.node(name);
        if (out.isEmpty() || stats.isEmpty()) {
            return a.expanded().diagnosticsOf(name).stream()
                    .filter(d -> d.isError())
                    .findFirst()
                    .map(d -> "no output shape: " + d.message())
                    .map(m -> new Formulas(m, m, m, m))
                    .orElse(unknown());
        }
        PrimitiveNode p = out.get();
        if (p.path().equals(name)) {
            return primitive(a, p);
        }
        return composite(a, name, stats.get());
    }

    // ---- primitives ----------------------------------------------------------------------------

    static Formulas primitive(NetworkAnalysis a, PrimitiveNode p) {
        ReceptiveField rin = inputRf(a, p);
        PrimitiveRule rule = p.kind().rule();
        return new Formulas(rule.sizeFormula(p), params(p), macs(p), rule.rfFormula(p, rin, rfOf(a, p.path())));
    }

    private static ReceptiveField inputRf(NetworkAnalysis a, PrimitiveNode p) {
        return p.inputs().isEmpty()
                ? ReceptiveField.PIXEL
                : a.primitive(p.inputs().get(0)).map(NodeStats::receptiveField).orElse(ReceptiveField.PIXEL);
    }

    private static ReceptiveField rfOf(NetworkAnalysis a, String path) {
        return a.primitive(path).map(NodeStats::receptiveField).orElse(ReceptiveField.PIXEL);
    }

    private static String params(PrimitiveNode p) {
        return p.kind()
                .rule()
                .paramsTerm(p)
                .map(t -> t + " = " + Numbers.grouped(count(p, false)))
                .orElse(NO_PARAMS);
    }

    private static String macs(PrimitiveNode p) {
        return p.kind()
                .rule()
                .macsTerm(p)
                .map(t -> t + " = " + Numbers.grouped(count(p, true)))
                .orElse(NO_MACS);
    }

    private static long count(PrimitiveNode p, boolean macs) {
        Cost c = p.kind().rule().cost(p);
        return macs ? c.macs() : c.params();
    }

    // ---- named blocks and groups ---------------------------------------------------------------

    private static Formulas composite(NetworkAnalysis a, String name, NodeStats stats) {
        List<PrimitiveNode> inside = a.expanded().nodes().stream()
                .filter(p -> p.owner().equals(name))
                .toList();
        Shape in = inside.stream()
                .filter(p -> !p.inputShapes().isEmpty())
                .findFirst()
                .map(p -> p.inputShapes().get(0))
                .orElse(stats.output());
        ReceptiveField rin = inside.isEmpty() ? ReceptiveField.PIXEL : inputRf(a, inside.get(0));
        String size = in + " → " + stats.output() + "  (" + inside.size() + " primitives inside)";
        String params = sum(inside, false, stats.cost().params());
        String macs = sum(inside, true, stats.cost().macs());
        ReceptiveField rout = stats.receptiveField();
        String rf =
                "r grows from " + rin.size() + " to " + rout.size() + " px;  jump " + rin.jump() + " → " + rout.jump();
        return new Formulas(size, params, macs, rf);
    }

    private static String sum(List<PrimitiveNode> inside, boolean macs, long total) {
        List<String> terms = new ArrayList<>();
        int hidden = 0;
        for (PrimitiveNode p : inside) {
            long c = count(p, macs);
            if (c == 0) {
                continue;
            }
            if (terms.size() < MAX_TERMS) {
                terms.add(Numbers.grouped(c) + " (" + p.localName() + ")");
            } else {
                hidden++;
            }
        }
        if (terms.isEmpty()) {
            return macs ? NO_MACS : NO_PARAMS;
        }
        String more = hidden == 0 ? "" : " + … " + hidden + " more";
        return String.join(" + ", terms) + more + " = " + Numbers.grouped(total);
    }
}
