package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** The image entering the network: C×H×W from its parameters. */
final class InputRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return ShapeResult.ok(Shape.map(p.getInt("channels"), p.getInt("height"), p.getInt("width")));
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        return Cost.ZERO;
    }

    @Override
    public ReceptiveField receptiveField(PrimitiveNode n, ReceptiveField in) {
        return ReceptiveField.PIXEL;
    }

    @Override
    public ReceptiveSpan span(PrimitiveNode n, List<ReceptiveSpan> in, int outSize) {
        return ReceptiveSpan.identity(outSize);
    }

    @Override
    public String keyParams(Params p) {
        return "";
    }

    @Override
    public String glyph() {
        return "rect 4 5 12 10; line 4 14 9 9 12 12 14 10 16 13";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Shape o = n.output();
        return String.format(
                Locale.ROOT,
                "Input: the probe image as %s numbers (%s), normalised per channel "
                        + "with the training set's mean and std: values from %.2f to %.2f.",
                o,
                o.channels() == 1 ? "grey" : "RGB",
                out.min(),
                out.max());
    }

    @Override
    public String sizeFormula(PrimitiveNode n) {
        return "the image: " + n.output();
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return "r = 1 (one pixel sees itself)";
    }
}
