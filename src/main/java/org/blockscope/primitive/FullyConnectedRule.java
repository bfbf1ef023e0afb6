package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.blockscope.cost.Cost;
import org.blockscope.cost.Counting;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Every output a weighted sum of all inputs (a map is flattened first, NCHW order). */
final class FullyConnectedRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return ShapeResult.ok(Shape.vector(p.getInt("units")));
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        long in = n.inputShapes().get(0).elements();
        long units = n.output().channels();
        long macs = Counting.times(in, units);
        return new Cost(Counting.plus(macs, n.params().getBool("bias") ? units : 0), 0, macs, 0);
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
        return p.getInt("units") + " units";
    }

    @Override
    public String glyph() {
        return "dot 5 6; dot 5 14; dot 15 5; dot 15 10; dot 15 15; line 5 6 15 5; line 5 6 15 15; line 5 14 15 5;"
                + " line 5 14 15 15; line 5 6 15 10; line 5 14 15 10";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Observed first = Texts.first(ins);
        Params q = n.params();
        return String.format(
                Locale.ROOT,
                "Fully connected, %d units: each output is a weighted sum of all %d inputs%s: %s → %s.",
                q.getInt("units"),
                first == null ? 0 : first.values().length,
                q.getBool("bias") ? " plus a bias" : "",
                n.inputShapes().get(0),
                n.output());
    }

    @Override
    public Optional<String> paramsTerm(PrimitiveNode n) {
        long in = n.inputShapes().get(0).elements();
        int units = n.output().channels();
        return Optional.of(in + "·" + units + (n.params().getBool("bias") ? " + " + units : ""));
    }

    @Override
    public Optional<String> macsTerm(PrimitiveNode n) {
        return Optional.of(n.inputShapes().get(0).elements() + "·" + n.output().channels());
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.wholeRf(n, out);
    }
}
