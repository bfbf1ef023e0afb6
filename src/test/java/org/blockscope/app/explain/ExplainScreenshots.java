package org.blockscope.app.explain;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.train.TrainingRunsViewModel;
import org.blockscope.app.train.TrainingWorkspace;
import org.blockscope.app.ui.GraphCanvasView;
import org.blockscope.app.ui.MainWindow;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window at 1280×720 with the views of issue 17, on networks trained on the bundled data, as
 * PNGs for people to look at (not part of the normal test run):
 * {@code mvn -o test -Dtest=ExplainScreenshots -Dblockscope.shots=docs}.
 */
@ExtendWith(ApplicationExtension.class)
class ExplainScreenshots {

    @TempDir
    Path tmp;

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = new MainWindow(stage, new AppHome(tmp), GraphCanvasView::new);
        window.show();
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void waitUntil(int seconds, Supplier<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(c));
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.sleep(600, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        File dir = new File(System.getProperty("blockscope.shots", "target/screenshots"));
        dir.mkdirs();
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(dir, name));
    }

    /** Opens a bottom tab (a sub-tab with its group) and gives the bottom panel the room a user would drag it to. */
    private void tab(FxRobot robot, String id) {
        fx(() -> {
            if (!window.selectBottomTab(id)) {
                throw new AssertionError("no bottom tab " + id);
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        fx(() -> {
            var centre = ancestor(window.bottomTabs(), javafx.scene.control.SplitPane.class);
            centre.setDividerPositions(0.2);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    static <T> T ancestor(javafx.scene.Node n, Class<T> type) {
        javafx.scene.Parent p = n.getParent();
        while (p != null && !type.isInstance(p)) {
            p = p.getParent();
        }
        return (T) p;
    }

    private TrainingWorkspace train(String template, String name, int epochs, String select) throws Exception {
        fx(() -> {
            window.session().newDocument(Templates.graph(template));
            return null;
        });
        TrainingWorkspace w = window.workspace();
        var t = w.training();
        TrainingRunsViewModel vm = t.runs();
        fx(() -> {
            t.data().chooseData(Path.of("sample-images/digits"));
            return null;
        });
        waitUntil(
                60,
                () -> t.data().previewProperty().get() != null
                        && vm.canStartProperty().get());
        int before = fx(() -> vm.list().runs().size());
        fx(() -> {
            t.settings().epochsProperty().set(epochs);
            t.settings().batchSizeProperty().set(32);
            t.settings().runNameProperty().set(name);
            if (select != null) {
                window.model().select(select);
            }
            vm.start();
            return null;
        });
        waitUntil(1800, () -> vm.list().runs().size() > before && vm.state() == TrainingRunsViewModel.State.FINISHED);
        waitUntil(
                120,
                () -> vm.list()
                                .runs()
                                .get(vm.list().runs().size() - 1)
                                .resultProperty()
                                .get()
                        != null);
        return w;
    }

    @Test
    void screenshots(FxRobot robot) throws Exception {
        fx(() -> {
            window.actions().get("showPalette").run(); // the views need the width, the inspector its own
            return null;
        });
        tab(robot, "tab-training");
        TrainingWorkspace w = train("lenet5", "LeNet-5", 3, "c3");
        ExplainWorkspace x = w.explain();
        tab(robot, "tab-where-it-looks");
        fx(() -> {
            w.inspection().useFile(Path.of("sample-images/probe/digit7_28.png"));
            x.whereItLooks().viewModel().nodeProperty().set("c3");
            return null;
        });
        waitUntil(
                60,
                () -> x.whereItLooks().viewModel().resultProperty().get() != null
                        && x.whereItLooks()
                                .viewModel()
                                .resultProperty()
                                .get()
                                .path()
                                .equals("c3"));
        fx(
                () -> { // as if the mouse were on value (3, 6) of c3's output
                    x.whereItLooks()
                            .receptiveFieldPane()
                            .outline(x.whereItLooks().viewModel().receptiveField(3, 6), "'c3' at (3, 6)");
                    return null;
                });
        shot("explain-gradcam.png");
        fx(() -> {
            x.whereItLooks().viewModel().methodProperty().set(ExplainViewModel.Method.OCCLUSION);
            return null;
        });
        waitUntil(
                60,
                () -> x.whereItLooks().viewModel().resultProperty().get().method()
                        == ExplainViewModel.Method.OCCLUSION);
        shot("explain-occlusion.png");
        fx(() -> {
            x.whereItLooks().viewModel().methodProperty().set(ExplainViewModel.Method.SALIENCY);
            return null;
        });
        waitUntil(
                60,
                () -> x.whereItLooks().viewModel().resultProperty().get().method() == ExplainViewModel.Method.SALIENCY);
        shot("explain-saliency.png");
        tab(robot, "tab-channels");
        fx(() -> {
            x.topPatches().viewModel().nodeProperty().set("c1");
            x.topPatches().viewModel().find();
            return null;
        });
        waitUntil(300, () -> x.topPatches().viewModel().resultProperty().get() != null);
        shot("explain-top-patches.png");
        tab(robot, "tab-training");
        fx(() -> {
            var runs = w.training().runs().list().runs();
            var r = runs.get(runs.size() - 1);
            x.showCell(r.run(), r.toString(), 4, 9);
            return null;
        });
        waitUntil(60, () -> x.confusionExamples().viewModel().cellProperty().get() != null);
        fx(() -> {
            ancestor(w.trainingPanel().results(), javafx.scene.control.ScrollPane.class)
                    .setVvalue(1);
            return null;
        });
        shot("explain-confusion-examples.png");
        tab(robot, "tab-gradients");
        shot("explain-gradients.png");
        // the lesson: Plain-20 against ResNet-20, one epoch each on the bundled digits
        train("plain20", "Plain-20", 1, null);
        train("resnet20", "ResNet-20", 1, null);
        GradientFlowViewModel flow = window.workspace().explain().gradientFlow().viewModel();
        fx(() -> {
            var runs = flow.runs();
            flow.runAProperty().set(runs.get(runs.size() - 2));
            flow.runBProperty().set(runs.get(runs.size() - 1));
            flow.compareProperty().set(true);
            return null;
        });
        tab(robot, "tab-gradients");
        shot("explain-gradients-compare.png");
    }
}
