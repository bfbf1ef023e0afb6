package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Position;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The canvas driven by the robot, with assertions on the model. LeNet-5 nodes sit 240 apart on one row (left to right). */
@ExtendWith(ApplicationExtension.class)
class GraphCanvasTest {

    private EditorModel model;
    private GraphCanvas canvas;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        show("lenet5");
    }

    private void show(String template) {
        model = new EditorModel(new Document(Templates.graph(template)), Platform::runLater, true);
        canvas = new GraphCanvas(model);
        stage.setScene(new Scene(canvas, 1200, 700));
        stage.show();
    }

    @BeforeEach
    void atZoomOne(FxRobot robot) {
        robot.interact(() -> {
            canvas.zoomReset();
            canvas.centreOn("c1_tanh");
            canvas.requestFocus();
        });
    }

    @AfterEach
    void stop() {
        model.shutdown();
    }

    private <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Screen point of a document point. */
    private Point2D screen(double docX, double docY) {
        return fx(() -> canvas.localToScreen(canvas.panZoom().toView(new Point2D(docX, docY))));
    }

    private Point2D bodyOf(String node) {
        Position p = model.graph().node(node).position();
        return screen(p.x() + 60, p.y() + 50);
    }

    private Point2D outputPortOf(String node) {
        return fx(() -> {
            canvas.flush();
            NodeSkin s = canvas.view().skin(node).orElseThrow();
            return canvas.localToScreen(canvas.panZoom().toView(canvas.view().outputPoint(s)));
        });
    }

    private Point2D inputPortOf(String node, int port) {
        return fx(() -> {
            canvas.flush();
            NodeSkin s = canvas.view().skin(node).orElseThrow();
            return canvas.localToScreen(canvas.panZoom().toView(canvas.view().inputPoint(s, port)));
        });
    }

    private void awaitAnalysisOf(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> fx(() -> model.analysis().expanded().source() == model.graph()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /**
     * Zoomed in (every line) and out (name and output shape, larger), each line of a block lies inside its
     * box and clear of its port circles: seen under Xvfb, the shape of a zoomed-out block sat on its bottom
     * edge, across the output port.
     */
    @Test
    void everyLineStaysInsideItsBlockAndClearOfItsPorts(FxRobot robot) {
        for (String template : List.of("vgg16", "resnet20", "lenet5")) {
            robot.interact(() -> {
                model.shutdown();
                show(template);
            });
            for (double zoom : new double[] {1.0, 0.8, 0.6}) {
                robot.interact(() -> {
                    canvas.panZoom().setZoom(zoom, 0, 0);
                    canvas.flush();
                });
                WaitForAsyncUtils.waitForFxEvents();
                int[] checked = {0};
                List<String> wrong = fx(() -> {
                    List<String> w = new java.util.ArrayList<>();
                    for (NodeSkin s : canvas.view().skins()) {
                        if (!s.isVisible()) {
                            continue;
                        }
                        s.layout();
                        double width = s.prefWidth(-1), height = s.prefHeight(-1);
                        for (SkinText t : s.texts()) {
                            if (!t.isVisible() || t.getText().isEmpty()) {
                                continue;
                            }
                            checked[0]++;
                            javafx.geometry.Bounds b = t.getBoundsInParent();
                            if (b.getMinX() < 0 || b.getMinY() < 0 || b.getMaxX() > width || b.getMaxY() > height) {
                                w.add(s.name() + " '" + t.getText() + "' " + b + " outside " + width + "x" + height);
                            }
                            for (javafx.scene.Node c : s.getChildrenUnmodifiable()) {
                                if (c instanceof javafx.scene.shape.Circle port
                                        && port.isVisible()
                                        && port.getBoundsInParent().intersects(b)) {
                                    w.add(s.name() + " '" + t.getText() + "' " + b + " over port "
                                            + port.getBoundsInParent());
                                }
                            }
                        }
                    }
                    return w;
                });
                assertThat(wrong).as("%s at zoom %s", template, zoom).isEmpty();
                assertThat(checked[0])
                        .as("lines checked, %s at zoom %s", template, zoom)
                        .isGreaterThanOrEqualTo(10);
            }
        }
    }

    /**
     * Presenter mode hides the panels beside the canvas, so the canvas grows after the switch: the point at
     * the centre of the view before stays at the centre of the larger canvas (the graph no longer sits left
     * of the middle of a projected screen), and comes back when the panels show again.
     */
    @Test
    void presenterModeKeepsTheCentreOfTheViewWhenThePanelsHide(FxRobot robot) {
        robot.interact(() -> {
            javafx.scene.layout.Region panel = new javafx.scene.layout.Region();
            panel.setPrefWidth(400);
            panel.visibleProperty().bind(model.presenterModeProperty().not());
            panel.managedProperty().bind(panel.visibleProperty());
            javafx.scene.layout.HBox.setHgrow(canvas, javafx.scene.layout.Priority.ALWAYS);
            stage.setScene(new Scene(new javafx.scene.layout.HBox(panel, canvas), 1200, 700));
        });
        robot.interact(() -> canvas.centreOn("c1_tanh"));
        WaitForAsyncUtils.waitForFxEvents();
        Point2D centre = fx(() -> canvas.panZoom().toDoc(canvas.getWidth() / 2, canvas.getHeight() / 2));
        double beside = fx(canvas::getWidth);
        for (boolean on : new boolean[] {true, false}) {
            robot.interact(() -> model.presenterModeProperty().set(on));
            WaitForAsyncUtils.waitForFxEvents();
            double width = fx(canvas::getWidth);
            if (on) {
                assertThat(width).as("canvas width without the panel").isGreaterThan(beside + 100);
            } else {
                assertThat(width).as("canvas width beside the panel again").isEqualTo(beside, within(1.0));
            }
            Point2D now = fx(() -> canvas.panZoom().toDoc(canvas.getWidth() / 2, canvas.getHeight() / 2));
            assertThat(now.getX()).as("centre x, presenter %s", on).isCloseTo(centre.getX(), within(1.0));
            assertThat(now.getY()).as("centre y, presenter %s", on).isCloseTo(centre.getY(), within(1.0));
        }
    }

    @Test
    void draggingANodeMovesItByTheDistanceOverTheZoomAsOneUndoStep(FxRobot robot) {
        robot.interact(() -> canvas.panZoom().setZoom(0.8, 600, 350));
        Position before = model.graph().node("c1_tanh").position();
        Point2D from = bodyOf("c1_tanh");
        robot.drag(from, MouseButton.PRIMARY).moveBy(100, 60).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Position after = model.graph().node("c1_tanh").position();
        assertThat(after.x() - before.x()).isCloseTo(100 / 0.8, within(0.01));
        assertThat(after.y() - before.y()).isCloseTo(60 / 0.8, within(0.01));
        robot.interact(model::undo);
        assertThat(model.graph().node("c1_tanh").position()).isEqualTo(before);
        assertThat(model.document().canUndo()).isFalse();
    }

    @Test
    void draggingFromAnOutputPortToAnInputPortConnects(FxRobot robot) {
        String pool = fx(() -> model.addNode(Primitive.MAX_POOL, new Position(480, 200)));
        robot.drag(outputPortOf("c1_tanh"), MouseButton.PRIMARY)
                .moveTo(inputPortOf(pool, 0))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().edges()).contains(new Edge("c1_tanh", pool, 0));
    }

    @Test
    void releasingOnANodeBodyConnectsToItsFirstFreePort(FxRobot robot) {
        String pool = fx(() -> model.addNode(Primitive.MAX_POOL, new Position(480, 200)));
        robot.drag(outputPortOf("c1_tanh"), MouseButton.PRIMARY)
                .moveTo(bodyOf(pool))
                .release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().edges()).contains(new Edge("c1_tanh", pool, 0));
    }

    @Test
    void aConnectionMakingACycleIsRefusedAndTheReasonShown(FxRobot robot) {
        int edges = model.graph().edges().size();
        robot.drag(outputPortOf("s2"), MouseButton.PRIMARY).moveTo(inputPortOf("c1", 0));
        Label hint = robot.lookup("#connect-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getText()).contains("this would make a cycle: 'c1' already feeds 's2'");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().edges()).hasSize(edges);
        assertThat(model.document().canUndo()).isFalse();
        assertThat(hint.isVisible())
                .as("the reason stays readable after the release")
                .isTrue();
        assertThat(hint.getText()).contains("would make a cycle");
    }

    @Test
    void nothingConnectsIntoTheInputNode(FxRobot robot) {
        robot.interact(() -> canvas.centreOn("input"));
        Point2D from = outputPortOf("c1");
        Point2D to = bodyOf("input");
        robot.drag(from, MouseButton.PRIMARY).moveTo(to).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().inputs("input")).isEmpty();
        assertThat(robot.lookup("#connect-hint").queryAs(Label.class).getText())
                .contains("'input' (Input) takes no input");
    }

    @Test
    void shiftDragDrawsARubberBandThatSelectsTheNodesItTouches(FxRobot robot) {
        // c1 spans x 240..420, c1_tanh 480..660, both at y 0..78; start below them on empty canvas
        robot.press(KeyCode.SHIFT)
                .drag(screen(250, 160), MouseButton.PRIMARY)
                .moveTo(screen(500, 40))
                .release(MouseButton.PRIMARY)
                .release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactlyInAnyOrder("c1", "c1_tanh");

        robot.interact(() -> model.select("softmax"));
        var s2 = model.graph().node("s2").position(); // a band that touches only s2, from above it
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT) // Ctrl+Shift: the band adds to the selection
                .drag(screen(s2.x() + 10, s2.y() - 60), MouseButton.PRIMARY)
                .moveTo(screen(s2.x() + 20, s2.y() + 40))
                .release(MouseButton.PRIMARY)
                .release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactlyInAnyOrder("softmax", "s2");
    }

    @Test
    void draggingOnEmptyCanvasPansAndChangesNothing(FxRobot robot) {
        robot.interact(() -> model.select("c1"));
        Point2D at = screen(560, 40);
        Graphs.assertUnchanged(model, () -> {
            robot.drag(screen(500, 300), MouseButton.PRIMARY).moveBy(-120, 30).release(MouseButton.PRIMARY);
            WaitForAsyncUtils.waitForFxEvents();
        });
        assertThat(screen(560, 40).distance(at)).isCloseTo(Math.hypot(120, 30), within(1.0));
        assertThat(model.selection()).as("a drag is not a click").containsExactly("c1");
    }

    @Test
    void clickSelectsAndShiftClickToggles(FxRobot robot) {
        robot.clickOn(bodyOf("c1"));
        assertThat(model.selection()).containsExactly("c1");
        robot.press(KeyCode.SHIFT).clickOn(bodyOf("s2")).release(KeyCode.SHIFT);
        assertThat(model.selection()).containsExactlyInAnyOrder("c1", "s2");
        robot.press(KeyCode.SHIFT).clickOn(bodyOf("c1")).release(KeyCode.SHIFT);
        assertThat(model.selection()).containsExactly("s2");
        robot.clickOn(screen(500, 300));
        assertThat(model.selection()).isEmpty();
    }

    @Test
    void deleteRemovesTheSelectedNodes(FxRobot robot) {
        robot.clickOn(bodyOf("s2")).type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().contains("s2")).isFalse();
        assertThat(fx(() -> canvas.view().skin("s2").isPresent())).isFalse();
    }

    @Test
    void clickingAnEdgeSelectsItAndDeleteDisconnects(FxRobot robot) {
        // the c1 → c1_tanh edge runs straight from (400, y) to (480, y) at the port height
        NodeSkin c1 = fx(() -> canvas.view().skin("c1").orElseThrow());
        Point2D out = fx(() -> canvas.view().outputPoint(c1));
        robot.clickOn(screen(out.getX() + 40, out.getY()));
        assertThat(canvas.selectedEdge()).isEqualTo(new Edge("c1", "c1_tanh", 0));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().edges()).doesNotContain(new Edge("c1", "c1_tanh", 0));
        assertThat(model.graph().contains("c1")).isTrue();
    }

    @Test
    void aNodeWithAnErrorIsOutlinedAndExplained(FxRobot robot) throws Exception {
        robot.interact(() -> model.disconnect(new Edge("s2", "c3", 0)));
        awaitAnalysisOf(robot);
        NodeSkin c3 = fx(() -> canvas.view().skin("c3").orElseThrow());
        assertThat(c3.getPseudoClassStates()).contains(NodeSkin.ERROR);
        assertThat(fx(c3::tooltipText)).contains("is not connected");
        robot.interact(model::undo);
        awaitAnalysisOf(robot);
        assertThat(c3.getPseudoClassStates()).doesNotContain(NodeSkin.ERROR);
    }

    @Test
    void aParameterChangeUpdatesTheShapeLabel(FxRobot robot) throws Exception {
        NodeSkin c1 = fx(() -> canvas.view().skin("c1").orElseThrow());
        assertThat(c1.shapeText()).isEqualTo("6×28×28");
        long t0 = System.nanoTime();
        robot.interact(() -> model.setParam("c1", "filters", 12));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(c1::shapeText).equals("12×28×28"));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("setParam → label updated in " + ms + " ms");
        EdgeSkin e =
                fx(() -> canvas.view().edgeSkin(new Edge("c1", "c1_tanh", 0)).orElseThrow());
        assertThat(e.label.getText()).isEqualTo("12×28×28");
    }

    @Test
    void droppingAPaletteKindAddsTheNodeAtTheDropPoint(FxRobot robot) {
        String name = fx(() -> canvas.drop(Primitive.CONV2D.id(), 600, 500));
        assertThat(model.graph().node(name).kind()).isEqualTo(Primitive.CONV2D);
        Point2D doc = fx(() -> canvas.panZoom().toDoc(600, 500));
        Position p = model.graph().node(name).position();
        assertThat(p.x() + SkinGeometry.NORMAL.width() / 2).isCloseTo(doc.getX(), within(1.0));
        assertThat(model.selection()).containsExactly(name);
    }

    @Test
    void keysZoomAndNudge(FxRobot robot) {
        robot.clickOn(bodyOf("c3"));
        Position before = model.graph().node("c3").position();
        robot.type(KeyCode.RIGHT, 3).type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph().node("c3").position()).isEqualTo(before.plus(30, 10));
        double z = canvas.zoomProperty().get();
        robot.type(KeyCode.EQUALS);
        assertThat(canvas.zoomProperty().get()).isCloseTo(z * 1.25, within(1e-9));
        robot.type(KeyCode.MINUS);
        assertThat(canvas.zoomProperty().get()).isCloseTo(z, within(1e-9));
    }

    @Test
    void theWheelZoomsAroundTheCursorAndRightDragPans(FxRobot robot) {
        Point2D at = screen(560, 40);
        robot.moveTo(at).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas.zoomProperty().get()).isNotEqualTo(1.0);
        Point2D after = screen(560, 40);
        assertThat(after.distance(at)).isLessThan(1.0);
        Graphs.assertUnchanged(model, () -> {
            robot.drag(screen(500, 300), MouseButton.SECONDARY).moveBy(-120, 30).release(MouseButton.SECONDARY);
            WaitForAsyncUtils.waitForFxEvents();
        });
        assertThat(screen(560, 40).distance(at)).isCloseTo(Math.hypot(120, 30), within(1.0));
    }

    @Test
    void autoLayoutIsOneUndoableMove(FxRobot robot) throws Exception {
        var before = model.graph();
        boolean applied = fx(() -> canvas.autoLayoutAsync()).get(10, TimeUnit.SECONDS);
        assertThat(applied).isTrue();
        assertThat(model.graph()).isNotEqualTo(before);
        assertThat(model.graph().edges()).isEqualTo(before.edges());
        robot.interact(model::undo);
        assertThat(model.graph()).isEqualTo(before);
    }

    @Test
    void doubleClickOpensANamedBlockAndEscapeClosesIt(FxRobot robot) {
        robot.interact(() -> {
            show("resnet20");
            canvas.zoomReset();
            canvas.centreOn("stage1_0");
        });
        robot.doubleClickOn(bodyOf("stage1_0"));
        WaitForAsyncUtils.waitForFxEvents();
        BlockOverlay open = canvas.openedBlock();
        assertThat(open).isNotNull();
        assertThat(open.inner().graph().names()).contains("conv1", "conv2", "add");
        assertThat(fx(() -> open.inner().skin("conv1").orElseThrow().shapeText()))
                .isEqualTo("16×32×32");
        robot.type(KeyCode.ESCAPE);
        assertThat(canvas.openedBlock()).isNull();
        robot.interact(() -> canvas.openBlock("stage2_0"));
        robot.clickOn("#close-block");
        assertThat(canvas.openedBlock()).isNull();
    }

    @Test
    void aRepeatedStageCollapsesIntoOneLabelledBoxAndExpandsByHand() {
        fx(() -> {
            model.shutdown();
            show("resnet20");
            canvas.zoomReset();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        org.blockscope.app.diagram.Stages.Stage s2 = fx(() -> canvas.stages().stream()
                .filter(s -> s.members().contains("stage2_1"))
                .findFirst()
                .orElseThrow());
        assertThat(s2.members()).contains("stage2_1", "stage2_2");
        java.util.function.Supplier<List<Boolean>> shown = () -> fx(() -> canvas.view().skins().stream()
                .filter(k -> s2.members().contains(k.name()))
                .map(javafx.scene.Node::isVisible)
                .toList());
        assertThat(shown.get()).hasSize(s2.members().size()).containsOnly(true);
        assertThat(fx(() -> canvas.toggleStage("stage2_1"))).isTrue();
        assertThat(shown.get()).containsOnly(false);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> labels = fx(() -> {
            canvas.applyCss();
            canvas.layout();
            return canvas.view().stageTexts().stream() // the collapsed stage's box and its label
                    .map(SkinText::full)
                    .toList();
        });
        assertThat(labels).contains(s2.label());
        assertThat(fx(() -> canvas.toggleStage("stage2_2"))).isTrue();
        assertThat(shown.get()).containsOnly(true);
        assertThat(fx(() -> canvas.toggleStage("conv1")))
                .as("conv1 is in no stage")
                .isFalse();
    }
}
