package org.blockscope.app.train;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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

/** Scene snapshots of the workspace for docs/training-*.png (run by hand: -Dtest=TrainingScreenshots). */
@ExtendWith(ApplicationExtension.class)
class TrainingScreenshots {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(int seconds, Supplier<Boolean> c) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(c));
    }

    private void shot(String name) throws Exception {
        WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        WritableImage img = fx(() -> stage.getScene().snapshot(null));
        File out = new File("docs", "training-" + name + ".png");
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out);
    }

    @Test
    void screenshots() throws Exception {
        EditorModel[] model = new EditorModel[1];
        TrainingWorkspace w = fx(() -> {
            model[0] = new EditorModel(new Document(Templates.graph("se_resnet20")), Platform::runLater, true);
            TrainingWorkspace ws = new TrainingWorkspace(model[0], n -> {}, Path.of("sample-images"));
            stage.setScene(new Scene(ws, 1500, 950));
            stage.show();
            return ws;
        });
        Training t = w.training();
        TrainingRunsViewModel vm = t.runs();
        waitUntil(
                30,
                () -> t.data().previewProperty().get() != null
                        && vm.canStartProperty().get());
        // a quick baseline without SE to compare against
        fx(() -> {
            t.settings().epochsProperty().set(3);
            t.settings().batchSizeProperty().set(32);
            t.settings().runNameProperty().set("SE-ResNet-20");
            model[0].select("stage1_0");
            vm.start();
            return null;
        });
        waitUntil(600, () -> vm.list().runs().get(0).metrics().epochs().size() >= 2);
        shot("progress");
        fx(() -> {
            w.getSelectionModel().select(1);
            model[0].select("conv1");
            return null;
        });
        WaitForAsyncUtils.sleep(1500, TimeUnit.MILLISECONDS);
        fx(() -> {
            w.featureMaps().viewModel().enlargedProperty().set(3);
            return null;
        });
        shot("feature-maps");
        fx(() -> {
            w.getSelectionModel().select(2);
            return null;
        });
        WaitForAsyncUtils.sleep(1200, TimeUnit.MILLISECONDS);
        waitUntil(600, () -> vm.state() == TrainingRunsViewModel.State.FINISHED);
        waitUntil(120, () -> w.seWeights().viewModel().heatMapProperty().get() != null);
        fx(() -> {
            w.seWeights().viewModel().sortedProperty().set(true);
            return null;
        });
        shot("se-weights");
        fx(() -> {
            w.getSelectionModel().select(0);
            return null;
        });
        waitUntil(60, () -> vm.list().runs().get(0).resultProperty().get() != null);
        shot("results");
        fx(() -> {
            w.getSelectionModel().select(3);
            w.stepThrough().viewModel().reset();
            return null;
        });
        waitUntil(30, () -> w.stepThrough().viewModel().stepProperty().get() != null);
        fx(() -> {
            w.stepThrough().viewModel().runTo("relu1");
            return null;
        });
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        shot("step-through");
        fx(() -> {
            w.shutdown();
            model[0].shutdown();
            return null;
        });
    }
}
