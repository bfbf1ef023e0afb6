package org.blockscope.primitive;

import java.util.List;
import java.util.Locale;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** Softmax over the class scores: the network's output and its loss. */
final class ClassifierRule implements PrimitiveRule {

    @Override
    public ShapeResult shape(Params p, List<Shape> in) {
        Shape s = in.get(0);
        return s.vector() || s.elements() == s.channels()
                ? ShapeResult.ok(Shape.vector(s.channels()))
                : ShapeResult.error("needs class scores (a vector), got " + s
                        + ": add Global avg pool or Flatten, then Fully connected");
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
        return in.get(0).whole();
    }

    @Override
    public String keyParams(Params p) {
        return p.getBool("trainingOnly") ? "training only ×" + Texts.number(p.getDouble("lossWeight")) : "softmax";
    }

    @Override
    public String glyph() {
        return "rect 4 11 3 5; rect 8.5 5 3 11; rect 13 9 3 7";
    }

    @Override
    public String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context) {
        float[] v = out.values();
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        List<String> names = context.classNames();
        String name = best < names.size() ? names.get(best) : "class " + best;
        return String.format(
                Locale.ROOT,
                "Classifier: softmax turns the %d scores into probabilities that sum to 1; most likely: %s (%.1f%%).%s",
                v.length,
                name,
                100 * v[best],
                n.params().getBool("trainingOnly") ? " This head is used only while training." : "");
    }
}
