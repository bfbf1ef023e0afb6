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

/** One k×k filter per input channel (times a multiplier); channels do not mix (MobileNet). */
final class DepthwiseConvRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        int c = in.get(0).channels();
        return Windows.conv(p, in.get(0), c * p.getInt("multiplier"), c, "Depthwise conv");
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        Shape out = n.output();
        long k = n.params().getInt("kernel");
        long bias = n.params().getBool("bias") ? out.channels() : 0;
        // one k×k filter per output channel: MACs = H_out·W_out·C_out·k²   (MobileNet, Howard et al. 2017)
        return new Cost(
                Counting.plus(Counting.times(out.channels(), k, k), bias),
                0,
                Counting.times(out.height(), out.width(), out.channels(), k, k),
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
        return Texts.window(p)
                + (p.getInt("multiplier") > 1 ? " ×" + p.getInt("multiplier") : "")
                + (p.getInt("dilation") > 1 ? " d=" + p.getInt("dilation") : "");
    }

    @Override
    public String glyph() {
        return "rect 4 8 8 8; rect 6 6 8 8; rect 8 4 8 8";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Params q = n.params();
        return String.format(
                Locale.ROOT,
                "%d×%d depthwise conv, stride %d: one filter per channel, channels do not mix: %s → %s.",
                q.getInt("kernel"),
                q.getInt("kernel"),
                q.getInt("stride"),
                n.inputShapes().get(0),
                n.output());
    }

    @Override
    public String sizeFormula(PrimitiveNode n) {
        return Windows.convSize(n);
    }

    @Override
    public Optional<String> paramsTerm(PrimitiveNode n) {
        Shape out = n.output();
        int k = n.params().getInt("kernel");
        return Optional.of(
                k + "·" + k + "·" + out.channels() + (n.params().getBool("bias") ? " + " + out.channels() : ""));
    }

    @Override
    public Optional<String> macsTerm(PrimitiveNode n) {
        Shape out = n.output();
        int k = n.params().getInt("kernel");
        // one k×k filter per output channel   (MobileNet, Howard et al. 2017)
        return Optional.of(out.height() + "·" + out.width() + "·" + out.channels() + "·" + k + "·" + k);
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.rf(n, in, out);
    }
}
