package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** A C×H×W map laid out as one vector (NCHW order). */
final class FlattenRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        long n = in.get(0).elements();
        if (n > Integer.MAX_VALUE) {
            return ShapeResult.error("flattening " + in.get(0) + " gives " + n + " values, more than the 2,147,483,647"
                    + " a vector can hold: pool the map first");
        }
        return ShapeResult.ok(Shape.vector((int) n));
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
        return "rect 4 4 6 6; line 11 7 13 12; rect 3 13 14 3";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        return String.format(
                Locale.ROOT,
                "Flatten: the %s map is laid out as one vector of %d values.",
                n.inputShapes().get(0),
                n.output().channels());
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.wholeRf(n, out);
    }
}
