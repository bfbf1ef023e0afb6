package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.block.NamedBlock;
import org.blockscope.edit.Document;
import org.blockscope.graph.Position;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The editor's rules, checked without starting JavaFX. */
class EditorModelTest {

    private final EditorModel model = new EditorModel(new Document(Templates.graph("lenet5")), Runnable::run, false);

    @ParameterizedTest(name = "{0} → {1}[{2}]: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            c1      | c1      | 0 | a node cannot feed itself
            s4      | c1      | 0 | this would make a cycle: 'c1' already feeds 's4'
            softmax | f5      | 0 | 'softmax' is an output: nothing can follow a Classifier
            c1      | input   | 0 | 'input' (Input) takes no input
            c1      | f5      | 1 | 'f5' has no input port 1
            """)
    void invalidConnectionsAreRefusedWithTheReason(String from, String to, int port, String reason) {
        assertThat(model.whyNotConnect(from, to, port)).contains(reason);
        assertThat(model.connect(from, to, port)).contains(reason);
        assertThat(model.document().canUndo()).isFalse();
    }

    @Test
    void undoAndRedoStateFollowTheHistory() {
        assertThat(model.canUndoProperty().get()).isFalse();
        assertThat(model.canRedoProperty().get()).isFalse();
        assertThat(model.undoDescriptionProperty().get()).isEmpty();
        String pool = model.addNode(Primitive.MAX_POOL, new Position(10, 10));
        assertThat(model.canUndoProperty().get()).isTrue();
        assertThat(model.undoDescriptionProperty().get())
                .isEqualTo(model.document().undoDescription().orElseThrow())
                .contains(pool);
        model.undo();
        assertThat(model.canUndoProperty().get()).isFalse();
        assertThat(model.canRedoProperty().get()).isTrue();
        assertThat(model.redoDescriptionProperty().get()).contains(pool);
        assertThat(model.undoDescriptionProperty().get()).isEmpty();
        model.redo();
        assertThat(model.canRedoProperty().get()).isFalse();
        assertThat(model.graph().contains(pool)).isTrue();
    }

    @Test
    void aConnectionWhoseShapeDoesNotFitIsRefusedWithTheShapes() {
        String conv = model.addNode(Primitive.CONV2D, new Position(10, 10));
        assertThat(model.whyNotConnect("f5", conv, 0))
                .contains("Conv needs a feature map C×H×W, got the vector 120 (use Fully connected on vectors)");
        assertThat(model.whyNotConnect("s4", conv, 0)).isEmpty();
    }

    @Test
    void aValidConnectionReplacesTheEdgeInThatPortAsOneStep() {
        String pool = model.addNode(Primitive.MAX_POOL, new Position(10, 10));
        assertThat(model.connect("c1_tanh", pool, 0)).isEmpty();
        assertThat(model.connect(pool, "c3", 0)).isEmpty();
        assertThat(model.graph().inputs("c3"))
                .singleElement()
                .satisfies(e -> assertThat(e.from()).isEqualTo(pool));
        assertThat(model.analysis().node("c3").orElseThrow().output()).hasToString("16×10×10");
        model.undo();
        assertThat(model.graph().inputs("c3"))
                .singleElement()
                .satisfies(e -> assertThat(e.from()).isEqualTo("s2"));
    }

    @Test
    void changingAParameterUpdatesShapesAtOnce() {
        assertThat(model.setParam("c1", "filters", 12)).isEmpty();
        assertThat(model.analysis().node("c1").orElseThrow().output()).hasToString("12×28×28");
        assertThat(model.analysis().node("c3").orElseThrow().cost().params()).isEqualTo(12 * 16 * 25 + 16);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            filters | 0      | filters must be between 1 and 65536, got 0
            padding | 'full' | padding must be one of [same, valid, explicit], got 'full'
            """)
    void outOfRangeParametersAreRefused(String key, String value, String message) {
        Object v = value.matches("-?\\d+") ? (Object) Integer.parseInt(value) : value;
        assertThat(model.setParam("c1", key, v)).contains(message);
        assertThat(model.document().canUndo()).isFalse();
    }

    @Test
    void pastedCopiesGetFreshNamesAndBecomeTheSelection() {
        model.select("c1", "c1_tanh");
        model.copy();
        model.paste();
        assertThat(model.selection()).containsExactlyInAnyOrder("c", "c1_tanh2");
        model.paste();
        assertThat(model.selection()).hasSize(2).doesNotContain("c", "c1_tanh2");
        assertThat(model.graph().size()).isEqualTo(Templates.graph("lenet5").size() + 4);
    }

    @Test
    void deletingTheSelectionIsUndoable() {
        model.select("s2", "c3");
        model.deleteSelection();
        assertThat(model.selection()).isEmpty();
        assertThat(model.analysis().diagnostics())
                .anySatisfy(d -> assertThat(d.message()).contains("is not connected"));
        model.undo();
        assertThat(model.graph()).isEqualTo(Templates.graph("lenet5"));
    }

    @Test
    void ungroupingANamedBlockNeedsItsInputShape() {
        EditorModel m = new EditorModel(new Document(Templates.graph("resnet20")), Runnable::run, false);
        assertThat(m.ungroup("stage1_0")).isEmpty();
        assertThat(m.graph().contains("stage1_0_conv1")).isTrue();
        assertThat(m.analysis().total())
                .isEqualTo(org.blockscope.analysis.NetworkAnalysis.of(Templates.graph("resnet20"))
                        .total());
        String lone = m.addNode(NamedBlock.DENSE_BLOCK, Position.ORIGIN);
        assertThat(m.ungroup(lone))
                .contains("connect '" + lone + "' first: its inside depends on the shape it receives");
    }
}
