package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The teaching texts: one file per kind, every placeholder filled. */
class ExplanationsTest {

    private final Explanations texts = Explanations.fromClasspath();

    @ParameterizedTest
    @MethodSource("org.blockscope.block.BlockKinds#all")
    void everyKindHasItsOwnTextWhosePlaceholdersAllResolve(BlockKind kind) {
        assertThat(Explanations.class.getResource("/org/blockscope/res/blocks/" + kind.id() + ".md"))
                .as("resources/blocks/" + kind.id() + ".md: its own text, not the tooltip fallback")
                .isNotNull();
        String template = texts.template(kind);
        assertThat(template).startsWith("# ").doesNotContain("\r");
        assertThat(template)
                .contains("{{formula.size}}")
                .contains("{{formula.params}}")
                .contains("{{formula.macs}}")
                .contains("{{formula.rf}}");
        if (kind == Structural.GROUP) {
            return; // a group cannot exist without a body; its text uses only the formulas
        }
        Node n = Node.of("x", kind);
        java.util.Map<String, String> values =
                Explanations.values(n, NetworkAnalysis.of(Graph.of(List.of(n), List.of())));
        assertThat(Explanations.placeholders(template))
                .allSatisfy(key ->
                        assertThat(values).as(kind + " uses {{" + key + "}}").containsKey(key));
    }

    @Test
    void selectedConvShowsItsTextWithTheCurrentNumbers() {
        Graph g = Graph.of(
                List.of(
                        Node.of("in", Primitive.INPUT, Params.of("channels", 64, "height", 56, "width", 56)),
                        Node.of("conv", Primitive.CONV2D, Params.of("filters", 128, "kernel", 3, "stride", 2))),
                List.of(new Edge("in", "conv", 0)));
        String text = texts.explain(Set.of("conv"), g, NetworkAnalysis.of(g));
        assertThat(text)
                .contains("**128 learned filters** of size 3×3")
                .contains("`out = ⌊(56 + 2·1 − 3)/2⌋ + 1 = 28  →  128×28×28`")
                .contains("`3·3·64·128 + 128 = 73,856`")
                .contains("Simonyan & Zisserman 2015")
                .doesNotContain("{{");
    }

    @Test
    void nothingSelectedShowsTheTotalsAndManyShowsTheCount() {
        Graph g = Templates.graph("lenet5");
        NetworkAnalysis a = NetworkAnalysis.of(g);
        assertThat(texts.explain(Set.of(), g, a)).contains("61,706 parameters");
        assertThat(texts.explain(Set.of("c1", "c3"), g, a)).startsWith("# 2 blocks selected");
    }

    @Test
    void theNumbersComeRightAfterTheOpeningParagraph() {
        assertThat(Explanations.withNumbersAfterFirstParagraph("# T\n\nFirst.\n\nSecond.\n", "## N\n"))
                .isEqualTo("# T\n\nFirst.\n\n## N\n\nSecond.\n");
        assertThat(Explanations.withNumbersAfterFirstParagraph("# T\n\nOnly.\n", "## N\n"))
                .isEqualTo("# T\n\nOnly.\n\n## N\n");
    }

    @Test
    void anUnknownPlaceholderStaysVisible() {
        assertThat(Explanations.fill("a {{filters}} {{fliters}}", java.util.Map.of("filters", "64")))
                .isEqualTo("a 64 {{fliters?}}");
    }

    @Test
    void aTeachersOwnTextReplacesTheShippedOne() {
        Explanations mine = new Explanations(name -> name.equals("add")
                ? java.util.Optional.of("# Plus\n\nSums {{in}} and gives {{out}}; {{formula.params}}.")
                : java.util.Optional.empty());
        Graph g = Templates.graph("resnet20");
        String add = g.nodes().stream()
                .filter(n -> n.kind() == Primitive.ADD)
                .findFirst()
                .map(Node::name)
                .orElse(null);
        if (add == null) {
            return; // resnet20 keeps its additions inside residual blocks
        }
        assertThat(mine.explain(Set.of(add), g, NetworkAnalysis.of(g))).startsWith("# Plus");
    }
}
