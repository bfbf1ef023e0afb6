package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Each channel's mean over the whole map: C×H×W → C. */
final class GlobalAvgPoolRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return in.get(0).vector()
                ? ShapeResult.error("needs a feature map C×H×W, got the vector " + in.get(0))
                : ShapeResult.ok(Shape.vector(in.get(0).channels()));
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        return Cost.ZERO;
    }

    @Override
    public ReceptiveField receptiveField(PrimitiveNode n, ReceptiveField in) {
        return Windows.whole(n, in);
    }

    @Override
    public ReceptiveSpan span(PrimitiveNode n, List<ReceptiveSpan> in, int outSize) {
        return in.get(0).whole();
    }

    @Override
    public String keyParams(Params p) {
        return "";
    }

    @Override
    public String glyph() {
        return "rect 3 4 8 11; line 12 10 15 10; dot 16.5 10";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        return String.format(
                Locale.ROOT,
                "Global average pool: each of the %d channels becomes its mean: %s → %s.",
                n.output().channels(),
                n.inputShapes().get(0),
                n.output());
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.wholeRf(n, out);
    }
}
