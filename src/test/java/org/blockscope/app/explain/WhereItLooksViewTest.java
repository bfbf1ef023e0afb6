package org.blockscope.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.train.TrainingWorkspace;
import org.blockscope.edit.Document;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.export.Predictor;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.api.buffer.DataType;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Where it looks" in a real (headless) window on LeNet-5 as the editor holds it: draw a digit with the
 * mouse, the prediction bar shows what {@code blockscope predict} computes for that drawing, a click on a
 * bar explains that class, hovering the node's output outlines its receptive field on the probe.
 */
@ExtendWith(ApplicationExtension.class)
class WhereItLooksViewTest {

    private Stage stage;
    private EditorModel model;
    private TrainingWorkspace workspace;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        fx(() -> {
            workspace.shutdown();
            model.shutdown();
            return null;
        });
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(int seconds, Supplier<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError("condition not met within " + seconds + " s", e);
        }
    }

    @Test
    void drawAPredictPickAClassAndHoverTheNodeOutput(FxRobot robot) {
        fx(() -> {
            model = new EditorModel(new Document(Templates.graph("lenet5")), Platform::runLater, true);
            workspace = new TrainingWorkspace(model, n -> {}, Path.of("sample-images"));
            stage.setScene(new Scene(workspace, 1500, 950));
            stage.show();
            workspace
                    .getSelectionModel()
                    .select(workspace.getTabs().stream()
                            .filter(t -> t.getText().equals("Where it looks"))
                            .findFirst()
                            .orElseThrow());
            return null;
        });
        WhereItLooksView view = workspace.explain().whereItLooks();
        ExplainViewModel vm = view.viewModel();
        waitUntil(30, () -> vm.resultProperty().get() != null);
        DrawingPadView pad = fx(view::drawingPad);
        assertThat(pad).as("LeNet-5 takes 1-channel images: a pad is offered").isNotNull();

        // a vertical stroke down the middle of the pad (a "1"), once the bars shown with the first result
        // have been laid out (they move the pad)
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(5);
        Bounds b = fx(() -> pad.canvas().localToScreen(pad.canvas().getBoundsInLocal()));
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() * 0.2));
        robot.press(MouseButton.PRIMARY);
        for (int i = 1; i <= 12; i++) {
            robot.moveTo(new javafx.geometry.Point2D(
                    b.getMinX() + b.getWidth() / 2, b.getMinY() + b.getHeight() * (0.2 + 0.05 * i)));
        }
        robot.release(MouseButton.PRIMARY);
        waitUntil(
                30,
                () -> vm.resultProperty().get() != null
                        && workspace.inspection().probeProperty().get().label().equals("your drawing"));
        float[] drawing = fx(() -> workspace.inspection().probeProperty().get().pixels());
        assertThat(drawing).containsExactly(pad.pad().image(), within(0f));
        // ink in the middle column, none at the left border
        assertThat(drawing[14 * 28 + 14] + drawing[14 * 28 + 13]).isGreaterThan(0.5f);
        for (int y = 0; y < 28; y++) {
            assertThat(drawing[y * 28]).isZero();
        }
        waitUntil(30, () -> {
            Explanation e = vm.resultProperty().get();
            return e != null && java.util.Arrays.equals(e.photo(), drawing);
        });
        Explanation e = fx(() -> vm.resultProperty().get());

        // the bars: the same probabilities as 'blockscope predict' for the same image, five rows, best first
        Model m = Compiler.compile(model.graph(), new Compiler.Options(42, DataType.FLOAT));
        var target = fx(() -> workspace.inspection().target());
        float[] predicted = Predictor.predict(
                        TrainedNetwork.of(m, target.classNames(), target.normalization()),
                        fx(() -> workspace.inspection().probeProperty().get().normalised(target.normalization())))
                .probabilities()[0];
        assertThat(e.prediction().probabilities()).containsExactly(predicted, within(1e-6f));
        List<Node> rows = fx(() -> List.copyOf(view.predictionBars().lookupAll(".prediction-row")));
        assertThat(rows).hasSize(5);
        assertThat(e.cls()).isEqualTo(e.prediction().best());

        // click the third bar: that class is explained
        TopClasses.Ranked third = e.prediction().top(5).get(2);
        robot.clickOn(rows.get(2));
        waitUntil(30, () -> vm.resultProperty().get().cls() == third.cls());
        assertThat(fx(() -> vm.resultProperty().get().title()))
                .startsWith("Grad-CAM of 's4' for '" + third.name() + "' (p = ");
        assertThat(fx(() -> view.predictionBars().lookupAll(".explained").size()))
                .isEqualTo(1);

        // hover the bottom-right value of the node's output (s4: 16×5×5): its field is outlined on the probe
        Node map = fx(() -> view.lookup("#explain-node-map"));
        Bounds mb = fx(() -> map.localToScreen(map.getBoundsInLocal()));
        robot.moveTo(new javafx.geometry.Point2D(mb.getMaxX() - 2, mb.getMaxY() - 2));
        waitUntil(10, () -> view.receptiveFieldPane().outlineShape().isVisible());
        ReceptiveFields.Rect r = ReceptiveFields.of(m.expanded()).rect("s4", 4, 4);
        assertThat(r.x1()).as("clipped at the border").isEqualTo(27);
        double scale = fx(() -> view.receptiveFieldPane().scale());
        assertThat(scale).as("the probe shown %d px wide", 28).isGreaterThan(1);
        assertThat(fx(() -> view.receptiveFieldPane().outlineShape().getX())).isCloseTo(r.x0() * scale, within(1e-9));
        assertThat(fx(() -> view.receptiveFieldPane().outlineShape().getWidth()))
                .isCloseTo(r.width() * scale, within(1e-9));
    }
}
