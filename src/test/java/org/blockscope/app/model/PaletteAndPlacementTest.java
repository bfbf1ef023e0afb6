package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.blockscope.block.BlockKinds;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;
import org.blockscope.kind.Category;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

class PaletteAndPlacementTest {

    @Test
    void paletteListsEveryPlaceableKindByCategory() {
        var entries = PaletteModel.entries();
        assertThat(entries.values().stream().mapToInt(java.util.List::size).sum())
                .isEqualTo(BlockKinds.all().size() - 2);
        assertThat(entries).doesNotContainKey(Category.INTERNAL);
        assertThat(entries.get(Category.BLOCKS))
                .contains(NamedBlock.DENSE_BLOCK)
                .doesNotContain(Structural.GROUP);
    }

    @Test
    void searchMatchesNameIdAndCategory() {
        assertThat(PaletteModel.matches(NamedBlock.DENSE_BLOCK, "DENSE")).isTrue();
        assertThat(PaletteModel.matches(Primitive.MAX_POOL, "pool")).isTrue();
        assertThat(PaletteModel.matches(Primitive.GLOBAL_AVG_POOL, "pooling")).isTrue();
        assertThat(PaletteModel.matches(Primitive.CONV2D, "pool")).isFalse();
        assertThat(PaletteModel.matches(Primitive.CONV2D, " ")).isTrue();
    }

    @Test
    void newBlocksGoRightOfTheSelectionWithoutOverlap() {
        Graph g = Templates.graph("lenet5");
        Position p = Placement.forNewNode(g, Set.of("c1"));
        assertThat(p.x()).isEqualTo(g.node("c1").position().x() + 240);
        assertThat(g.nodes())
                .noneMatch(n -> Math.abs(n.position().x() - p.x()) < SvgExport.NODE_WIDTH
                        && Math.abs(n.position().y() - p.y()) < SvgExport.NODE_HEIGHT);
        assertThat(Placement.forNewNode(Graph.EMPTY, Set.of())).isEqualTo(Position.ORIGIN);
    }
}
