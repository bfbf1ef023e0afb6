package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Classifier ends the network: on the canvas it shows no output port, while every other block
 * of LeNet-5 (the Input too) shows one on its box.
 */
@ExtendWith(ApplicationExtension.class)
class ClassifierPortTest {

    private EditorModel model;
    private GraphCanvas canvas;

    @Start
    void start(Stage stage) {
        model = new EditorModel(new Document(Templates.graph("lenet5")), Platform::runLater, true);
        canvas = new GraphCanvas(model);
        stage.setScene(new Scene(canvas, 1600, 1000));
        stage.show();
    }

    @AfterEach
    void stop() {
        model.shutdown();
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Node name → whether its output port is shown (visible, in the scene, inside the window). */
    private Map<String, Boolean> outputPortShown() {
        return fx(() -> {
            canvas.applyCss();
            canvas.layout();
            Bounds window = canvas.localToScene(canvas.getLayoutBounds());
            Map<String, Boolean> shown = new TreeMap<>();
            for (Node n : canvas.lookupAll(".port-out")) {
                NodeSkin.Port p = (NodeSkin.Port) n;
                boolean visible = true;
                for (Node up = p; up != null; up = up.getParent()) {
                    visible &= up.isVisible();
                }
                Bounds b = p.localToScene(p.getBoundsInLocal());
                shown.put(p.skin.name(), visible && p.getRadius() > 0 && window.intersects(b));
            }
            return shown;
        });
    }

    @Test
    void theClassifierHasNoOutputPortAndEveryOtherBlockHasOne() {
        fx(() -> {
            canvas.zoomReset();
            canvas.fitToView();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, Boolean> shown = outputPortShown();
        String classifier = fx(() -> model.graph().nodes().stream()
                .filter(n -> n.kind() == Primitive.CLASSIFIER)
                .findFirst()
                .orElseThrow()
                .name());
        assertThat(shown).containsKeys(model.graph().names().toArray(String[]::new));
        assertThat(shown).hasSize(model.graph().size());
        assertThat(shown.get(classifier)).as(classifier).isFalse();
        shown.remove(classifier);
        assertThat(shown)
                .hasSizeGreaterThan(5)
                .allSatisfy((name, on) -> assertThat(on).as(name).isTrue());
    }
}
