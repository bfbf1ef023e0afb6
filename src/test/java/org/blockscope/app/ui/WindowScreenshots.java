package org.blockscope.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.model.AppHome;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the whole window at a projector's 1280×720 to PNG for people to look at (not part of
 * the normal test run): {@code mvn -o test -Dtest=WindowScreenshots -Dblockscope.shots=docs}.
 */
@ExtendWith(ApplicationExtension.class)
class WindowScreenshots {

    @TempDir
    Path tmp;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new AppHome(tmp), GraphCanvasView::new);
        window.setFullScreenPresenter(false);
        window.show();
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::shutdown).get();
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void run(Runnable r) {
        fx(() -> {
            r.run();
            return null;
        });
        WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void open(String template, String select) {
        run(() -> window.files().newFrom(Templates.byId(template).orElseThrow()));
        run(() -> window.canvas().fitToView());
        if (select != null) {
            run(() -> {
                window.model().select(select);
                window.canvas().centreOn(select);
            });
        }
    }

    private static void save(Node node, String name) throws Exception {
        File dir = new File(System.getProperty("blockscope.shots", "target/screenshots"));
        dir.mkdirs();
        WritableImage img = fx(() -> node.snapshot(null, null));
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(dir, name));
    }

    @Test
    void resnet20() throws Exception {
        open("resnet20", "stage2_0");
        save(stage.getScene().getRoot(), "main-resnet20.png");
        save(window.explanation().getParent(), "explanation-residual.png");
        run(() -> window.canvas().openBlock("stage2_0"));
        save(stage.getScene().getRoot(), "inside-residual.png");
    }

    @Test
    void presenter() throws Exception {
        open("resnet20", "stage2_0");
        run(() -> window.model().presenterModeProperty().set(true));
        run(() -> window.canvas().fitToView());
        save(stage.getScene().getRoot(), "presenter-resnet20.png");
        run(() -> window.canvas().openBlock("stage2_0"));
        save(stage.getScene().getRoot(), "presenter-inside-residual.png");
    }

    @Test
    void densenet121() throws Exception {
        open("densenet121", "denseblock1");
        save(stage.getScene().getRoot(), "main-densenet121.png");
        run(() -> window.canvas().openBlock("denseblock1"));
        run(() -> window.canvas().fitToView());
        save(stage.getScene().getRoot(), "inside-dense-block.png");
    }

    @Test
    void googlenet() throws Exception {
        open("googlenet", null);
        run(() -> window.canvas().openBlock("inception3a"));
        save(stage.getScene().getRoot(), "inside-inception.png");
    }

    @Test
    void convExplanation() throws Exception {
        open("resnet18", "conv1");
        save(window.explanation().getParent(), "explanation-conv.png");
    }

    @Test
    void diagnostic() throws Exception {
        open("lenet5", null);
        run(() -> {
            window.model().setParam("c3", "kernel", 15);
            window.bottomTabs().getSelectionModel().select(1);
        });
        run(() -> {
            javafx.scene.control.ListView<?> problems =
                    (javafx.scene.control.ListView<?>) stage.getScene().lookup("#problems");
            problems.getSelectionModel().select(0);
        });
        save(stage.getScene().getRoot(), "problems.png");
    }

    @Test
    void startPage() throws Exception {
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        save(stage.getScene().getRoot(), "start.png");
    }
}
