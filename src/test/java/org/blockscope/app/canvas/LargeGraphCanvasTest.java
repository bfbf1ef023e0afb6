package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A valid 60,000-node network (residual blocks of primitives, {@link LargeGraphs}) on the canvas:
 * skins exist only for what is in view, with the right names; revealing a far node gives it a skin
 * and shows it selected; edits and undo work; zoomed far out an overview stands in for the skins.
 * Size: {@code -Dblockscope.largeNodes=N} (60,000 by default).
 */
@ExtendWith(ApplicationExtension.class)
class LargeGraphCanvasTest {

    static final int NODES = Integer.getInteger("blockscope.largeNodes", 60_000);
    /** A screenful at the readable zoom holds a few dozen boxes; this leaves room for the margins. */
    static final int MOST_SKINS = 2_000;

    private static final Graph BIG = LargeGraphs.residualChain(NODES);

    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(new Document(BIG), Platform::runLater, true);
        canvas = new GraphCanvas(model);
        stage.setScene(new Scene(canvas, 1200, 700));
        stage.show();
    }

    @AfterEach
    void stop() {
        model.shutdown();
    }

    private <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(() -> {
                        canvas.flush();
                        return s.get();
                    })
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Node skins under the canvas, counted in the scene graph. */
    private int skinsInScene() {
        return fx(() -> canvas.lookupAll(".node-skin").size());
    }

    /** The names of the nodes whose boxes (from the model, independently of the view) meet the screen. */
    private List<String> inView() {
        return fx(() -> {
            Point2D a = canvas.panZoom().toDoc(0, 0);
            Point2D b = canvas.panZoom().toDoc(canvas.getWidth(), canvas.getHeight());
            Bounds screen = new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY());
            List<String> out = new ArrayList<>();
            Graph g = model.graph();
            for (Node n : g.nodes()) {
                Position p = n.position();
                double h = SkinGeometry.NORMAL.height(SkinGeometry.inputPorts(g, n));
                if (screen.intersects(p.x(), p.y(), SkinGeometry.NORMAL.width(), h)) {
                    out.add(n.name());
                }
            }
            return out;
        });
    }

    private void assertSkinsFor(List<String> names) {
        fx(() -> {
            for (String n : names) {
                NodeSkin s = canvas.view().skin(n).orElseThrow(() -> new AssertionError("no skin for " + n));
                assertThat(s.texts().get(0).getText()).isEqualTo(n);
                assertThat(s.getLayoutX())
                        .isEqualTo(model.graph().node(n).position().x());
                assertThat(s.getLayoutY())
                        .isEqualTo(model.graph().node(n).position().y());
            }
            return null;
        });
    }

    @Test
    void opensWithSkinsOnlyForTheNodesInViewAndTheirNames() {
        assertThat(model.graph().size()).isGreaterThanOrEqualTo(NODES);
        List<String> visible = inView();
        assertThat(visible).contains("input", "b0_conv1").hasSizeLessThan(200);
        assertSkinsFor(visible);
        int skins = skinsInScene();
        assertThat(skins).isBetween(visible.size(), MOST_SKINS);
        assertThat(fx(() -> canvas.view().skin("b8000_add").isPresent())).isFalse();
        assertThat(fx(() -> canvas.minimap().isVisible())).as("minimap").isTrue();
        assertThat(fx(() -> canvas.lookupAll(".edge").size())).isBetween(visible.size() - 1, 4 * MOST_SKINS);
    }

    @Test
    void revealingAFarNodeGivesItASkinShownSelectedAtTheCentre(FxRobot robot) {
        String far = "b" + (NODES / 7 - 5) + "_add";
        assertThat(fx(() -> canvas.view().skin(far).isPresent())).isFalse();
        robot.interact(() -> {
            model.select(far);
            canvas.centreOn(far);
        });
        NodeSkin s = fx(() -> canvas.view().skin(far).orElseThrow());
        assertThat(fx(() -> s.getPseudoClassStates().contains(NodeSkin.SELECTED)))
                .isTrue();
        Point2D centre = fx(() -> canvas.panZoom()
                .toView(new Point2D(
                        s.getLayoutX() + SkinGeometry.NORMAL.width() / 2, s.getLayoutY() + s.height() / 2)));
        assertThat(centre.getX()).isCloseTo(fx(canvas::getWidth) / 2, org.assertj.core.api.Assertions.within(1.0));
        assertThat(centre.getY()).isCloseTo(fx(canvas::getHeight) / 2, org.assertj.core.api.Assertions.within(1.0));
        assertSkinsFor(inView());
        assertThat(fx(() -> canvas.view().skin("input").isPresent()))
                .as("skins far from the view are dropped")
                .isFalse();
        assertThat(skinsInScene()).isLessThanOrEqualTo(MOST_SKINS);
        // the skip edge into the add is routed and drawn beside the block
        String from = "b" + (NODES / 7 - 6) + "_relu2";
        assertThat(fx(() -> canvas.view()
                        .edgeSkin(new org.blockscope.graph.Edge(from, far, 1))
                        .map(e -> e.route().lane())
                        .orElse(false)))
                .isTrue();
    }

    @Test
    void clickingABoxSelectsItAndDeleteAndUndoRedrawIt(FxRobot robot) {
        String node = "b0_conv2";
        Point2D body = fx(() -> {
            Position p = model.graph().node(node).position();
            return canvas.localToScreen(canvas.panZoom().toView(new Point2D(p.x() + 60, p.y() + 50)));
        });
        robot.clickOn(body, MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactly(node);
        robot.interact(model::deleteSelection);
        assertThat(model.graph().contains(node)).isFalse();
        assertThat(fx(() -> canvas.view().skin(node).isPresent())).isFalse();
        robot.interact(model::undo);
        assertThat(model.graph()).isEqualTo(BIG);
        assertSkinsFor(List.of(node));
        assertThat(fx(() -> model.rename("b0_bn2", "renamed")).isEmpty()).isTrue();
        assertSkinsFor(List.of("renamed"));
        robot.interact(model::undo);
        assertSkinsFor(List.of("b0_bn2"));
        assertThat(fx(() -> canvas.view().skin("renamed").isPresent())).isFalse();
    }

    @Test
    void zoomedFarOutAnOverviewStandsInAndZoomingInBringsTheBoxesBack(FxRobot robot) {
        robot.interact(() -> canvas.panZoom().setZoom(PanZoom.MIN, 0, 0));
        assertThat(inView().size()).isGreaterThan(LazySkins.MAX_SKINS);
        assertThat(skinsInScene()).isZero();
        assertThat(fx(() -> canvas.view().lazySkins().overview())).isTrue();
        // the band selects from the model: nodes without skins too
        List<String> band = fx(() -> canvas.view().hits().nodesIn(new BoundingBox(-10, -10, 600, 3000)));
        assertThat(band).startsWith("input", "b0_conv1").hasSizeGreaterThan(20);
        robot.interact(() -> canvas.fitToView());
        assertThat(fx(() -> canvas.view().lazySkins().overview())).isFalse();
        assertSkinsFor(inView());
        assertThat(skinsInScene()).isBetween(1, MOST_SKINS);
    }
}
