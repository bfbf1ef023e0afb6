package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/**
 * Deformable convolution (Dai et al. 2017; v2 with modulation, Zhu et al. 2019): a k×k conv whose
 * taps read the input at learned fractional positions. Port 0 is the map; port 1 holds, for every
 * output position, the 2k² offsets (Δy, Δx per tap) and with modulation k² more mask values.
 */
final class DeformConvRule implements PrimitiveRule {

    /** MACs of one bilinear sample: a weighted sum of the 4 neighbours. */
    static final int SAMPLE_MACS = 4;

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        ShapeResult r = Windows.conv(p, in.get(0), p.getInt("filters"), 1, "Deformable conv");
        if (!r.ok()) {
            return r;
        }
        Shape o = in.get(1);
        int k = p.getInt("kernel");
        int want = (p.getBool("modulated") ? 3 : 2) * k * k;
        String what = p.getBool("modulated") ? "3·k² = " + want + " (2k² offsets, k² mask)" : "2·k² = " + want;
        if (o.vector()
                || o.channels() != want
                || o.height() != r.shape().height()
                || o.width() != r.shape().width()) {
            return ShapeResult.error("port 1 must hold " + what + " offsets channels at the output size "
                    + r.shape().height() + "×" + r.shape().width() + ", got " + o);
        }
        return r;
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        Shape in = n.inputShapes().get(0);
        Shape out = n.output();
        long k = n.params().getInt("kernel");
        long taps = in.channels() * k * k;
        long positions = (long) out.height() * out.width();
        long bias = n.params().getBool("bias") ? out.channels() : 0;
        // conv: H_out·W_out·C_out·C_in·k² MACs; sampling: 4 per tap and input channel (bilinear),
        // one more with a mask (Zhu et al. 2019, equation 3)
        long sampling = positions * taps * (SAMPLE_MACS + (n.params().getBool("modulated") ? 1 : 0));
        return new Cost(out.channels() * taps + bias, 0, positions * out.channels() * taps + sampling, 0);
    }

    @Override
    public ReceptiveField receptiveField(PrimitiveNode n, ReceptiveField in) {
        return Windows.through(n, in); // the regular grid's: the offsets move it, data-dependently
    }

    @Override
    public ReceptiveSpan span(PrimitiveNode n, List<ReceptiveSpan> in, int outSize) {
        // the learned offsets move each tap by any amount, depending on the image: no rectangle smaller than
        // the image bounds what a deformable conv may see
        return ReceptiveSpan.union(List.of(in.get(0).whole()), outSize);
    }

    @Override
    public String keyParams(Params p) {
        return p.getInt("filters") + " filters " + Texts.window(p) + (p.getBool("modulated") ? " v2" : " v1");
    }

    @Override
    public String glyph() {
        return "dot 5 5; dot 10 4; dot 16 6; dot 4 10; dot 11 11; dot 15 9; dot 6 16; dot 9 15; dot 15 16";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Params q = n.params();
        return String.format(
                Locale.ROOT,
                "%d×%d deformable conv, %d filters, stride %d%s: %s → %s. Each of the %d taps reads the input at"
                        + " its grid point moved by a learned offset (bilinear sampling)%s, then the samples are"
                        + " weighted as in a conv.",
                q.getInt("kernel"),
                q.getInt("kernel"),
                q.getInt("filters"),
                q.getInt("stride"),
                Texts.padding(q),
                n.inputShapes().get(0),
                n.output(),
                q.getInt("kernel") * q.getInt("kernel"),
                q.getBool("modulated") ? " and scaled by a learned mask" : "");
    }

    @Override
    public String sizeFormula(PrimitiveNode n) {
        return Windows.convSize(n);
    }

    @Override
    public Optional<String> paramsTerm(PrimitiveNode n) {
        int k = n.params().getInt("kernel");
        int c = n.inputShapes().get(0).channels();
        int f = n.output().channels();
        return Optional.of(k + "·" + k + "·" + c + "·" + f + (n.params().getBool("bias") ? " + " + f : ""));
    }

    @Override
    public Optional<String> macsTerm(PrimitiveNode n) {
        Shape out = n.output();
        int k = n.params().getInt("kernel");
        int c = n.inputShapes().get(0).channels();
        String grid = out.height() + "·" + out.width();
        int perSample = SAMPLE_MACS + (n.params().getBool("modulated") ? 1 : 0);
        return Optional.of(grid + "·" + out.channels() + "·" + c + "·" + k + "·" + k + " + " + grid + "·" + c + "·" + k
                + "·" + k + "·" + perSample);
    }

    @Override
    public String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return Windows.rf(n, in, out) + " (the regular grid's; learned offsets move the taps)";
    }
}
