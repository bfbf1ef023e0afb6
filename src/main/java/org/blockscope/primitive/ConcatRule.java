package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Maps of equal height and width stacked along the channels (Inception, DenseNet). */
final class ConcatRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        Shape first = in.get(0);
        int c = 0;
        for (Shape s : in) {
            if (s.vector() != first.vector()) {
                return ShapeResult.error("cannot concatenate a vector and a feature map: " + first + " and " + s);
            }
            if (!s.sameSpatial(first)) {
                return ShapeResult.error(
                        "inputs differ in height×width, " + first + " vs " + s + " (concat joins channels only)");
            }
            c += s.channels();
        }
        return ShapeResult.ok(first.vector() ? Shape.vector(c) : Shape.map(c, first.height(), first.width()));
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
        return "rect 4 4 12 5; rect 4 11 12 5";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        return String.format(
                Locale.ROOT,
                "Concat: %s channels stacked: → %s.",
                String.join(
                        " + ",
                        n.inputShapes().stream()
                                .map(s -> Integer.toString(s.channels()))
                                .toList()),
                n.output());
    }
}
