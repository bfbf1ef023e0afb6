package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.block.BlockKinds;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Node;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.ParamSpec;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;

/** The inspector speaks words, not code names. */
class ParamLabelsTest {

    @Test
    void everyParameterOfEveryKindHasALabelOfItsOwn() {
        List<String> missing = new ArrayList<>();
        for (BlockKind k : BlockKinds.all()) {
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
        Node conv = Node.of("c", Primitive.CONV2D);
        ParamSpec pad = Primitive.CONV2D.spec("pad").orElseThrow();
        assertThat(InspectorModel.notApplicable(conv.withParams(conv.params().with("padding", "same")), pad))
                .isEqualTo("used only when padding is explicit (now same)");
        assertThat(InspectorModel.notApplicable(conv.withParams(conv.params().with("padding", "explicit")), pad))
                .isEmpty();
        Node res = Node.of("r", NamedBlock.RESIDUAL);
        ParamSpec ratio = NamedBlock.RESIDUAL.spec("seRatio").orElseThrow();
        assertThat(InspectorModel.notApplicable(res.withParams(res.params().with("se", false)), ratio))
                .isEqualTo("used only with squeeze-excitation on");
        assertThat(InspectorModel.notApplicable(res.withParams(res.params().with("se", true)), ratio))
                .isEmpty();
    }
}
