package org.blockscope.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

class DocumentTest {

    @Test
    void consecutiveMovesOfTheSameNodesAreOneUndoStep() {
        Graph g = Templates.graph("lenet5");
        Document doc = new Document(g);
        for (int i = 0; i < 10; i++) {
            doc.execute(MoveNodes.by(doc.graph(), List.of("c1", "s2"), 5, 0));
        }
        assertThat(doc.graph().node("c1").position())
                .isEqualTo(g.node("c1").position().plus(50, 0));
        doc.undo();
        assertThat(doc.graph()).isEqualTo(g);
        assertThat(doc.canUndo()).isFalse();
    }

    @Test
    void movesAfterEndMergeAreSeparateSteps() {
        Graph g = Templates.graph("lenet5");
        Document doc = new Document(g);
        doc.execute(MoveNodes.by(doc.graph(), List.of("c1"), 5, 0));
        doc.endMerge();
        doc.execute(MoveNodes.by(doc.graph(), List.of("c1"), 5, 0));
        doc.undo();
        assertThat(doc.graph().node("c1").position())
                .isEqualTo(g.node("c1").position().plus(5, 0));
    }

    @Test
    void noOpEditsStayOutOfTheHistory() {
        Document doc = new Document(Templates.graph("lenet5"));
        assertThat(doc.execute(SetParams.of(doc.graph(), "f7", "units", 10))).isFalse();
        assertThat(doc.execute(MoveNodes.by(doc.graph(), List.of("c1"), 0, 0))).isFalse();
        assertThat(doc.canUndo()).isFalse();
        assertThat(doc.isDirty()).isFalse();
    }

    @Test
    void listenersSeeEveryRevisionAndDirtyFollowsSaves() {
        Document doc = new Document(Templates.graph("lenet5"));
        List<Document.Change> changes = new ArrayList<>();
        doc.addListener(changes::add);
        doc.execute(SetParams.of(doc.graph(), "f7", "units", 12));
        assertThat(doc.isDirty()).isTrue();
        doc.markSaved(java.nio.file.Path.of("x.bsg.json"));
        assertThat(doc.isDirty()).isFalse();
        doc.undo();
        assertThat(doc.isDirty()).isTrue();
        doc.redo();
        assertThat(doc.isDirty()).isFalse();
        assertThat(changes)
                .extracting(Document.Change::kind)
                .containsExactly(
                        Document.Change.Kind.EDIT,
                        Document.Change.Kind.RESET,
                        Document.Change.Kind.UNDO,
                        Document.Change.Kind.REDO);
        assertThat(doc.undoDescription()).contains("Set units = 12 of 'f7'");
    }

    @Test
    void removingNodesAndUndoingRestoresOrderAndEdges() {
        Graph g = Templates.graph("resnet20");
        Document doc = new Document(g);
        doc.execute(RemoveNodes.of(g, Set.of("stage2_1", "bn1")));
        assertThat(doc.graph().contains("stage2_1")).isFalse();
        assertThat(doc.graph().edges())
                .noneMatch(e -> e.to().equals("bn1") || e.from().equals("bn1"));
        doc.undo();
        assertThat(doc.graph()).isEqualTo(g);
    }

    @Test
    void groupingKeepsTheNetworkAndUngroupingRestoresItsCosts() {
        Graph g = Templates.graph("lenet5");
        NetworkAnalysis before = NetworkAnalysis.of(g);
        Document doc = new Document(g);
        doc.execute(Grouping.group(g, Set.of("c3", "c3_tanh", "s4"), "stage2"));

        Node group = doc.graph().node("stage2");
        assertThat(group.kind()).isEqualTo(Structural.GROUP);
        NetworkAnalysis grouped = NetworkAnalysis.of(doc.graph());
        assertThat(grouped.diagnostics()).isEmpty();
        assertThat(grouped.total()).isEqualTo(before.total());
        assertThat(grouped.node("stage2").orElseThrow().output()).hasToString("16×5×5");

        doc.execute(Grouping.ungroup(doc.graph(), "stage2", List.of()));
        NetworkAnalysis ungrouped = NetworkAnalysis.of(doc.graph());
        assertThat(ungrouped.diagnostics()).isEmpty();
        assertThat(ungrouped.total()).isEqualTo(before.total());
        doc.undo();
        doc.undo();
        assertThat(doc.graph()).isEqualTo(g);
    }

    @Test
    void ungroupingANamedBlockMakesItsPrimitivesEditable() {
        Graph g = Templates.graph("resnet20");
        NetworkAnalysis before = NetworkAnalysis.of(g);
        var inShape = before.node("stage1_2").orElseThrow().output();
        Edit e = Grouping.ungroup(g, "stage2_0", List.of(inShape));
        Graph after = e.apply(g);
        assertThat(after.contains("stage2_0")).isFalse();
        assertThat(after.node("stage2_0_conv1").kind()).isEqualTo(Primitive.CONV2D);
        assertThat(after.node("stage2_0_shortcut_conv").params().getInt("stride"))
                .isEqualTo(2);
        NetworkAnalysis a = NetworkAnalysis.of(after);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total()).isEqualTo(before.total());
    }

    @Test
    void aSelectionWithTwoExitsCannotBeGrouped() {
        Graph g = Templates.graph("resnet20");
        Graph two = g.withNode(Node.of("side", Primitive.GLOBAL_AVG_POOL).withPosition(Position.ORIGIN))
                .withEdge(new org.blockscope.graph.Edge("bn1", "side", 0));
        assertThat(Grouping.whyNotGroup(two, Set.of("conv1", "bn1", "relu1")))
                .contains("a group has one output, but [bn1, relu1] all feed nodes outside the selection");
        assertThatThrownBy(() -> Grouping.group(two, Set.of("conv1", "bn1", "relu1"), "g"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pasteRenamesTakenNamesAndShifts() {
        Graph g = Templates.graph("lenet5");
        Clipboard.Pasted p = Clipboard.paste(g, Clipboard.copy(g, Set.of("c1", "c1_tanh")), 40, 40);
        Graph after = p.edit().apply(g);
        assertThat(p.names()).containsExactly("c", "c1_tanh2");
        assertThat(after.node("c").position()).isEqualTo(g.node("c1").position().plus(40, 40));
        assertThat(after.inputs("c1_tanh2"))
                .singleElement()
                .extracting(org.blockscope.graph.Edge::from)
                .isEqualTo("c");
    }
}
