package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.blockscope.app.inspect.DeformSamplingViewModel;
import org.blockscope.app.model.AppHome;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The deformable sampling view is a bottom tab of the main window and draws the document's deformable conv. */
@ExtendWith(ApplicationExtension.class)
class DeformSamplingTabTest {

    @TempDir
    Path tmp;

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

    @Test
    void theTabShowsTheSamplingPointsOfTheDocumentsDeformableConv(FxRobot robot) throws Exception {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 28, 28);
        x = b.relu("r", b.conv("c", x, 4, 3, 2, 1, 1, true)); // 4×14×14
        x = b.add("deform", NamedBlock.DEFORMABLE_CONV, Params.of("filters", 4, "version", "v2"), x);
        b.classifier("out", b.fc("fc", b.gap("gap", x), 10, true));
        Graph g = b.graph();
        robot.interact(() -> window.session().newDocument(g));

        robot.clickOn("#tab-look-inside");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#tab-deformable-sampling");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.bottom().shown().getContent())
                .isSameAs(window.workspace().deformSampling());
        DeformSamplingViewModel vm = window.workspace().deformSampling().viewModel();
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> vm.pictureProperty().get() != null);
        assertThat(vm.convs()).containsExactly("deform/deform");
        // the centre of the 14×14 output by default, 9 taps with their mask
        assertThat(vm.pictureProperty().get().text()).startsWith("Output (7, 7) of deform/deform: its 9 taps moved");
        assertThat(vm.pictureProperty().get().taps()).hasSize(9);
    }
}
