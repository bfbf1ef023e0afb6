package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.model.EditorModel;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first thing a new user sees: the start page, its templates and its lessons. */
@ExtendWith(ApplicationExtension.class)
class StartPageTest {

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
    void aTemplateCardOpensThatNetworkAndHidesThePage(FxRobot robot) {
        assertThat(robot.lookup("#start-page").query().isVisible()).isTrue();
        scrollTo(robot, "#template-lenet5"); // below the lesson cards: a user scrolls down to it
        robot.clickOn("#template-lenet5");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(unplaced(model.graph())).isEqualTo(unplaced(Templates.graph("lenet5"))); // laid out top to bottom
        assertThat(robot.lookup("#start-page").query().isVisible()).isFalse();
        assertThat(model.document().isDirty()).isFalse();
    }

    /** Scrolls the start page so that the node {@code id} is at the top of the view (as far as it goes). */
    private static void scrollTo(FxRobot robot, String id) {
        javafx.scene.control.ScrollPane page =
                robot.lookup("#start-page").queryAs(javafx.scene.control.ScrollPane.class);
        javafx.scene.Node n = robot.lookup(id).query();
        robot.interact(() -> {
            double y = page.getContent().sceneToLocal(n.localToScene(0, 0)).getY();
            double room = page.getContent().getBoundsInLocal().getHeight()
                    - page.getViewportBounds().getHeight();
            page.setVvalue(room <= 0 ? 0 : Math.min(1, y / room));
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aLessonOpensItsNetworkAndItsText(FxRobot robot) {
        robot.clickOn("#lesson-residual");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(unplaced(model.graph())).isEqualTo(unplaced(Templates.graph("plain20")));
        assertThat(Window.getWindows())
                .anySatisfy(w -> assertThat(((Stage) w).getTitle()).isEqualTo("Lesson: Why residual connections help"));
    }

    @Test
    void newEmptyNetworkShowsTheCanvasAndTheHelpMenuBringsThePageBack(FxRobot robot) {
        robot.clickOn("#start-new");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-page").query().isVisible()).isFalse();
        robot.clickOn("Help").clickOn("Start page");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#start-page").query().isVisible()).isTrue();
    }

    /** The network without its positions: the same blocks, parameters and edges. */
    private static org.blockscope.graph.Graph unplaced(org.blockscope.graph.Graph g) {
        org.blockscope.graph.Graph r = g;
        for (var n : g.nodes()) {
            r = r.withReplaced(n.withPosition(org.blockscope.graph.Position.ORIGIN));
        }
        return r;
    }
}
