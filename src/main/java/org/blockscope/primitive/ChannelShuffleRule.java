package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Interleaves the channels of g groups so information crosses groups (ShuffleNet, Zhang et al. 2018). */
final class ChannelShuffleRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        int g = p.getInt("groups");
        Shape x = in.get(0);
        if (x.vector()) {
            return ShapeResult.error("needs a feature map C×H×W, got the vector " + x);
        }
        if (x.channels() % g != 0) {
            return ShapeResult.error("channels " + x.channels() + " are not divisible by groups " + g);
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
        return in.get(0);
    }

    @Override
    public String keyParams(Params p) {
        return "g=" + p.getInt("groups");
    }

    @Override
    public String glyph() {
        return "line 4 6 16 14; line 4 14 16 6; line 4 10 16 10";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        return String.format(
                Locale.ROOT,
                "Channel shuffle, %d groups: channels are interleaved across groups: %s.",
                n.params().getInt("groups"),
                n.output());
    }
}
