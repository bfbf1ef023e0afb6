package org.blockscope.export;

import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;

/** One network of 3×32×32 images that uses every named block kind once (and a group of your own). */
final class EveryBlock {

    private EveryBlock() {}

    static Graph graph() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.add("vgg", NamedBlock.VGG_STAGE, Params.of("convs", 1, "filters", 8, "batchNorm", true), x); // 8×16×16
        x = b.add(
                "inception",
                NamedBlock.INCEPTION,
                Params.of("c1", 4, "c3reduce", 4, "c3", 6, "c5reduce", 2, "c5", 4, "poolProj", 4),
                x); // 18×16×16
        b.add("aux", NamedBlock.AUX_CLASSIFIER, Params.of("classes", 10), x);
        x = b.add(
                "residual",
                NamedBlock.RESIDUAL,
                Params.of("filters", 16, "stride", 2, "se", true, "seRatio", 4),
                x); // 16×8×8
        x = b.add(
                "resnext", NamedBlock.RESNEXT, Params.of("filters", 4, "cardinality", 2, "baseWidth", 64), x); // 16×8×8
        x = b.add("dense", NamedBlock.DENSE_BLOCK, Params.of("layers", 2, "growth", 4, "bnSize", 2), x); // 24×8×8
        x = b.add("transition", NamedBlock.TRANSITION, Params.of("compression", 0.5), x); // 12×4×4
        x = b.add("se", NamedBlock.SE, Params.of("ratio", 4), x);
        x = b.add("separable", NamedBlock.SEPARABLE_CONV, Params.of("filters", 16, "activation", "relu6"), x);
        x = b.add(
                "mbconv",
                NamedBlock.MBCONV,
                Params.of("filters", 16, "expansion", 2, "se", true, "seRatio", 4, "activation", "silu"),
                x);
        x = b.add("shuffle", NamedBlock.SHUFFLE_UNIT, Params.of("filters", 24, "groups", 2, "stride", 2), x); // 24×2×2
        String gap = b.gap("gap", x);
        b.classifier("out", b.fc("fc", gap, 10, true));
        Graph g = b.graph();
        return withGroupBefore(g, "gap", x);
    }

    /** Puts a group (conv, batch norm, ReLU) between {@code from} and {@code to}. */
    private static Graph withGroupBefore(Graph g, String to, String from) {
        SubgraphBuilder inner = new SubgraphBuilder();
        String p = inner.port(0);
        Subgraph body = inner.build(inner.relu("relu", inner.bn("bn", inner.conv("conv", p, 24, 3, 1, 1, 1, false))));
        Node group = new Node("my block", Structural.GROUP, Params.EMPTY, Position.ORIGIN, body);
        return g.withoutEdge(g.edgeInto(to, 0).orElseThrow())
                .withNode(group)
                .withEdge(new Edge(from, "my block", 0))
                .withEdge(new Edge("my block", to, 0));
    }
}
