package org.blockscope.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;

class GraphTest {

    private static final Node IN = Node.of("in", Primitive.INPUT);
    private static final Node CONV = Node.of("conv", Primitive.CONV2D);
    private static final Node ADD = Node.of("add", Primitive.ADD);

    private static Graph inConvAdd() {
        return Graph.of(List.of(IN, CONV, ADD), List.of(new Edge("in", "conv", 0), new Edge("conv", "add", 0)));
    }

    @Test
    void withNodeReturnsANewGraphAndLeavesTheOriginal() {
        Graph g = inConvAdd();
        Graph copy = inConvAdd();
        Graph bigger = g.withNode(Node.of("gap", Primitive.GLOBAL_AVG_POOL));

        assertThat(bigger.names()).containsExactly("in", "conv", "add", "gap");
        assertThat(g).isEqualTo(copy);
        assertThat(g.names()).containsExactly("in", "conv", "add");
        assertThat(g.contains("gap")).isFalse();
    }

    @Test
    void withNodeAtInsertsAtThePosition() {
        assertThat(inConvAdd()
                        .withNodeAt(1, Node.of("bn", Primitive.BATCH_NORM))
                        .names())
                .containsExactly("in", "bn", "conv", "add");
    }

    @Test
    void withoutRemovesTheNodesAndEveryEdgeTouchingThem() {
        Graph g = inConvAdd();
        Graph smaller = g.without(List.of("conv"));

        assertThat(smaller.names()).containsExactly("in", "add");
        assertThat(smaller.edges()).isEmpty();
        assertThat(g.edges()).hasSize(2);
        assertThat(g.inputs("add")).containsExactly(new Edge("conv", "add", 0));
    }

    @Test
    void withEdgeReturnsANewGraphAndLeavesTheOriginal() {
        Graph g = inConvAdd();
        Graph wired = g.withEdge(new Edge("in", "add", 1));

        assertThat(wired.inputs("add")).containsExactly(new Edge("conv", "add", 0), new Edge("in", "add", 1));
        assertThat(g.inputs("add")).containsExactly(new Edge("conv", "add", 0));
        assertThat(g.outputs("in")).containsExactly(new Edge("in", "conv", 0));
        assertThat(wired.withoutEdge(new Edge("in", "add", 1))).isEqualTo(g);
    }

    @Test
    void withReplacedKeepsThePlaceAndLeavesTheOriginal() {
        Graph g = inConvAdd();
        Node wide = CONV.withParams(CONV.params().with("filters", 256));
        Graph changed = g.withReplaced(wide);

        assertThat(changed.node("conv").params().getInt("filters")).isEqualTo(256);
        assertThat(changed.indexOf("conv")).isEqualTo(1);
        assertThat(g.node("conv").params().getInt("filters")).isEqualTo(32);
    }

    @Test
    void renamedRewritesEdgesAndLeavesTheOriginal() {
        Graph g = inConvAdd();
        Graph r = g.renamed("conv", "conv1");

        assertThat(r.names()).containsExactly("in", "conv1", "add");
        assertThat(r.edges()).containsExactly(new Edge("in", "conv1", 0), new Edge("conv1", "add", 0));
        assertThat(g.contains("conv")).isTrue();
        assertThatThrownBy(() -> g.renamed("conv", "in")).hasMessage("a node named 'in' exists already");
    }

    @Test
    void theListsCannotBeModified() {
        Graph g = inConvAdd();
        assertThatThrownBy(() -> g.nodes().add(Node.of("x", Primitive.DROPOUT)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> g.edges().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> g.names().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void duplicateNamesAreRejected() {
        assertThatThrownBy(() -> inConvAdd().withNode(Node.of("conv", Primitive.DROPOUT)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a node named 'conv' exists already");
        assertThatThrownBy(() -> Graph.of(List.of(IN, CONV, Node.of("conv", Primitive.DROPOUT)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duplicate node names in [in, conv, conv]");
    }

    @Test
    void aPortConnectedTwiceIsRejected() {
        assertThatThrownBy(() -> inConvAdd().withEdge(new Edge("in", "add", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 0 of 'add' is connected already");
        assertThatThrownBy(() ->
                        Graph.of(List.of(IN, CONV, ADD), List.of(new Edge("in", "add", 0), new Edge("conv", "add", 0))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port 0 of 'add' is connected twice");
    }

    @Test
    void edgesMustNameExistingNodesAndNonNegativePorts() {
        assertThatThrownBy(() -> inConvAdd().withEdge(new Edge("in", "nowhere", 0)))
                .hasMessage("edge in → nowhere[0] names a missing node");
        assertThatThrownBy(() -> Graph.of(List.of(IN), List.of(new Edge("ghost", "in", 0))))
                .hasMessage("edge ghost → in[0] names a missing node");
        assertThatThrownBy(() -> new Edge("a", "b", -1)).hasMessage("port must be >= 0, got -1");
        assertThatThrownBy(() -> inConvAdd().withoutEdge(new Edge("in", "add", 3)))
                .hasMessage("no edge in → add[3]");
    }

    @Test
    void nodeNamesAreNonBlankWithoutSlashAndOnlyGroupsHaveABody() {
        assertThatThrownBy(() -> Node.of(" ", Primitive.CONV2D)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Node.of("a/b", Primitive.CONV2D)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Node.of("g", Structural.GROUP)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void freshNameCountsUpFromTwo() {
        Graph g = inConvAdd().withNode(Node.of("conv2", Primitive.CONV2D));
        assertThat(g.freshName("pool")).isEqualTo("pool");
        assertThat(g.freshName("conv")).isEqualTo("conv3");
    }

    @Test
    void equalityIsOrderSensitive() {
        Graph a = Graph.EMPTY.withNode(IN).withNode(CONV);
        Graph b = Graph.EMPTY.withNode(CONV).withNode(IN);
        assertThat(a).isNotEqualTo(b);
        assertThat(a)
                .isEqualTo(Graph.EMPTY.withNode(IN).withNode(CONV))
                .hasSameHashCodeAs(Graph.EMPTY.withNode(IN).withNode(CONV));
    }
}
