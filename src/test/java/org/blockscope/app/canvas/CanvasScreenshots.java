package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Renders templates to PNG files (in java.io.tmpdir) so a person can look at the canvas. */
@ExtendWith(ApplicationExtension.class)
class CanvasScreenshots {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    static File shot(Stage stage, String template, boolean presenter, String file) throws Exception {
        WritableImage[] img = new WritableImage[1];
        WaitForAsyncUtils.asyncFx(() -> {
            EditorModel model = new EditorModel(new Document(Templates.graph(template)), Platform::runLater, true);
            model.presenterModeProperty().set(presenter);
            GraphCanvas canvas = new GraphCanvas(model);
            stage.setScene(new Scene(canvas, 1400, 900));
            stage.show();
        });
        WaitForAsyncUtils.sleep(1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> {
            img[0] = WaitForAsyncUtils.asyncFx(
                            () -> ((GraphCanvas) stage.getScene().getRoot()).snapshotGraph(1))
                    .get();
            return true;
        });
        File out = new File(System.getProperty("java.io.tmpdir"), file);
        java.awt.image.BufferedImage full = SwingFXUtils.fromFXImage(img[0], null);
        ImageIO.write(full, "png", out);
        int w = Math.min(full.getWidth(), 1100);
        int h = Math.min(full.getHeight(), 700);
        ImageIO.write(
                full.getSubimage(0, 0, w, h), "png", new File(out.getPath().replace(".png", "-crop.png")));
        int x2 = Math.max(0, full.getWidth() / 2 - w / 2);
        ImageIO.write(
                full.getSubimage(x2, 0, Math.min(w, full.getWidth() - x2), h),
                "png",
                new File(out.getPath().replace(".png", "-middle.png")));
        return out;
    }

    @Test
    void resnet18() throws Exception {
        File f = shot(stage, "resnet18", false, "blockscope-resnet18.png");
        assertThat(f).exists();
    }

    @Test
    void lenet5() throws Exception {
        assertThat(shot(stage, "lenet5", false, "blockscope-lenet5.png")).exists();
    }

    @Test
    void insideANamedBlock() throws Exception {
        shot(stage, "resnet18", false, "blockscope-tmp.png");
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> {
                    GraphCanvas c = (GraphCanvas) stage.getScene().getRoot();
                    c.openBlock("layer2_0");
                    c.applyCss();
                    c.layout();
                    return c.snapshot(null, null);
                })
                .get();
        File out = new File(System.getProperty("java.io.tmpdir"), "blockscope-open-block.png");
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out);
        assertThat(out).exists();
    }

    @Test
    void selectionAndErrors() throws Exception {
        shot(stage, "lenet5", false, "blockscope-tmp.png");
        WaitForAsyncUtils.asyncFx(() -> {
                    GraphCanvas c = (GraphCanvas) stage.getScene().getRoot();
                    EditorModel m = ((GraphCanvas) stage.getScene().getRoot()).model();
                    m.disconnect(new org.blockscope.graph.Edge("s2", "c3", 0));
                    m.select("c1", "c3");
                })
                .get();
        WaitForAsyncUtils.sleep(800, java.util.concurrent.TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage img = WaitForAsyncUtils.asyncFx(
                        () -> ((GraphCanvas) stage.getScene().getRoot()).snapshotGraph(1))
                .get();
        java.awt.image.BufferedImage full = SwingFXUtils.fromFXImage(img, null);
        File out = new File(System.getProperty("java.io.tmpdir"), "blockscope-states.png");
        ImageIO.write(full.getSubimage(0, 0, Math.min(1300, full.getWidth()), full.getHeight()), "png", out);
    }

    @Test
    void googlenetAux() throws Exception {
        assertThat(shot(stage, "googlenet_aux", false, "blockscope-googlenet-aux.png"))
                .exists();
    }

    @Test
    void resnet18Presenter() throws Exception {
        assertThat(shot(stage, "resnet18", true, "blockscope-resnet18-presenter.png"))
                .exists();
    }
}
