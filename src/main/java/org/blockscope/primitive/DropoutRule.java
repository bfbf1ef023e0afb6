package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Zeroes a random share of the values while training (inverted dropout); nothing at inference. */
final class DropoutRule implements PrimitiveRule {

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
        return "p=" + Texts.number(p.getDouble("rate"));
    }

    @Override
    public String glyph() {
        return "dot 6 6; dot 14 6; dot 10 10; dot 6 14; ring 14 14; ring 10 6.01";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        double rate = n.params().getDouble("rate");
        if (!context.training()) {
            return String.format(Locale.ROOT, "Dropout (rate %.2f) does nothing at inference: output = input.", rate);
        }
        Observed in = Texts.first(ins);
        int zeroed = 0;
        int nonzero = 0;
        if (in != null) {
            for (int i = 0; i < in.values().length; i++) {
                if (in.values()[i] != 0) {
                    nonzero++;
                    if (out.values()[i] == 0) {
                        zeroed++;
                    }
                }
            }
        }
        return String.format(
                Locale.ROOT,
                "Dropout (rate %.2f), TRAINING mode: active — %.0f%% of the values were set "
                        + "to 0 and the others multiplied by 1/(1 − %.2f) = %.2f.",
                rate,
                nonzero == 0 ? 0 : 100.0 * zeroed / nonzero,
                rate,
                1 / (1 - rate));
    }
}
