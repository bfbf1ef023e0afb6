package org.blockscope.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.model.AppHome;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class ScratchShot {
    @TempDir
    Path tmp;

    MainWindow window;
    Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new AppHome(tmp), GraphCanvasView::new);
        window.show();
        stage.setWidth(Integer.getInteger("w", 1280));
        stage.setHeight(Integer.getInteger("h", 720));
    }

    @Test
    void shots(FxRobot robot) throws Exception {
        for (String id : System.getProperty("ids", "resnet20").split(",")) {
            robot.interact(() -> window.files().newFrom(Templates.byId(id).orElseThrow()));
            WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
            if (Boolean.getBoolean("presenter")) {
                robot.interact(() -> window.model().presenterModeProperty().set(true));
                robot.interact(() -> window.canvas().fitToView());
                WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
            }
            String open = System.getProperty("open");
            if (open != null) {
                robot.interact(() -> window.canvas().openBlock(open));
                WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
            }
            WritableImage img = WaitForAsyncUtils.asyncFx(
                            () -> stage.getScene().getRoot().snapshot(null, null))
                    .get();
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File("/tmp/scratch/" + id + ".png"));
        }
    }
}
