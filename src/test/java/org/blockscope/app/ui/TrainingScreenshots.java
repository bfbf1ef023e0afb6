package org.blockscope.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.train.Training;
import org.blockscope.app.train.TrainingRunsViewModel;
import org.blockscope.app.train.TrainingWorkspace;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window at 1280×720 while SE-ResNet-20 trains on the bundled colour images, for
 * docs/training-*.png (run by hand: {@code -Dtest=TrainingScreenshots -Dblockscope.shots=docs}).
 */
@ExtendWith(ApplicationExtension.class)
class TrainingScreenshots {

    @TempDir
    Path tmp;

    private Stage stage;
    private MainWindow window;

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
        WaitForAsyncUtils.sleep(800, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(int seconds, Supplier<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(c));
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        File dir = new File(System.getProperty("blockscope.shots", "target/screenshots"));
        dir.mkdirs();
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(dir, "training-" + name + ".png"));
    }

    private void tab(String id) {
        run(() -> {
            if (!window.selectBottomTab(id)) {
                throw new AssertionError("no bottom tab " + id);
            }
        });
    }

    /** Scrolls the scroll pane around {@code n} so that n's top is at the top of the view. */
    private static void scrollToTop(javafx.scene.Node n) {
        javafx.scene.Parent p = n.getParent();
        while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
            p = p.getParent();
        }
        if (p instanceof javafx.scene.control.ScrollPane sp) {
            javafx.scene.Node content = sp.getContent();
            double top =
                    content.sceneToLocal(n.localToScene(n.getBoundsInLocal())).getMinY();
            double range = content.getBoundsInLocal().getHeight()
                    - sp.getViewportBounds().getHeight();
            sp.setVvalue(range <= 0 ? 0 : Math.min(1, top / range));
        }
    }

    @Test
    void screenshots() throws Exception {
        run(() -> window.files().newFrom(Templates.byId("se_resnet20").orElseThrow()));
        run(() -> window.inspectorShownProperty().set(false)); // the charts need the width
        tab("tab-training");
        TrainingWorkspace w = fx(window::workspace);
        Training t = w.training();
        TrainingRunsViewModel vm = t.runs();
        waitUntil(
                60,
                () -> t.data().previewProperty().get() != null
                        && vm.canStartProperty().get());
        run(() -> {
            t.settings().epochsProperty().set(3);
            t.settings().batchSizeProperty().set(32);
            t.settings().runNameProperty().set("SE-ResNet-20");
            window.model().select("stage1_0");
        });
        run(
                () -> { // the Run section: Start and the estimate of time and memory
                    javafx.scene.Node n = window.root().lookup("#run-estimate");
                    while (n != null && !(n instanceof javafx.scene.control.TitledPane)) {
                        n = n.getParent();
                    }
                    scrollToTop(n);
                });
        shot("settings");
        run(vm::start);
        waitUntil(900, () -> vm.list().runs().get(0).metrics().epochs().size() >= 2);
        shot("progress");
        tab("tab-feature-maps");
        run(() -> window.model().select("conv1"));
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        run(() -> w.featureMaps().viewModel().enlargedProperty().set(3));
        shot("feature-maps");
        waitUntil(900, () -> vm.state() == TrainingRunsViewModel.State.FINISHED);
        tab("tab-se-weights");
        waitUntil(300, () -> w.seWeights().viewModel().heatMapProperty().get() != null);
        run(() -> w.seWeights().viewModel().sortedProperty().set(true));
        shot("se-weights");
        tab("tab-training");
        waitUntil(120, () -> vm.list().runs().get(0).resultProperty().get() != null);
        run(() -> scrollToTop(w.trainingPanel().results())); // the confusion matrix is under the charts
        shot("results");
        tab("tab-step-through");
        run(() -> w.stepThrough().viewModel().reset());
        waitUntil(60, () -> w.stepThrough().viewModel().stepProperty().get() != null);
        run(() -> w.stepThrough().viewModel().runTo("stage1_0"));
        shot("step-through");
        tab("tab-training");
        run(() -> window.model().presenterModeProperty().set(true));
        run(() -> window.bottomShownProperty().set(true));
        run(() -> window.workbenchForScreenshots().roomForBottom(0.75));
        shot("presenter");
    }
}
