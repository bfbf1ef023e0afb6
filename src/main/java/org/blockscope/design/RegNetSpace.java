package org.blockscope.design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.templates.RegNetDesign;

/**
 * The RegNet design space (Radosavovic et al. 2020, section 3): depth d, initial width w0 (a
 * multiple of 8), slope wa (drawn log-uniformly), width multiplier wm, group width g, bottleneck
 * ratio b and SE; each draw is a {@link RegNetDesign} built for the space's input and classes with
 * a stem of {@code stemWidth}.
 */
public record RegNetSpace(
        Shape input,
        int classes,
        int stemWidth,
        Ranges.IntRange depth,
        Ranges.IntRange w0,
        Ranges.RealRange wa,
        Ranges.RealRange wm,
        List<Integer> groupWidth,
        List<Double> bottleneck,
        List<Boolean> se)
        implements DesignSpace {

    @Override
    public Graph sample(Random rng, LinkedHashMap<String, String> choices) {
        int d = depth.draw(rng);
        int w = w0.drawMultiple(rng, 8);
        double a = wa.draw(rng);
        double m = wm.draw(rng);
        int g = Ranges.choose(groupWidth, rng);
        double b = Ranges.choose(bottleneck, rng);
        boolean y = Ranges.choose(se, rng);
        choices.put("d", Integer.toString(d));
        choices.put("w0", Integer.toString(w));
        choices.put("wa", Ranges.text(a));
        choices.put("wm", Ranges.text(m));
        choices.put("g", Integer.toString(g));
        choices.put("b", Ranges.text(b));
        choices.put("se", Boolean.toString(y));
        RegNetDesign design = new RegNetDesign(d, w, a, m, g, b, y);
        choices.put(
                "stages",
                String.join(
                        " ",
                        design.stages().stream()
                                .map(s -> s.width() + "×" + s.blocks())
                                .toList()));
        return design.graph(input.channels(), input.height(), classes, stemWidth);
    }

    @Override
    public String describe() {
        return "RegNet: d " + depth + ", w0 " + w0 + ", wa " + wa + ", wm " + wm + ", g " + groupWidth + ", b "
                + bottleneck + ", SE " + se;
    }
}
