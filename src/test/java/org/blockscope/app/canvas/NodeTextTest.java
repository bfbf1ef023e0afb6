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

    /**
     * What every kind shows with its default parameters. A new kind fails here until its line is
     * added: what it shows on the canvas is then a decision, not an accident.
     */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            input            | ''
            conv2d           | 32 filters 3×3
            depthwise_conv2d | 3×3
            batch_norm       | ''
            activation       | relu
            max_pool         | 2×2 /2
            avg_pool         | 2×2 /2
            global_avg_pool  | ''
            flatten          | ''
            fully_connected  | 10 units
            dropout          | p=0.5
            add              | ''
            concat           | ''
            scale            | ''
            channel_shuffle  | g=2
            classifier       | softmax
            inception        | 64/128/32/32
            aux_classifier   | 10 classes ×0.3
            residual         | basic 64
            resnext          | 64 32×4d
            dense_block      | L=6 k=32
            transition       | θ=0.5
            se               | r=16
            separable_conv   | 64 filters 3×3
            mbconv           | 24 t=6 3×3
            shuffle_unit     | 240 g=3
            vgg_stage        | 2×conv 64
            port             | ''
            """)
    void everyKindShowsItsDefaults(String id, String text) {
        assertThat(NodeText.keyParams(Node.of("n", BlockKinds.byId(id).orElseThrow())))
                .isEqualTo(text);
    }

    @Test
    void theDefaultsTableListsEveryKindButGroup() throws Exception {
        var method = getClass().getDeclaredMethod("everyKindShowsItsDefaults", String.class, String.class);
        String table = method.getAnnotation(CsvSource.class).textBlock();
        for (BlockKind k : BlockKinds.all()) {
            if (k != Structural.GROUP) {
                assertThat(table).as("a row for " + k.id()).containsPattern("(?m)^\\s*" + k.id() + "\\s*\\|");
            }
        }
    }

    @Test
    void aGroupShowsItsSize() {
        var b = new org.blockscope.block.SubgraphBuilder();
        b.relu("r", b.port(0));
        Node group = new Node("g", Structural.GROUP, Params.EMPTY, org.blockscope.graph.Position.ORIGIN, b.build("r"));
        assertThat(NodeText.keyParams(group)).isEqualTo("2 nodes");
    }
}
