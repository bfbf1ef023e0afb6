package org.blockscope.design;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Layout;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Inputs;
import org.blockscope.templates.Rounding;

/**
 * Scales a network in depth, width and resolution (Tan and Le 2019, section 3): depth multiplies the
 * repeats of each stage (⌈n·d⌉), width every channel count (rounded to a multiple of 8 as the
 * reference implementations do), resolution the input's height and width. Any network: stages are
 * found as runs of equal named blocks ({@link Stages}), channel counts by kind ({@link WidthParams}).
 */
public record Scaling(double depth, double width, double resolution) {

    /** EfficientNet's coefficients from the grid search at φ = 1: α = 1.2, β = 1.1, γ = 1.15 (section 3.3). */
    public static final double ALPHA = 1.2;

    public static final double BETA = 1.1;
    public static final double GAMMA = 1.15;

    public Scaling {
        if (!(depth > 0 && width > 0 && resolution > 0) || depth > 100 || width > 100 || resolution > 100) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "depth, width and resolution must be between 0 and 100 (×), got %s, %s, %s",
                    depth,
                    width,
                    resolution));
        }
    }

    public static final Scaling NONE = new Scaling(1, 1, 1);

    /** Compound scaling: depth α^φ, width β^φ, resolution γ^φ, so FLOPs grow by about (α·β²·γ²)^φ ≈ 2^φ. */
    public static Scaling compound(double phi) {
        return new Scaling(Math.pow(ALPHA, phi), Math.pow(BETA, phi), Math.pow(GAMMA, phi));
    }

    /** The network scaled, and what the scaling could not do, in words. */
    public record Result(Graph graph, List<String> notes) {}

    public Result apply(Graph g) {
        List<String> notes = new ArrayList<>();
        Graph r = g;
        if (depth != 1) {
            r = scaleDepth(r, notes);
        }
        if (width != 1) {
            r = scaleWidth(r);
        }
        if (resolution != 1) {
            Shape in = Inputs.of(r).orElse(null);
            if (in == null) {
                notes.add("no Input node: resolution unchanged");
            } else {
                int h = (int) Math.max(1, Math.round(in.height() * resolution));
                int w = (int) Math.max(1, Math.round(in.width() * resolution));
                r = Inputs.with(r, Shape.map(in.channels(), h, w));
            }
        }
        return new Result(depth != 1 ? Layout.layered(r) : r, notes);
    }

    // ---- depth ---------------------------------------------------------------------------------

    private Graph scaleDepth(Graph g, List<String> notes) {
        Graph r = g;
        boolean any = false;
        for (List<String> run : Stages.of(g)) {
            Node first = g.node(run.get(0));
            NamedBlock kind = (NamedBlock) first.kind();
            switch (KindScaling.depth(kind)) {
                case REPEAT -> {
                    r = Stages.resize(r, run, Rounding.scaleDepth(run.size(), depth));
                    any = true;
                }
                case PARAMETER -> {
                    for (String name : run) {
                        Node n = g.node(name);
                        String key = KindScaling.repeatsParameter(kind);
                        int scaled = Rounding.scaleDepth(n.params().getInt(key), depth);
                        r = r.withReplaced(n.withParams(n.params().with(key, scaled)));
                    }
                    any = true;
                }
                case NEVER -> {
                    // heads, transitions and attention modules are not stages
                }
            }
        }
        if (!any) {
            notes.add("no repeated blocks found (a stage is a run of equal named blocks): depth unchanged");
        }
        return r;
    }

    // ---- width ---------------------------------------------------------------------------------

    private Graph scaleWidth(Graph g) {
        Graph r = g;
        for (Node n : g.nodes()) {
            Node scaled = n;
            if (n.body() != null) {
                Subgraph b = n.body();
                scaled = new Node(
                        n.name(), n.kind(), n.params(), n.position(), new Subgraph(scaleWidth(b.graph()), b.output()));
            }
            if (!(n.kind() == Primitive.FULLY_CONNECTED && Classes.feedsClassifier(g, n.name()))) {
                Params p = n.params();
                int divisor = KindScaling.divisor(n.kind(), p);
                for (String key : KindScaling.channels(n.kind())) {
                    int v = p.getInt(key);
                    if (v > 0) { // 0 means "none" or "derived" (Inception's c1, SE's squeeze)
                        p = p.with(key, Rounding.makeDivisible(v * width, divisor));
                    }
                }
                if (n.kind() == Primitive.CONV2D
                        && n.params().getInt("groups") == n.params().getInt("filters")) {
                    p = p.with("groups", p.getInt("filters")); // a depthwise conv written as a grouped one
                }
                scaled = scaled.withParams(p);
            }
            if (!scaled.equals(n)) {
                r = r.withReplaced(scaled);
            }
        }
        return r;
    }
}
