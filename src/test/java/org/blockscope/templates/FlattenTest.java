package org.blockscope.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlattenTest {

    @ParameterizedTest
    @ValueSource(strings = {"densenet121", "googlenet_aux", "se_resnet20", "mobilenet_v2", "mini_inception"})
    void flatteningEveryBlockKeepsShapesAndCosts(String id) {
        Graph blocks = Templates.graph(id);
        Graph flat = Flatten.toPrimitives(blocks);
        NetworkAnalysis a = NetworkAnalysis.of(blocks);
        NetworkAnalysis b = NetworkAnalysis.of(flat);

        assertThat(flat.nodes()).noneMatch(n -> n.kind().composite());
        assertThat(b.diagnostics()).isEmpty();
        assertThat(b.total()).isEqualTo(a.total());
        assertThat(flat.size()).isEqualTo(a.expanded().nodes().size());
        assertThat(b.node("softmax").orElseThrow().output())
                .isEqualTo(a.node("softmax").orElseThrow().output());
    }
}
