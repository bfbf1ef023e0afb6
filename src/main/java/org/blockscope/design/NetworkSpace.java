package org.blockscope.design;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Inputs;

/**
 * One network with some of its choices left free: the repeats of each stage, a width multiplier,
 * squeeze-and-excitation on or off, and the kernel size of each stage's blocks. A null range or an
 * empty list leaves that choice as the network has it.
 */
public record NetworkSpace(
        String name,
        Graph base,
        Shape input,
        int classes,
        Ranges.IntRange repeats,
        Ranges.RealRange width,
        List<Boolean> se,
        List<Integer> kernel)
        implements DesignSpace {

    public NetworkSpace {
        se = List.copyOf(se);
        kernel = List.copyOf(kernel);
    }

    /**
     * The classroom default around a network: 1 to 3 blocks per stage, width × 0.5 to 1.5, SE on or off
     * where the network's blocks have it, 3×3 or 5×5 where they have a kernel size.
     */
    public static NetworkSpace around(String name, Graph g) {
        boolean hasSe = g.nodes().stream().anyMatch(n -> n.kind().spec("se").isPresent());
        boolean hasKernel = g.nodes().stream()
                .anyMatch(n -> n.kind() instanceof NamedBlock
                        && n.kind().spec("kernel").isPresent());
        return new NetworkSpace(
                name,
                g,
                Inputs.of(g).orElse(Shape.map(3, 32, 32)),
                Classes.count(g).orElse(10),
                new Ranges.IntRange(1, 3),
                new Ranges.RealRange(0.5, 1.5, false),
                hasSe ? List.of(false, true) : List.of(),
                hasKernel ? List.of(3, 5) : List.of());
    }

    @Override
    public Graph sample(Random rng, LinkedHashMap<String, String> choices) {
        Graph g = Classes.adapt(Inputs.with(base, input), classes);
        if (!se.isEmpty()) {
            boolean on = Ranges.choose(se, rng);
            choices.put("se", Boolean.toString(on));
            for (Node n : g.nodes()) {
                if (n.kind().spec("se").isPresent()) {
                    g = g.withReplaced(n.withParams(n.params().with("se", on)));
                }
            }
        }
        Graph before = g;
        List<List<String>> stages = Stages.of(before).stream()
                .filter(run ->
                        KindScaling.depth((NamedBlock) before.node(run.get(0)).kind()) == KindScaling.Depth.REPEAT)
                .toList();
        int s = 1;
        for (List<String> run : stages) {
            if (!kernel.isEmpty() && g.node(run.get(0)).kind().spec("kernel").isPresent()) {
                int k = Ranges.choose(kernel, rng);
                choices.put("k" + s, Integer.toString(k));
                for (String name : run) {
                    Node n = g.node(name);
                    g = g.withReplaced(n.withParams(n.params().with("kernel", k)));
                }
            }
            if (repeats != null) {
                int n = repeats.draw(rng);
                choices.put("n" + s, Integer.toString(n));
                g = Stages.resize(g, run, n);
            }
            s++;
        }
        if (width != null) {
            double w = width.draw(rng);
            choices.put("width", Ranges.text(w));
            g = new Scaling(1, w, 1).apply(g).graph();
        }
        return org.blockscope.graph.Layout.layered(g);
    }

    @Override
    public String describe() {
        return name + ": repeats per stage " + (repeats == null ? "fixed" : repeats) + ", width ×"
                + (width == null ? "1" : width) + ", SE " + (se.isEmpty() ? "fixed" : se) + ", kernel "
                + (kernel.isEmpty() ? "fixed" : kernel);
    }
}
