package org.blockscope.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.blockscope.block.NamedBlock;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.Expander;
import org.junit.jupiter.api.Test;

/**
 * The tiny nets are what the shape, count and gradient tests of the engine run on: a primitive or a
 * named block missing from them would be executed by no test.
 */
class TinyNetsCoverageTest {

    @Test
    void theTinyPrimitiveNetsExerciseEveryPrimitive() {
        Set<Primitive> seen = EnumSet.noneOf(Primitive.class);
        for (Graph g : TinyNets.primitives().values()) {
            Expander.expand(g).nodes().stream().map(PrimitiveNode::kind).forEach(seen::add);
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(seen)))
                .as("primitives no tiny net runs: add one to TinyNets.primitives()")
                .isEmpty();
    }

    @Test
    void theTinyBlockNetsHoldEveryNamedBlock() {
        Set<NamedBlock> seen = EnumSet.noneOf(NamedBlock.class);
        for (Graph g : TinyNets.blocks().values()) {
            for (Node n : g.nodes()) {
                if (n.kind() instanceof NamedBlock b) {
                    seen.add(b);
                }
            }
        }
        assertThat(EnumSet.complementOf(EnumSet.copyOf(seen)))
                .as("named blocks no tiny net runs: add one to TinyNets.blocks()")
                .isEmpty();
    }
}
