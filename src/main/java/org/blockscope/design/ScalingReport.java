package org.blockscope.design;

import java.util.Locale;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.Numbers;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Inputs;

/**
 * A network and its scaled version side by side: input, number of primitives, parameters, MACs,
 * activation memory, with the ratios and the growth compound scaling predicts. {@code graph} is the
 * scaled network.
 */
public record ScalingReport(Scaling scaling, Graph graph, Side original, Side scaled, java.util.List<String> notes) {

    /** One network's figures. */
    public record Side(Shape input, int primitives, Cost cost, boolean valid) {
        static Side of(Graph g) {
            NetworkAnalysis a = NetworkAnalysis.of(g);
            return new Side(
                    Inputs.of(g).orElse(Shape.map(0, 0, 0)),
                    a.expanded().nodes().size(),
                    a.inference(),
                    !a.hasErrors());
        }
    }

    public static ScalingReport of(Graph original, Scaling s) {
        Scaling.Result r = s.apply(original);
        return new ScalingReport(s, r.graph(), Side.of(original), Side.of(r.graph()), r.notes());
    }

    /** FLOPs growth d·w²·r² (Tan and Le 2019, section 3.3): convs cost depth × width² × resolution². */
    public double predictedFlopsRatio() {
        return scaling.depth() * scaling.width() * scaling.width() * scaling.resolution() * scaling.resolution();
    }

    public double measuredFlopsRatio() {
        return (double) scaled.cost().macs() / original.cost().macs();
    }

    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("depth ×")
                .append(factor(scaling.depth()))
                .append(", width ×")
                .append(factor(scaling.width()))
                .append(", resolution ×")
                .append(factor(scaling.resolution()))
                .append('\n');
        sb.append(String.format(Locale.ROOT, "%-22s%20s%20s%10s%n", "", "original", "scaled", "ratio"));
        row(sb, "Input", original.input().toString(), scaled.input().toString(), "");
        row(
                sb,
                "Primitives",
                Integer.toString(original.primitives()),
                Integer.toString(scaled.primitives()),
                ratio(scaled.primitives(), original.primitives()));
        row(
                sb,
                "Params",
                Numbers.grouped(original.cost().params()),
                Numbers.grouped(scaled.cost().params()),
                ratio(scaled.cost().params(), original.cost().params()));
        row(
                sb,
                "MACs per image",
                Numbers.grouped(original.cost().macs()),
                Numbers.grouped(scaled.cost().macs()),
                ratio(scaled.cost().macs(), original.cost().macs()));
        row(
                sb,
                "Activation memory",
                Numbers.bytes(original.cost().memoryBytes()),
                Numbers.bytes(scaled.cost().memoryBytes()),
                ratio(scaled.cost().memoryBytes(), original.cost().memoryBytes()));
        sb.append(String.format(
                Locale.ROOT,
                "FLOPs grow ×%.3f; d·w²·r² predicts ×%.3f%n",
                measuredFlopsRatio(),
                predictedFlopsRatio()));
        notes.forEach(n -> sb.append("note: ").append(n).append('\n'));
        return sb.toString();
    }

    /** 1.44 for 1.44, 1.3225 for 1.15², 1.0719 for 1.15^0.5: at most four decimals, no trailing zeros. */
    public static String factor(double f) {
        return new java.math.BigDecimal(f)
                .setScale(4, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    private static void row(StringBuilder sb, String label, String a, String b, String ratio) {
        sb.append(String.format(Locale.ROOT, "%-22s%20s%20s%10s%n", label, a, b, ratio));
    }

    private static String ratio(double b, double a) {
        return a == 0 ? "" : String.format(Locale.ROOT, "×%.3f", b / a);
    }
}
