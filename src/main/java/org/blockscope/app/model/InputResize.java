package org.blockscope.app.model;

import java.util.Optional;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.Primitive;

/**
 * The one-click answer to an ImageNet-sized network on small images: the smallest input, at least
 * as large as the images, that the network still accepts (each downsampling needs something left
 * to halve), keeping the images' channels.
 */
public final class InputResize {

    private InputResize() {}

    /** The network's Input node, if it has exactly one. */
    public static Optional<Node> input(Graph g) {
        var inputs = g.nodes().stream().filter(n -> n.kind() == Primitive.INPUT).toList();
        return inputs.size() == 1 ? Optional.of(inputs.get(0)) : Optional.empty();
    }

    /** {@code g} with its input set to {@code s}. */
    public static Graph resized(Graph g, Shape s) {
        Node in = input(g).orElseThrow();
        return g.withReplaced(in.withParams(in.params()
                .with("channels", s.channels())
                .with("height", s.height())
                .with("width", s.width())));
    }

    /**
     * The smallest square-steps input from the images' size up to the current one (steps of 8
     * pixels) at which the network has no errors, or empty when none is smaller than now.
     */
    public static Optional<Shape> smallestValid(Graph g, Shape images, Shape current) {
        if (input(g).isEmpty()) {
            return Optional.empty();
        }
        int h = images.height();
        int w = images.width();
        while (h < current.height() && w < current.width()) {
            Shape s = Shape.map(images.channels(), h, w);
            if (!NetworkAnalysis.of(resized(g, s)).hasErrors()) {
                return Optional.of(s);
            }
            h = (h / 8 + 1) * 8;
            w = (w / 8 + 1) * 8;
        }
        return Optional.empty();
    }
}
