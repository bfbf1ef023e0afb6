package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.model.EditorModel;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;
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

/** Drives the real window with the robot (headless Monocle) and checks the model. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

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

    private void load(FxRobot robot, String template) {
        robot.interact(() -> window.session().newDocument(Templates.graph(template)));
        settle();
    }

    /** Waits until the background analysis has caught up with the graph. */
    private void settle() {
        try {
            WaitForAsyncUtils.waitFor(
                    5, TimeUnit.SECONDS, () -> model.analysis().expanded().source() == model.graph());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("analysis did not catch up", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private int filters(String node) {
        return model.graph().node(node).params().getInt("filters");
    }

    @Test
    void doubleClickingAPaletteEntryAddsTheBlock(FxRobot robot) {
        robot.doubleClickOn("#palette-conv2d");
        settle();
        assertThat(model.graph().nodes())
                .singleElement()
                .satisfies(n -> assertThat(n.kind()).isEqualTo(Primitive.CONV2D));
        assertThat(model.selection())
                .containsExactly(model.graph().nodes().get(0).name());
    }

    @Test
    void theSearchFieldFiltersThePalette(FxRobot robot) {
        robot.clickOn("#palette-search").write("dense");
        assertThat(robot.lookup("#palette-dense_block").queryLabeled().isVisible())
                .isTrue();
        assertThat(robot.lookup("#palette-conv2d").queryLabeled().isVisible()).isFalse();
    }

    @Test
    void aParameterTypedInTheInspectorChangesShapesAndUndoesWithTheKeyboard(FxRobot robot) {
        load(robot, "lenet5");
        robot.interact(() -> model.select("c1"));
        Spinner<?> spinner = robot.lookup("#param-filters").query();
        robot.doubleClickOn(spinner.getEditor())
                .press(KeyCode.CONTROL)
                .type(KeyCode.A)
                .release(KeyCode.CONTROL)
                .write("12")
                .type(KeyCode.ENTER);
        settle();
        assertThat(filters("c1")).isEqualTo(12);
        assertThat(summaryShape(robot, "c1")).isEqualTo("12×28×28");
        assertThat(model.document().canUndo()).isTrue();

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        settle();
        assertThat(filters("c1")).isEqualTo(6);
        assertThat(spinner.getEditor().getText()).isEqualTo("6");
        assertThat(summaryShape(robot, "c1")).isEqualTo("6×28×28");

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        settle();
        assertThat(filters("c1")).isEqualTo(12);

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        settle();
        assertThat(filters("c1")).isEqualTo(12);
        assertThat(window.actions().get("undo").text()).startsWith("Undo ");
    }

    @Test
    void aRefusedValueShowsTheMessageAndRevertsTheEditor(FxRobot robot) {
        load(robot, "lenet5");
        robot.interact(() -> model.select("c1"));
        Spinner<?> spinner = robot.lookup("#param-filters").query();
        robot.doubleClickOn(spinner.getEditor())
                .press(KeyCode.CONTROL)
                .type(KeyCode.A)
                .release(KeyCode.CONTROL)
                .write("0")
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Label refusal = robot.lookup("#inspector-refusal").queryAs(Label.class);
        assertThat(refusal.getText()).isEqualTo("filters must be between 1 and 65536, got 0");
        assertThat(spinner.getEditor().getText()).isEqualTo("6");
        assertThat(filters("c1")).isEqualTo(6);
        assertThat(model.document().canUndo()).isFalse();
    }

    private void typeInto(FxRobot robot, Spinner<?> spinner, String text) {
        robot.doubleClickOn(spinner.getEditor())
                .press(KeyCode.CONTROL)
                .type(KeyCode.A)
                .release(KeyCode.CONTROL)
                .write(text)
                .type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theErrorBannerGoesOnceTheValueIsCorrected(FxRobot robot) {
        load(robot, "lenet5");
        robot.interact(() -> model.select("c1"));
        Spinner<?> filters = robot.lookup("#param-filters").query();
        Label refusal = robot.lookup("#inspector-refusal").queryAs(Label.class);
        assertThat(refusal.isVisible()).isFalse();
        typeInto(robot, filters, "0");
        assertThat(refusal.getText()).isEqualTo("filters must be between 1 and 65536, got 0");
        assertThat(refusal.isVisible()).isTrue();
        assertThat(refusal.getHeight()).isGreaterThan(0);

        typeInto(robot, filters, "12");
        assertThat(filters("c1")).isEqualTo(12);
        assertThat(refusal.getText()).isEmpty();
        assertThat(refusal.isVisible()).isFalse();
        assertThat(refusal.isManaged()).isFalse();

        // corrected in another field of the same block: the banner was about c1's filters, it goes too
        typeInto(robot, filters, "-3");
        assertThat(refusal.isVisible()).isTrue();
        Spinner<?> kernel = robot.lookup("#param-kernel").query();
        typeInto(robot, kernel, "3");
        assertThat(refusal.isVisible()).isFalse();
    }

    @Test
    void savingAndReopeningGivesTheSameGraph(FxRobot robot) throws Exception {
        load(robot, "resnet18");
        Path file = tmp.resolve("net.bsg.json");
        robot.interact(() -> window.files().saveTo(file));
        robot.interact(() -> model.setParam("conv1", "filters", 32));
        assertThat(robot.lookup(".root").query().getScene().getWindow()).isInstanceOf(Stage.class);
        assertThat(((Stage) robot.lookup(".root").query().getScene().getWindow()).getTitle())
                .isEqualTo("net.bsg.json * — Blockscope");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.document().isDirty()).isFalse();
        Graph saved = model.graph();

        robot.interact(() -> window.session().newDocument(Graph.EMPTY));
        robot.interact(() -> window.files().openFile(file));
        assertThat(model.graph()).isEqualTo(saved);
        assertThat(model.graph().node("conv1").params().getInt("filters")).isEqualTo(32);
        assertThat(window.session().recent()).contains(file.toAbsolutePath());
    }

    @Test
    void aBrokenFileShowsTheErrorAndLeavesTheDocumentAsItWas(FxRobot robot) throws Exception {
        load(robot, "lenet5");
        robot.interact(() -> model.setParam("c1", "filters", 8));
        Graph before = model.graph();
        Path bad = tmp.resolve("broken.bsg.json");
        Files.writeString(
                bad,
                "{\"format\": \"blockscope-graph\", \"version\": 1,\n \"nodes\": [{\"name\": \"c1\", \"kind\": \"conv9d\"}],\n \"edges\": []}");
        Platform.runLater(() -> window.files().openFile(bad));
        WaitForAsyncUtils.waitFor(
                5,
                TimeUnit.SECONDS,
                () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        String message = ((Label) dialog.lookup("#dialog-message")).getText();
        assertThat(message).startsWith("broken.bsg.json").contains("$.nodes[0]").contains("conv9d");
        robot.clickOn(dialog.lookupButton(javafx.scene.control.ButtonType.OK));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.graph()).isSameAs(before);
        assertThat(model.document().isDirty()).isTrue();
        assertThat(window.session().currentFile()).isEmpty();
    }

    @Test
    void clickingAProblemSelectsItsBlock(FxRobot robot) {
        load(robot, "lenet5");
        String[] added = new String[1];
        robot.interact(() -> {
            added[0] = model.addNode(Primitive.CONV2D, new Position(0, 600));
            model.select();
            window.bottomTabs().getSelectionModel().select(1);
        });
        settle();
        @SuppressWarnings("unchecked")
        ListView<Diagnostic> problems = robot.lookup("#problems").queryAs(ListView.class);
        assertThat(problems.getItems()).anySatisfy(d -> assertThat(d.node()).isEqualTo(added[0]));
        robot.clickOn(robot.from(problems)
                .lookup((Label l) -> added[0].equals(l.getText()))
                .queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.selection()).containsExactly(added[0]);
        assertThat(robot.lookup("#inspector-title").queryLabeled().getText()).startsWith(added[0]);
    }

    @Test
    void theExplanationFollowsTheSelection(FxRobot robot) {
        load(robot, "resnet18");
        robot.interact(() -> model.select("conv1"));
        settle();
        assertThat(window.explanation().shownText())
                .startsWith("# Conv 2D")
                .contains("`out = ⌊(224 + 2·3 − 7)/2⌋ + 1 = 112  →  64×112×112`")
                .contains("`7·7·3·64 = 9,408`");
    }

    @Test
    void presenterModeEnlargesTheFonts(FxRobot robot) {
        robot.type(KeyCode.F5);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.presenterModeProperty().get()).isTrue();
        assertThat(window.root().getStyleClass()).contains(MainWindow.PRESENTER_CLASS);
    }

    @SuppressWarnings("unchecked")
    private static String summaryShape(FxRobot robot, String node) {
        TableView<SummaryTable.Row> t = robot.lookup("#summary-table").queryAs(TableView.class);
        return t.getItems().stream()
                .filter(r -> node.equals(r.node()))
                .findFirst()
                .orElseThrow()
                .shape();
    }
}
