package org.blockscope.app.inspect;

import java.util.List;
import org.blockscope.engine.compile.Mode;
import org.blockscope.primitive.Observed;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.primitive.StepContext;

/** The computation of one primitive in words, with the numbers of the current image: its rule says it. */
public final class StepText {

    private StepText() {}

    public static String describe(
            PrimitiveNode p, ChannelGrid out, List<ChannelGrid> ins, Mode mode, List<String> classNames) {
        return p.kind()
                .rule()
                .describe(
                        p,
                        observed(out),
                        ins.stream().map(StepText::observed).toList(),
                        new StepContext(mode == Mode.TRAINING, classNames));
    }

    static Observed observed(ChannelGrid g) {
        return new Observed(
                g.values(),
                g.min(),
                g.max(),
                g.stats().mean(),
                g.stats().std(),
                g.stats().negativeFraction(),
                g.isVector());
    }
}
