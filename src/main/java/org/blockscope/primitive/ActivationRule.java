package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** A non-linearity applied to every value (ReLU, ReLU6, sigmoid, tanh, SiLU, hard swish). */
final class ActivationRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return ShapeResult.ok(in.get(0));
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        return Cost.ZERO;
    }

    @Override
    public ReceptiveField receptiveField(PrimitiveNode n, ReceptiveField in) {
        return in;
    }

    @Override
    public ReceptiveSpan span(PrimitiveNode n, List<ReceptiveSpan> in, int outSize) {
        return in.get(0);
    }

    @Override
    public String keyParams(Params p) {
        return p.getString("function");
    }

    @Override
    public String glyph() {
        return "line 3 14 10 14 17 5";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Observed in = Texts.first(ins);
        double neg = in == null ? Double.NaN : 100 * in.negativeFraction();
        double inMin = in == null ? Double.NaN : in.min();
        double inMax = in == null ? Double.NaN : in.max();
        String f = n.params().getString("function");
        return switch (f) {
            case "relu" ->
                String.format(
                        Locale.ROOT,
                        "ReLU: %.0f%% of values were negative and became 0; the rest pass unchanged (max %.3g).",
                        neg,
                        out.max());
            case "relu6" ->
                String.format(
                        Locale.ROOT,
                        "ReLU6: %.0f%% of values were negative and became 0; values above 6 are capped at 6.",
                        neg);
            case "tanh" ->
                String.format(
                        Locale.ROOT,
                        "tanh squashes every value into (−1, 1): range [%.2f, %.2f] → [%.2f, %.2f].",
                        inMin,
                        inMax,
                        out.min(),
                        out.max());
            case "sigmoid" ->
                String.format(
                        Locale.ROOT,
                        "Sigmoid squashes every value into (0, 1): range [%.2f, %.2f] → [%.2f, %.2f]%s.",
                        inMin,
                        inMax,
                        out.min(),
                        out.max(),
                        out.vector() ? " (these are the SE weights, one per channel)" : "");
            default ->
                String.format(Locale.ROOT, "%s: applied to every value; %.0f%% of inputs were negative.", f, neg);
        };
    }
}
