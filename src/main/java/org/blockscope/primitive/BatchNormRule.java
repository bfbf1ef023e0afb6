package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Batch normalisation per channel, then a learned scale γ and shift β. */
final class BatchNormRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        return ShapeResult.ok(in.get(0));
    }

    @Override
    public Cost cost(PrimitiveNode n) {
        // γ and β are trained; running mean and variance are state
        long c = n.output().channels();
        return new Cost(2 * c, 2 * c, 0, 0);
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
        return "";
    }

    @Override
    public String glyph() {
        return "path M3 15 C7 15 8 4 10 4 C12 4 13 15 17 15";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        Observed first = Texts.first(ins);
        return context.training()
                ? String.format(
                        Locale.ROOT,
                        "Batch norm, TRAINING mode: each channel is normalised with the mean "
                                + "and variance of this batch (here the single probe image), not the running averages, then "
                                + "scaled by γ and shifted by β: mean %.3f → %.3f, std %.3f → %.3f.",
                        Texts.mean(first),
                        out.mean(),
                        Texts.std(first),
                        out.std())
                : String.format(
                        Locale.ROOT,
                        "Batch norm, inference mode: each channel is normalised with the running "
                                + "mean and variance learned during training, then scaled by γ and shifted by β: mean %.3f → "
                                + "%.3f, std %.3f → %.3f.",
                        Texts.mean(first),
                        out.mean(),
                        Texts.std(first),
                        out.std());
    }

    @Override
    public Optional<String> paramsTerm(PrimitiveNode n) {
        // γ and β are trained; running mean and variance are state, not parameters
        return Optional.of("2·" + n.output().channels());
    }
}
