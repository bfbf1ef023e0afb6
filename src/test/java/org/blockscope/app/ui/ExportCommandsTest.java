package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.model.EditorModel;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.export.pytorch.PyTorchExporter;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** File → Export ONNX / PyTorch project and File → Open trained weights in the real window. */
@ExtendWith(ApplicationExtension.class)
class ExportCommandsTest {

    @TempDir
    Path tmp;

    private MainWindow window;
    private EditorModel model;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AppHome(tmp.resolve("home")), GraphCanvasView::new);
        model = window.model();
        window.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::shutdown).get();
    }

    @Test
    void theMenuExportsTheDocumentAndOpensWeightsTrainedElsewhere(FxRobot robot) throws Exception {
        assertThat(window.actions().get("exportOnnx").text()).isEqualTo("Export ONNX…");
        robot.interact(() -> window.session().newDocument(Templates.graph("lenet5")));
        Path onnx = tmp.resolve("lenet.onnx");
        robot.interact(() -> window.files().exports().exportOnnxTo(onnx));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(onnx));
        assertThat(Files.size(onnx)).isGreaterThan(61_706 * 4);
        Path project = tmp.resolve("py");
        robot.interact(() -> window.files().exports().exportPyTorchTo(project));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(project.resolve("README.md")));

        // weights "trained elsewhere": the exported ones, read back with their network
        Path other = tmp.resolve("other");
        PyTorchExporter.write(TrainedNetwork.untrained(Templates.graph("resnet20")), "resnet20", other);
        robot.interact(() -> window.files().exports().openTrainedWeightsFrom(other.resolve("weights.safetensors")));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> window.files().exports().trainedWeights().isPresent());
        assertThat(model.graph().contains("stage3_2")).isTrue();
        assertThat(window.files().exports().trainedWeights().orElseThrow().trained())
                .isTrue();
        // the inside views look at the opened weights, not at an untrained copy
        robot.interact(
                () -> assertThat(window.bottom().select("tab-feature-maps")).isTrue());
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> window.workspace() != null
                        && window.workspace().inspection().target() != null
                        && window.workspace().inspection().target().fixed() != null);
        var target = window.workspace().inspection().target();
        assertThat(target.fixed())
                .isSameAs(
                        window.files().exports().trainedWeights().orElseThrow().model());
        assertThat(target.description()).contains("opened from a file");
        assertThat(target.classNames()).hasSize(10);
        robot.interact(() -> model.setParam("fc", "units", 4));
        assertThat(window.files().exports().trainedWeights())
                .as("the network changed")
                .isEmpty();
    }

    @Test
    void aFollowedMetricsFileIsARunInTheTrainingCharts(FxRobot robot) throws Exception {
        robot.interact(() -> window.session().newDocument(Templates.graph("lenet5")));
        Path metrics = tmp.resolve("runs").resolve("metrics.jsonl");
        Files.createDirectories(metrics.getParent());
        Files.writeString(
                metrics,
                "{\"kind\": \"iteration\", \"epoch\": 1, \"iteration\": 10, \"loss\": 2.0, \"lr\": 0.001}\n"
                        + "{\"kind\": \"iteration\", \"epoch\": 1, \"iteration\": 20, \"loss\": 1.5, \"lr\": 0.001}\n");
        org.blockscope.app.train.FollowedRun[] run = new org.blockscope.app.train.FollowedRun[1];
        robot.interact(() -> run[0] = window.bottom().follow(metrics, Runnable::run));
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> run[0].record().metrics().iterations().size() == 2);
        // train.py appends its epoch line (half a line first: only whole lines count)
        Files.writeString(
                metrics,
                "{\"kind\": \"epoch\", \"epoch\": 1, \"loss\": 1.7, ",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(
                metrics,
                "\"accuracy\": 0.6, \"val_loss\": 1.2, \"val_accuracy\": 0.75}\n",
                java.nio.file.StandardOpenOption.APPEND);
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> run[0].record().metrics().epochs().size() == 1);

        var runs = window.workspace().training().runs().list().runs();
        assertThat(runs).contains(run[0].record());
        var loss = org.blockscope.app.train.ChartData.iterationLoss(runs).series().stream()
                .filter(x -> x.name().startsWith("Run " + run[0].record().number()))
                .toList();
        assertThat(loss).isNotEmpty();
        assertThat(loss.get(0).x()).containsExactly(11, 21);
        var accuracy = org.blockscope.app.train.ChartData.epochAccuracy(runs).series().stream()
                .filter(x -> x.name().equals("Run " + run[0].record().number() + " validation"))
                .findFirst()
                .orElseThrow();
        assertThat(accuracy.x()).containsExactly(1);
        assertThat(accuracy.y()).containsExactly(0.75);
        // removing the run from the list stops following it
        robot.interact(() -> window.workspace().training().runs().list().removeRun(run[0].record()));
        assertThat(run[0].followed()).isFalse();
    }

    @Test
    void aNetworkWithProblemsIsRefusedWithTheProblemsListed(FxRobot robot) throws Exception {
        Graph lenet = Templates.graph("lenet5");
        Graph broken = lenet.withoutEdge(lenet.edgeInto("softmax", 0).orElseThrow());
        robot.interact(() -> window.session().newDocument(broken));
        Platform.runLater(() -> window.files().exports().exportOnnxTo(tmp.resolve("x.onnx")));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertThat(((Label) dialog.lookup("#dialog-message")).getText())
                .startsWith("The network has problems:")
                .contains("'softmax': input port 0 is not connected");
        robot.clickOn(dialog.lookupButton(javafx.scene.control.ButtonType.OK));
        assertThat(tmp.resolve("x.onnx")).doesNotExist();
    }
}
