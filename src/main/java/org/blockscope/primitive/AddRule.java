package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Element-wise sum of tensors of equal shape (residual connections). */
final class AddRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        Shape first = in.get(0);
        for (Shape s : in) {
            if (!s.equals(first)) {
                String hint = s.vector() == first.vector() ? " (use a projection shortcut)" : "";
                return ShapeResult.error("inputs differ, " + first + " vs " + s + hint);
            }
        }
        return ShapeResult.ok(first);
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
        return ReceptiveSpan.union(in, outSize);
    }

    @Override
    public String keyParams(Params p) {
        return "";
    }

    @Override
    public String glyph() {
        return "line 10 4 10 16; line 4 10 16 10";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        return String.format(
                Locale.ROOT, "Add: the %d inputs are summed element by element: %s.", ins.size(), n.output());
    }
}
