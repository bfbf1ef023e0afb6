package org.blockscope.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.model.AppHome;
import org.blockscope.graph.Position;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the whole window to PNG for people to look at (not part of the normal test run):
 * {@code mvn -o test -Dtest=WindowScreenshots -Dblockscope.shots=docs}.
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
        window.show();
        stage.setWidth(1600);
        stage.setHeight(1000);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::shutdown).get();
    }

    private void open(FxRobot robot, String template, String select) {
        robot.interact(() -> window.session().newDocument(Templates.graph(template)));
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        robot.interact(() -> {
            window.canvas().fitToView();
            if (select != null) {
                window.model().select(select);
                window.canvas().zoomReset();
                window.canvas().centreOn(select);
            }
        });
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void save(Node node, String name) throws Exception {
        File dir = new File(System.getProperty("blockscope.shots", "target/screenshots"));
        dir.mkdirs();
        WritableImage img =
                WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(dir, name));
    }

    @Test
    void resnet18(FxRobot robot) throws Exception {
        open(robot, "resnet18", "layer2_0");
        save(stage.getScene().getRoot(), "main-resnet18.png");
        save(window.explanation().getParent(), "explanation-residual.png");
    }

    @Test
    void densenet121(FxRobot robot) throws Exception {
        open(robot, "densenet121", "denseblock1");
        save(stage.getScene().getRoot(), "main-densenet121.png");
        save(window.explanation().getParent(), "explanation-dense-block.png");
    }

    @Test
    void convExplanation(FxRobot robot) throws Exception {
        open(robot, "resnet18", "conv1");
        save(window.explanation().getParent(), "explanation-conv.png");
    }

    @Test
    void diagnostic(FxRobot robot) throws Exception {
        open(robot, "lenet5", null);
        robot.interact(() -> {
            window.model().setParam("c3", "kernel", 15);
            window.bottomTabs().getSelectionModel().select(1);
        });
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        robot.interact(() -> {
            javafx.scene.control.ListView<?> problems =
                    (javafx.scene.control.ListView<?>) stage.getScene().lookup("#problems");
            problems.getSelectionModel().select(0);
            window.canvas().zoomReset();
            window.canvas().centreOn("c3");
        });
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        save(stage.getScene().getRoot(), "problems.png");
    }

    @Test
    void empty(FxRobot robot) throws Exception {
        robot.interact(() -> window.model().addNode(Primitive.INPUT, new Position(0, 0)));
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        save(stage.getScene().getRoot(), "start.png");
    }
}
