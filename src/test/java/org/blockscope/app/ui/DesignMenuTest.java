package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.blockscope.app.design.ScalingViewModel;
import org.blockscope.app.design.SearchView;
import org.blockscope.app.design.SearchViewModel;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.model.EditorModel;
import org.blockscope.design.SmallDigits;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Design → Compound scaling and Design → Design-space search in the real window (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class DesignMenuTest {

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
        closeWithOwnedWindows(window);
    }

    /** Closes the tool windows the main window opened (search, scaling), then the main window. */
    static void closeWithOwnedWindows(MainWindow window) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
                    for (Window w : Window.getWindows().toArray(Window[]::new)) {
                        if (w instanceof Stage s && s.getOwner() != null) {
                            s.close();
                        }
                    }
                    window.shutdown();
                })
                .get();
    }

    /** The menu bar's Design menu. */
    static Menu design(FxRobot robot) {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream()
                .filter(m -> m.getText().equals("Design"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void draggingPhiMovesTheScaledCostsAndTheScaledNetworkOpens(FxRobot robot) throws Exception {
        Menu design = design(robot);
        assertThat(design.getItems())
                .extracting(MenuItem::getText)
                .containsExactly("Compound scaling…", "Design-space search…");
        assertThat(design.getItems().get(0).isDisable())
                .as("nothing to scale yet")
                .isTrue();
        robot.interact(() -> window.session().newDocument(Templates.graph("efficientnet_b0")));
        assertThat(design.getItems().get(0).isDisable()).isFalse();

        robot.interact(() -> design.getItems().get(0).fire());
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> robot.lookup("#phi").tryQuery().isPresent());
        Slider phi = robot.lookup("#phi").queryAs(Slider.class);
        @SuppressWarnings("unchecked")
        TableView<ScalingViewModel.Row> table =
                robot.lookup(".scaling-view .table-view").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() == 5);
        // φ = 1: B0 widened ×1.1, deepened ×1.2 at 224·1.15 ≈ 258
        assertThat(table.getItems())
                .contains(new ScalingViewModel.Row("Parameters", "5,288,548", "9,109,994", "×1.723"));

        robot.interact(() -> phi.setValue(2));
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> table.getItems().contains(new ScalingViewModel.Row("Input", "3×224×224", "3×296×296", "")));
        assertThat(table.getItems())
                .contains(new ScalingViewModel.Row("MACs per image", "385,814,752", "1,810,522,464", "×4.693"));

        robot.clickOn("#open-scaled");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> model.analysis() != null && model.analysis().inference().macs() == 1_810_522_464L);
        assertThat(model.analysis().total().params()).isNotEqualTo(5_288_548L);
    }

    @Test
    void aSearchOverASmallSpaceRunsToTheEndAndTheBestOpens(FxRobot robot) throws Exception {
        Path data = SmallDigits.copy(tmp, 12);
        robot.interact(() -> design(robot).getItems().get(1).fire());
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup(".search-view").tryQuery().isPresent());
        SearchView view = robot.lookup(".search-view").queryAs(SearchView.class);
        SearchViewModel vm = view.viewModel();
        assertThat(vm.spaceFileProperty().get().getFileName().toString()).isEqualTo("regnet-digits.json");
        robot.interact(() -> {
            vm.samplesProperty().set(3);
            vm.budgetMacsProperty().set("400K");
            vm.epochsProperty().set(1);
            vm.dataProperty().set(data);
        });

        robot.clickOn("#sample");
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> view.table().getItems().size() == 3);
        robot.clickOn("#search");
        WaitForAsyncUtils.waitFor(
                300, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Trained 3 networks in"));
        assertThat(view.table().getItems())
                .allSatisfy(r -> assertThat(r.status()).isEqualTo("done"));
        // readable on a 1280×720 projector: no control and no column header cut, the plots in view
        robot.interact(() -> {
            view.getScene().getWindow().setWidth(1280);
            view.getScene().getWindow().setHeight(720);
        });
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> cut = WaitForAsyncUtils.asyncFx(() -> {
                    java.util.List<String> all = new java.util.ArrayList<>(ReadableWindowTest.truncated(view));
                    for (javafx.scene.Node header : view.table().lookupAll(".column-header .label")) {
                        all.addAll(ReadableWindowTest.truncated(header));
                    }
                    return all;
                })
                .get();
        assertThat(cut).isEmpty();
        javafx.scene.Node plots = robot.lookup("#search-plots").query();
        javafx.geometry.Bounds b = plots.localToScene(plots.getLayoutBounds());
        assertThat(b.getMaxX()).isLessThanOrEqualTo(view.getScene().getWidth() + 0.5);
        assertThat(b.getMaxY()).isLessThanOrEqualTo(view.getScene().getHeight() + 0.5);

        long bestMacs = vm.best().orElseThrow().candidate().macs();
        robot.clickOn("#open-best");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> model.analysis() != null && model.analysis().inference().macs() == bestMacs);
        assertThat(model.graph().size()).isGreaterThan(0);
    }
}
