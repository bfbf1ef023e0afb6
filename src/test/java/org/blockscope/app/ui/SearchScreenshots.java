package org.blockscope.app.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Menu;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.blockscope.app.design.SearchView;
import org.blockscope.app.design.SearchViewModel;
import org.blockscope.app.model.AppHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The design-space search window after the classroom search (20 RegNet networks under 400 K
 * MACs, 2 epochs each on the bundled digits), rendered to PNG for people to look at (not part of the
 * normal test run; takes a few minutes): {@code mvn -o test -Dtest=SearchScreenshots -Dblockscope.shots=docs}.
 */
@ExtendWith(ApplicationExtension.class)
class SearchScreenshots {

    @TempDir
    Path tmp;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AppHome(tmp), GraphCanvasView::new);
        window.show();
        stage.setWidth(1280);
        stage.setHeight(720);
    }

    @AfterEach
    void stop() throws Exception {
        DesignMenuTest.closeWithOwnedWindows(window);
    }

    @Test
    void searchOnTheDigits(FxRobot robot) throws Exception {
        Menu design = DesignMenuTest.design(robot);
        robot.interact(() -> design.getItems().get(1).fire());
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup(".search-view").tryQuery().isPresent());
        SearchView view = robot.lookup(".search-view").queryAs(SearchView.class);
        SearchViewModel vm = view.viewModel();
        robot.interact(() -> {
            view.getScene().getWindow().setWidth(1280);
            view.getScene().getWindow().setHeight(720);
            vm.samplesProperty().set(20);
            vm.budgetMacsProperty().set("400K");
            vm.epochsProperty().set(2);
        });
        robot.clickOn("#sample");
        WaitForAsyncUtils.waitFor(
                60, TimeUnit.SECONDS, () -> view.table().getItems().size() == 20);
        robot.clickOn("#search");
        WaitForAsyncUtils.waitFor(
                1200, TimeUnit.SECONDS, () -> vm.messageProperty().get().startsWith("Trained 20 networks in"));
        WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS);
        File dir = new File(System.getProperty("blockscope.shots", "target/screenshots"));
        dir.mkdirs();
        WritableImage img = WaitForAsyncUtils.asyncFx(
                        () -> view.getScene().getRoot().snapshot(null, null))
                .get(60, TimeUnit.SECONDS);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(dir, "search-window.png"));
        System.out.println(vm.messageProperty().get());
    }
}
