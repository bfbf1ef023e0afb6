package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.stage.Stage;
import org.blockscope.app.model.AppHome;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training and inspection views live in the main window's bottom tabs, built on first use. */
@ExtendWith(ApplicationExtension.class)
class TrainingTabsTest {

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
    void openingTheTrainingTabBuildsTheWorkspaceOnce(FxRobot robot) {
        robot.interact(() -> window.session().newDocument(Templates.graph("lenet5")));
        assertThat(window.workspace()).isNull();
        robot.clickOn("#tab-training");
        WaitForAsyncUtils.waitForFxEvents();
        var ws = window.workspace();
        assertThat(ws).isNotNull();
        assertThat(window.bottomTabs().getTabs().stream()
                        .filter(t -> "tab-training".equals(t.getId()))
                        .findFirst()
                        .orElseThrow()
                        .getContent())
                .isSameAs(ws.trainingPanel());
        robot.clickOn("#tab-look-inside");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#tab-feature-maps");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.workspace()).isSameAs(ws);
        assertThat(window.bottom().shown().getContent()).isSameAs(ws.featureMaps());
        // every view sits under its group, with its id
        robot.interact(() -> {
            assertThat(window.selectBottomTab("tab-deformable-sampling")).isTrue();
            assertThat(window.bottom().shown().getContent()).isSameAs(ws.deformSampling());
            assertThat(window.selectBottomTab("tab-gradients")).isTrue();
            assertThat(window.bottomTabs().getSelectionModel().getSelectedItem().getId())
                    .isEqualTo("tab-what-it-learned");
            assertThat(window.bottom().shown().getContent())
                    .isSameAs(ws.explain().gradientFlow());
            assertThat(window.selectBottomTab("tab-no-such-view")).isFalse();
        });
        assertThat(window.workspace()).isSameAs(ws);
    }
}
