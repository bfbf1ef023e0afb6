package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/**
 * Takes one of {@code parts} equal slices of the channels, as PyTorch's {@code x.chunk(parts)[part]}:
 * channels part·C/parts up to (part+1)·C/parts. ShuffleNetV2's channel split (Ma et al. 2018,
 * figure 3c) is two of these on the same input.
 */
final class ChannelSplitRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        Shape x = in.get(0);
        int parts = p.getInt("parts");
        int part = p.getInt("part");
        if (part >= parts) {
            return ShapeResult.error("part " + part + " does not exist: the channels are split into " + parts
                    + " parts, numbered 0 to " + (parts - 1));
        }
        if (x.channels() % parts != 0) {
            return ShapeResult.error("channels " + x.channels() + " cannot be split into " + parts + " equal parts");
        }
        int c = x.channels() / parts;
        return ShapeResult.ok(x.vector() ? Shape.vector(c) : Shape.map(c, x.height(), x.width()));
    }

    /** The first channel taken (0-based) for an input of {@code channels}. */
    static int first(Params p, int channels) {
        return p.getInt("part") * (channels / p.getInt("parts"));
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
        return "part " + (p.getInt("part") + 1) + " of " + p.getInt("parts");
    }

    @Override
    public String glyph() {
        return "rect 3 5 5 10; line 8 10 11 10; rect 12 3 5 6; dashed 12 11 5 6";
    }

    @Override
    public String sizeFormula(PrimitiveNode n) {
        Shape in = n.inputShapes().get(0);
        int from = first(n.params(), in.channels());
        return in + " → channels " + from + "…" + (from + n.output().channels() - 1) + " → " + n.output();
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Shape in = n.inputShapes().get(0);
        int from = first(n.params(), in.channels());
        return String.format(
                Locale.ROOT,
                "Channel split: took channels %d to %d of %d (part %d of %d), nothing computed: %s → %s.",
                from,
                from + n.output().channels() - 1,
                in.channels(),
                n.params().getInt("part") + 1,
                n.params().getInt("parts"),
                in,
                n.output());
    }
}
