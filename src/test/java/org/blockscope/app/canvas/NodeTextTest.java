package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.block.BlockKinds;
import org.blockscope.graph.Node;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeTextTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            conv2d           | filters=64,kernel=3,stride=2     | 64 filters 3×3 /2
            conv2d           | filters=128,kernel=3,groups=32   | 128 filters 3×3 g=32
            max_pool         | kernel=3,stride=2                | 3×3 /2
            dense_block      | layers=6,growth=32               | L=6 k=32
            se               | ratio=16                         | r=16
            transition       | compression=0.5                  | θ=0.5
            residual         | variant=bottleneck,filters=64,stride=2 | bottleneck 64 /2
            fully_connected  | units=1000                       | 1000 units
            activation       | function=relu6                   | relu6
            batch_norm       |                                  | ''
            """)
    void keyParametersReadLikeThePapers(String kind, String params, String text) {
        Params p = Params.EMPTY;
        if (params != null) {
            for (String kv : params.split(",")) {
                String[] a = kv.split("=");
                Object v = a[1].matches("\\d+")
                        ? (Object) Integer.parseInt(a[1])
                        : a[1].matches("[\\d.]+") ? (Object) Double.parseDouble(a[1]) : a[1];
                p = p.with(a[0], v);
            }
        }
        assertThat(NodeText.keyParams(Node.of("n", BlockKinds.byId(kind).orElseThrow(), p)))
                .isEqualTo(text);
    }

    @Test
    void everyKindHasAText() {
        for (BlockKind k : BlockKinds.all()) {
            if (k != Structural.GROUP) {
                assertThat(NodeText.keyParams(Node.of("n", k))).isNotNull();
            }
        }
    }
}
