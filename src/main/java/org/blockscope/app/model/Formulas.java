package org.blockscope.app.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockscope.cli.Numbers;
import org.blockscope.cost.NetworkAnalysis;
import org.blockscope.cost.NodeStats;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.graph.Params;
import org.blockscope.graph.Shape;
import org.blockscope.shape.Padding;
import org.blockscope.shape.PrimitiveNode;

/**
 * The four numbers of a block written out as formulas with the current values filled in, e.g.
 * {@code out = ⌊(56 + 2·1 − 3)/2⌋ + 1 = 28} or {@code 3·3·64·128 + 128 = 73,856}. A named block
 * shows the sum over the primitives it expands into. Pure Java: no JavaFX.
 */
public record Formulas(String size, String params, String macs, String rf) {

    static final String UNKNOWN = "connect the block to an input to see its numbers";
    private static final int MAX_TERMS = 6;

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
        return new Formulas(size(p), params(p), macs(p), rf(p, rin, rfOf(a, p.path())));
    }

    private static ReceptiveField inputRf(NetworkAnalysis a, PrimitiveNode p) {
        return p.inputs().isEmpty()
                ? ReceptiveField.PIXEL
                : a.primitive(p.inputs().get(0)).map(NodeStats::receptiveField).orElse(ReceptiveField.PIXEL);
    }

    private static ReceptiveField rfOf(NetworkAnalysis a, String path) {
        return a.primitive(path).map(NodeStats::receptiveField).orElse(ReceptiveField.PIXEL);
    }

    private static String size(PrimitiveNode p) {
        Shape out = p.output();
        if (p.inputShapes().isEmpty()) {
            return "the image: " + out;
        }
        Shape in = p.inputShapes().get(0);
        Params q = p.params();
        return switch (p.kind()) {
            case CONV2D, DEPTHWISE_CONV2D -> {
                int k = q.getInt("kernel");
                int s = q.getInt("stride");
                int d = q.getInt("dilation");
                int pad = Padding.pad(q);
                String h = convLine(in.height(), k, s, pad, d, out.height());
                String w = convLine(in.width(), k, s, pad, d, out.width());
                yield (in.height() == in.width() ? h : "height " + h + "; width " + w) + "  →  " + out;
            }
            case MAX_POOL, AVG_POOL -> {
                int k = q.getInt("kernel");
                int s = q.getInt("stride");
                int pad = Padding.pad(q);
                boolean ceil = q.getBool("ceilMode");
                String h = poolLine(in.height(), k, s, pad, ceil, out.height());
                String w = poolLine(in.width(), k, s, pad, ceil, out.width());
                yield (in.height() == in.width() ? h : "height " + h + "; width " + w) + "  →  " + out;
            }
            default -> in + " → " + out;
        };
    }

    // out = floor((in + 2p - d(k-1) - 1) / s) + 1   (PyTorch Conv2d docs)
    static String convLine(int in, int k, int s, int p, int d, int out) {
        String num = d == 1 ? in + " + 2·" + p + " − " + k : in + " + 2·" + p + " − " + d + "·(" + k + " − 1) − 1";
        String body = s == 1 ? "(" + num + ")" : "⌊(" + num + ")/" + s + "⌋";
        return "out = " + body + " + 1 = " + out;
    }

    // out = floor-or-ceil((in + 2p - k) / s) + 1   (PyTorch MaxPool2d docs)
    static String poolLine(int in, int k, int s, int p, boolean ceil, int out) {
        String num = in + " + 2·" + p + " − " + k;
        String body = s == 1 ? "(" + num + ")" : (ceil ? "⌈(" : "⌊(") + num + ")/" + s + (ceil ? "⌉" : "⌋");
        return "out = " + body + " + 1 = " + out;
    }

    private static String params(PrimitiveNode p) {
        return term(p, false)
                .map(t -> t + " = " + Numbers.grouped(count(p, false)))
                .orElse("0 (nothing to learn)");
    }

    private static String macs(PrimitiveNode p) {
        return term(p, true)
                .map(t -> t + " = " + Numbers.grouped(count(p, true)))
                .orElse("0 (only conv and fully connected layers count)");
    }

    /** The product written out, e.g. {@code 3·3·64·128 + 128}; empty for kinds that have none. */
    static Optional<String> term(PrimitiveNode p, boolean macs) {
        Shape out = p.output();
        Params q = p.params();
        switch (p.kind()) {
            case CONV2D -> {
                Shape in = p.inputShapes().get(0);
                int k = q.getInt("kernel");
                int g = q.getInt("groups");
                String cin = g == 1 ? Integer.toString(in.channels()) : "(" + in.channels() + "/" + g + ")";
                // MACs = H_out·W_out·C_out·(C_in/groups)·k²   (torchinfo / fvcore convention)
                if (macs) {
                    return Optional.of(
                            out.height() + "·" + out.width() + "·" + out.channels() + "·" + cin + "·" + k + "·" + k);
                }
                return Optional.of(k + "·" + k + "·" + cin + "·" + out.channels()
                        + (q.getBool("bias") ? " + " + out.channels() : ""));
            }
            case DEPTHWISE_CONV2D -> {
                int k = q.getInt("kernel");
                // one k×k filter per output channel   (MobileNet, Howard et al. 2017)
                if (macs) {
                    return Optional.of(out.height() + "·" + out.width() + "·" + out.channels() + "·" + k + "·" + k);
                }
                return Optional.of(
                        k + "·" + k + "·" + out.channels() + (q.getBool("bias") ? " + " + out.channels() : ""));
            }
            case FULLY_CONNECTED -> {
                long in = p.inputShapes().get(0).elements();
                if (macs) {
                    return Optional.of(in + "·" + out.channels());
                }
                return Optional.of(in + "·" + out.channels() + (q.getBool("bias") ? " + " + out.channels() : ""));
            }
            case BATCH_NORM -> {
                // γ and β are trained; running mean and variance are state, not parameters
                return macs ? Optional.empty() : Optional.of("2·" + out.channels());
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static long count(PrimitiveNode p, boolean macs) {
        var c = org.blockscope.cost.CostRules.of(p);
        return macs ? c.macs() : c.params();
    }

    // r_out = r_in + (k_eff − 1)·j_in,  j_out = j_in·s   (Araujo et al. 2019, Distill)
    private static String rf(PrimitiveNode p, ReceptiveField in, ReceptiveField out) {
        Params q = p.params();
        return switch (p.kind()) {
            case INPUT -> "r = 1 (one pixel sees itself)";
            case CONV2D, DEPTHWISE_CONV2D, MAX_POOL, AVG_POOL -> {
                int k = q.getInt("kernel");
                int d = q.has("dilation") ? q.getInt("dilation") : 1;
                int s = q.getInt("stride");
                String keff = d == 1 ? Integer.toString(k) : d + "·(" + k + " − 1) + 1";
                yield "r = " + in.size() + " + (" + keff + " − 1)·" + in.jump() + " = " + out.size() + " px;  jump = "
                        + in.jump() + "·" + s + " = " + out.jump();
            }
            case GLOBAL_AVG_POOL, FLATTEN, FULLY_CONNECTED ->
                p.inputShapes().get(0).vector()
                        ? "r = " + out.size() + " px (unchanged)"
                        : "sees the whole map: r = " + out.size() + " px";
            default -> "r = " + out.size() + " px (unchanged: no window)";
        };
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
            return macs ? "0 (only conv and fully connected layers count)" : "0 (nothing to learn)";
        }
        String more = hidden == 0 ? "" : " + … " + hidden + " more";
        return String.join(" + ", terms) + more + " = " + Numbers.grouped(total);
    }
}
