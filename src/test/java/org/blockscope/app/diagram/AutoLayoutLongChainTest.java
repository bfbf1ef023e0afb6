package org.blockscope.app.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.blockscope.app.canvas.LargeGraphs;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;
import org.junit.jupiter.api.Test;

/** Auto layout of a long network: ELK recurses along the chain, which once overflowed the stack (~1,000 nodes). */
class AutoLayoutLongChainTest {

    @Test
    void aThreeThousandNodeChainIsLaidOutTopToBottom() {
        Graph g = LargeGraphs.residualChain(3_000);
        Map<String, Position> pos = AutoLayout.positions(g, SkinGeometry.NORMAL);
        assertThat(pos).hasSize(g.size());
        double gap = SkinGeometry.NORMAL.height(2) + Router.STUB;
        for (Edge e : g.edges()) {
            assertThat(pos.get(e.to()).y())
                    .as("%s below its input", e)
                    .isGreaterThanOrEqualTo(pos.get(e.from()).y() + gap);
        }
    }
}
