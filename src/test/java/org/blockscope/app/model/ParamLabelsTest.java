package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.block.BlockKind;
import org.blockscope.block.ParamSpec;
import org.blockscope.graph.Node;
import org.junit.jupiter.api.Test;

/** The inspector speaks words, not code names. */
class ParamLabelsTest {

    @Test
    void everyParameterOfEveryKindHasALabelOfItsOwn() {
        List<String> missing = new ArrayList<>();
        for (BlockKind k : BlockKind.values()) {
            for (ParamSpec s : k.specs()) {
                if (!ParamLabels.known(s.name())) {
                    missing.add(k + "." + s.name());
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(ParamLabels.of("seRatio")).isEqualTo("SE ratio");
        assertThat(ParamLabels.of("c3reduce")).isEqualTo("3×3 reduce");
        assertThat(ParamLabels.of("lossWeight")).isEqualTo("loss weight");
        assertThat(ParamLabels.of("someNewName")).isEqualTo("some new name");
    }

    @Test
    void explicitPaddingAndTheSeRatioOnlyApplyWhenTheyCount() {
        Node conv = Node.of("c", BlockKind.CONV2D);
        ParamSpec pad = BlockKind.CONV2D.spec("pad").orElseThrow();
        assertThat(InspectorModel.notApplicable(conv.withParams(conv.params().with("padding", "same")), pad))
                .isEqualTo("used only when padding is explicit (now same)");
        assertThat(InspectorModel.notApplicable(conv.withParams(conv.params().with("padding", "explicit")), pad))
                .isEmpty();
        Node res = Node.of("r", BlockKind.RESIDUAL);
        ParamSpec ratio = BlockKind.RESIDUAL.spec("seRatio").orElseThrow();
        assertThat(InspectorModel.notApplicable(res.withParams(res.params().with("se", false)), ratio))
                .isEqualTo("used only with squeeze-excitation on");
        assertThat(InspectorModel.notApplicable(res.withParams(res.params().with("se", true)), ratio))
                .isEmpty();
    }
}
