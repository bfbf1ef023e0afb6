package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Max or average over each k×k window. */
final class PoolRule implements PrimitiveRule {

    private final boolean max;

    PoolRule(boolean max) {
        this.max = max;
    }

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return Windows.pool(p, in.get(0), max ? "Max pool" : "Average pool");
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        return Cost.ZERO; // pooling has no weights, and only conv and FC multiply-accumulates are counted
    }

    @Override
    public ReceptiveField receptiveField(PrimitiveNode n, ReceptiveField in) {
        return Windows.through(n, in);
    }

    @Override
    public ReceptiveSpan span(PrimitiveNode n, List<ReceptiveSpan> in, int outSize) {
        return Windows.span(n, in.get(0), outSize);
    }

    @Override
    public String keyParams(Params p) {
        return Texts.window(p);
    }

    @Override
    public String glyph() {
        return "rect 3 4 8 8; line 12 8 15 8; rect 15 7 3 3; " + (max ? "line 5 10 7 6 9 10" : "line 5 8 9 8");
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Params q = n.params();
        return String.format(
                Locale.ROOT,
                "%d×%d %s pool, stride %d: %s of each window: %s → %s.",
                q.getInt("kernel"),
                q.getInt("kernel"),
                max ? "max" : "average",
                q.getInt("stride"),
                max ? "keeps the largest" : "the mean",
                n.inputShapes().get(0),
                n.output());
    }

    @Override
    public String sizeFormula(PrimitiveNode n) {
        return Windows.poolSize(n);
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.rf(n, in, out);
    }
}
