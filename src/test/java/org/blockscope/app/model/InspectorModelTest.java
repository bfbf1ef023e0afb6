package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.model.InspectorModel.EditorKind;
import org.blockscope.app.model.InspectorModel.Mode;
import org.blockscope.block.KindConverter;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Graph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.ParamSpec;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.converter.ConvertWith;
import org.junit.jupiter.params.provider.CsvSource;

/** Which editor each parameter gets, and what the inspector says, without JavaFX controls. */
class InspectorModelTest {

    @ParameterizedTest(name = "{0}.{1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CONV2D     | filters  | INT_SPINNER
            CONV2D     | padding  | CHOICE
            CONV2D     | bias     | CHECKBOX
            DROPOUT    | rate     | DOUBLE_FIELD
            TRANSITION | compression | DOUBLE_FIELD
            ACTIVATION | function | CHOICE
            INPUT      | height   | INT_SPINNER
            """)
    void editorFollowsTheParameterType(
            @ConvertWith(KindConverter.class) BlockKind kind, String param, EditorKind editor) {
        assertThat(InspectorModel.editorFor(kind.spec(param).orElseThrow())).isEqualTo(editor);
    }

    @ParameterizedTest(name = "{0}.{1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INPUT   | height   | image height (1 – 4096 px)
            DROPOUT | rate     | fraction of values dropped (0 – 0.99)
            CONV2D  | padding  | same: pad d(k−1)/2 per side; valid: none (same, valid, explicit)
            """)
    void descriptionGivesHelpRangeAndUnit(@ConvertWith(KindConverter.class) BlockKind kind, String param, String text) {
        assertThat(InspectorModel.description(kind.spec(param).orElseThrow())).isEqualTo(text);
    }

    @Test
    void typedTextParsesOrStaysTextToBeRefusedWithAMessage() {
        ParamSpec filters = Primitive.CONV2D.spec("filters").orElseThrow();
        assertThat(InspectorModel.parse(filters, " 1,024 ")).isEqualTo(1024);
        assertThat(InspectorModel.parse(filters, "abc")).isEqualTo("abc");
        assertThat(filters.check(InspectorModel.parse(filters, "abc")))
                .contains("filters must be a whole number, got 'abc'");
        assertThat(InspectorModel.parse(Primitive.DROPOUT.spec("rate").orElseThrow(), "0.25"))
                .isEqualTo(0.25);
    }

    @Test
    void modeAndHeadlineFollowTheSelection() {
        Graph g = Templates.graph("lenet5");
        assertThat(InspectorModel.mode(Set.of(), g)).isEqualTo(Mode.NETWORK);
        assertThat(InspectorModel.mode(Set.of("c1"), g)).isEqualTo(Mode.NODE);
        assertThat(InspectorModel.headline(Set.of("c1"), g)).isEqualTo("c1  ·  Conv 2D");
        assertThat(InspectorModel.mode(Set.of("c1", "c3"), g)).isEqualTo(Mode.MANY);
        assertThat(InspectorModel.headline(Set.of("c1", "c3"), g)).isEqualTo("2 blocks selected");
        assertThat(InspectorModel.mode(Set.of("gone"), g)).isEqualTo(Mode.NETWORK);
    }

    @Test
    void totalsAndStatusUseTheSummaryNumbers() {
        Graph g = Templates.graph("lenet5");
        NetworkAnalysis a = NetworkAnalysis.of(g);
        assertThat(InspectorModel.totals(g, a)).contains(new InspectorModel.Row("Parameters", "61,706  (61.71 K)"));
        assertThat(InspectorModel.status(a))
                .startsWith("Params 61.71 K   ·   MACs ")
                .endsWith("No problems");
    }

    @Test
    void onlyASingleNamedBlockCanBeUngroupedOrOpened() {
        Graph g = Templates.graph("resnet18");
        String block = g.nodes().stream()
                .filter(n -> n.kind() == NamedBlock.RESIDUAL)
                .findFirst()
                .orElseThrow()
                .name();
        String conv = g.nodes().stream()
                .filter(n -> n.kind() == Primitive.CONV2D)
                .findFirst()
                .orElseThrow()
                .name();
        assertThat(InspectorModel.singleComposite(Set.of(block), g)).isTrue();
        assertThat(InspectorModel.singleComposite(Set.of(conv), g)).isFalse();
        assertThat(InspectorModel.singleComposite(Set.of(block, conv), g)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void anEmptyNetworkReportsNoProblemsYet() {
        org.blockscope.graph.Graph empty = org.blockscope.graph.Graph.of(java.util.List.of(), java.util.List.of());
        org.blockscope.analysis.NetworkAnalysis a = org.blockscope.analysis.NetworkAnalysis.of(empty);
        assertThat(a.diagnostics()).hasSize(2); // no Input, no output: still known
        assertThat(InspectorModel.status(a)).startsWith("Empty network").doesNotContain("problem");
        assertThat(InspectorModel.totals(empty, a))
                .contains(new InspectorModel.Row("Problems", "none yet (empty network)"));
    }
}
