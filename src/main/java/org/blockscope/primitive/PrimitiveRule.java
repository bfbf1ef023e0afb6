package org.blockscope.primitive;

import java.util.List;
import java.util.Optional;
import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.cost.ReceptiveSpan;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/**
 * Everything the core knows about one primitive, in one place: its output shape, what it costs,
 * how it widens the receptive field, its numbers written out as formulas, its key parameters on the
 * canvas, its palette icon, and what it did to the probe image in words. Each row of
 * {@link Primitive} names its rule, so a primitive cannot exist without one; the engine's step for
 * it is chosen by an exhaustive switch over {@link Primitive} in {@code engine.compile.Steps}.
 */
public interface PrimitiveRule {

    /** Output shape from the parameters and the input shapes (in port order); never throws for user input. */
    ShapeResult shape(Params p, List<Shape> in);

    /**
     * Trainable parameters, non-trained state and MACs of one image ({@code memoryBytes} is left 0:
     * the analysis adds the output's size for every kind alike).
     */
    Cost cost(PrimitiveNode n);

    /** Receptive field of the output, given the receptive field of the (merged) input. */
    ReceptiveField receptiveField(PrimitiveNode n, ReceptiveField in);

    /**
     * Along one axis, per position of the output ({@code outSize} of them), the input pixels it sees, given
     * what the positions of each input (in port order) see: the per-position form of {@link #receptiveField},
     * clipped at the image borders (see {@link ReceptiveSpan}).
     */
    ReceptiveSpan span(PrimitiveNode n, List<ReceptiveSpan> in, int outSize);

    /** The key parameters in a few characters, shown on the node, e.g. {@code 64 filters 3×3 /2}. */
    String keyParams(Params p);

    /** The palette icon, in the language of {@link org.blockscope.kind.Glyph}. */
    String glyph();

    /** What this node did to the probe image, in words with its numbers (the step-through). */
    String describe(PrimitiveNode n, Observed out, List<Observed> ins, StepContext context);

    /** How the output size follows from the input, with the values filled in. */
    default String sizeFormula(PrimitiveNode n) {
        return n.inputShapes().get(0) + " → " + n.output();
    }

    /** The parameter count written out, e.g. {@code 3·3·64·128 + 128}; empty for kinds that learn nothing. */
    default Optional<String> paramsTerm(PrimitiveNode n) {
        return Optional.empty();
    }

    /** The MAC count written out; empty for kinds whose MACs are not counted. */
    default Optional<String> macsTerm(PrimitiveNode n) {
        return Optional.empty();
    }

    /** How the receptive field grows here, with the values filled in. */
    default String rfFormula(PrimitiveNode n, ReceptiveField in, ReceptiveField out) {
        return "r = " + out.size() + " px (unchanged: no window)";
    }
}
