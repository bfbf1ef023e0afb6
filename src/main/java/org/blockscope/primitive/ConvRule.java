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

/** A (grouped, dilated) convolution: learned k×k filters slid over the map. */
final class ConvRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return Windows.conv(p, in.get(0), p.getInt("filters"), p.getInt("groups"), "Conv");
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        Shape in = n.inputShapes().get(0);
        Shape out = n.output();
        long k = n.params().getInt("kernel");
        long perFilter = Counting.times(in.channels() / n.params().getInt("groups"), k, k);
        long bias = n.params().getBool("bias") ? out.channels() : 0;
        // MACs = H_out·W_out·C_out·(C_in/groups)·k²   (torchinfo / fvcore convention)
        return new Cost(
                Counting.plus(Counting.times(out.channels(), perFilter), bias),
                0,
                Counting.times(out.height(), out.width(), out.channels(), perFilter),
                0);
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
        return p.getInt("filters") + " filters " + Texts.window(p)
                + (p.getInt("groups") > 1 ? " g=" + p.getInt("groups") : "")
                + (p.getInt("dilation") > 1 ? " d=" + p.getInt("dilation") : "");
    }

    @Override
    public String glyph() {
        return "grid 5 5 3 3.4";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Params q = n.params();
        return String.format(
                Locale.ROOT,
                "%d×%d conv, %d filters, stride %d%s%s: %s → %s. Each output value is a weighted sum of %d×%d×%d"
                        + " inputs%s.",
                q.getInt("kernel"),
                q.getInt("kernel"),
                q.getInt("filters"),
                q.getInt("stride"),
                Texts.padding(q),
                q.getInt("groups") > 1 ? ", " + q.getInt("groups") + " groups" : "",
                n.inputShapes().get(0),
                n.output(),
                q.getInt("kernel"),
                q.getInt("kernel"),
                n.inputShapes().get(0).channels() / q.getInt("groups"),
                q.getBool("bias") ? " plus a bias" : "");
    }

    @Override
    public String sizeFormula(PrimitiveNode n) {
        return Windows.convSize(n);
    }

    @Override
    public Optional<String> paramsTerm(PrimitiveNode n) {
        Shape out = n.output();
        Params q = n.params();
        int k = q.getInt("kernel");
        return Optional.of(k + "·" + k + "·" + inChannels(n) + "·" + out.channels()
                + (q.getBool("bias") ? " + " + out.channels() : ""));
    }

    @Override
    public Optional<String> macsTerm(PrimitiveNode n) {
        Shape out = n.output();
        int k = n.params().getInt("kernel");
        // MACs = H_out·W_out·C_out·(C_in/groups)·k²   (torchinfo / fvcore convention)
        return Optional.of(
                out.height() + "·" + out.width() + "·" + out.channels() + "·" + inChannels(n) + "·" + k + "·" + k);
    }

    private static String inChannels(PrimitiveNode n) {
        int c = n.inputShapes().get(0).channels();
        int g = n.params().getInt("groups");
        return g == 1 ? Integer.toString(c) : "(" + c + "/" + g + ")";
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.rf(n, in, out);
    }
}
