package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.blockscope.app.canvas.LargeGraphs;
import org.blockscope.app.model.AppHome;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 13, case 8: a valid 60,000-node file opened with File → Open in the real window. The
 * canvas shows the nodes in view (a bounded number of skins, named as in the file), the minimap,
 * and a node revealed far away.
 */
@ExtendWith(ApplicationExtension.class)
class LargeFileWindowTest {

    @TempDir
    static Path tmp;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AppHome(tmp.resolve("home")), GraphCanvasView::new);
        window.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::shutdown).get();
    }

    private <T> T fx(Supplier<T> s) {
        try {
            WaitForAsyncUtils.waitForFxEvents();
            return WaitForAsyncUtils.asyncFx(s::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> skinNames() {
        return fx(() -> window.canvas().node().lookupAll(".node-title").stream()
                .map(n -> ((Text) n).getText())
                .toList());
    }

    @Test
    void aSixtyThousandNodeFileOpensWithSkinsOnlyForWhatIsInView(FxRobot robot) throws Exception {
        Graph big = LargeGraphs.residualChain(60_000);
        Path file = tmp.resolve("big" + GraphFiles.EXTENSION);
        GraphFiles.write(big, file);
        boolean[] opened = new boolean[1];
        robot.interact(() -> opened[0] = window.files().openFile(file));
        assertThat(opened[0]).isTrue();
        assertThat(window.model().graph().size()).isEqualTo(big.size());
        int skins = fx(() -> window.canvas().node().lookupAll(".node-skin").size());
        assertThat(skins).isBetween(10, 2_000);
        // the window's size varies with the tests before: the first two boxes are in view at any size
        assertThat(skinNames()).contains("input", "b0_conv1").doesNotContain("b8000_add");
        Node minimap = fx(() -> window.canvas().node().lookup("#minimap"));
        assertThat(minimap).isNotNull();
        assertThat(fx(minimap::isVisible)).isTrue();

        robot.interact(() -> {
            window.model().select("b8000_add");
            window.canvas().centreOn("b8000_add");
        });
        assertThat(skinNames()).contains("b8000_add").doesNotContain("input");
        assertThat(fx(() -> window.canvas().node().lookupAll(".node-skin").size()))
                .isBetween(10, 2_000);
        robot.interact(() -> window.model().rename("b8000_add", "far_add"));
        assertThat(skinNames()).contains("far_add").doesNotContain("b8000_add");
        robot.interact(() -> window.model().undo());
        assertThat(skinNames()).contains("b8000_add").doesNotContain("far_add");
        assertThat(window.model().graph()).isEqualTo(big);
    }
}
