package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Each channel of a map (port 0) multiplied by one weight (port 1), as squeeze-and-excitation does. */
final class ScaleRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        Shape x = in.get(0);
        Shape gate = in.get(1);
        if (gate.elements() != gate.channels()) {
            return ShapeResult.error("port 1 needs one weight per channel (a vector), got " + gate);
        }
        if (gate.channels() != x.channels()) {
            return ShapeResult.error(
                    "the map has " + x.channels() + " channels but the weights have " + gate.channels());
        }
        return ShapeResult.ok(x);
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
        return "line 5 5 15 15; line 15 5 5 15";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        return String.format(
                Locale.ROOT,
                "Channel scale: each of the %d channels is multiplied by its SE weight (mean weight %.2f): %s.",
                n.output().channels(),
                ins.size() > 1 ? ins.get(1).mean() : Double.NaN,
                n.output());
    }
}
