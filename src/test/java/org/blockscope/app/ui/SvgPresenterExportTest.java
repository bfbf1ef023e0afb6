package org.blockscope.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * File → Export SVG follows presenter mode: the same drawing, every text 1.5 times larger where
 * the SVG is shown at its size (font size × width / viewBox width), as on the presenter's canvas.
 */
@ExtendWith(ApplicationExtension.class)
class SvgPresenterExportTest {

    @TempDir
    Path tmp;

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new AppHome(tmp.resolve("home")), GraphCanvasView::new);
        window.setFullScreenPresenter(false);
        window.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(window::shutdown).get();
    }

    /** Drawn sizes (px on the exported picture) of the texts of {@code file}, in document order. */
    private static List<Double> drawnFontSizes(Path file) throws Exception {
        Element svg = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(file.toFile())
                .getDocumentElement();
        String[] viewBox = svg.getAttribute("viewBox").trim().split("\\s+");
        double scale = Double.parseDouble(svg.getAttribute("width")) / Double.parseDouble(viewBox[2]);
        assertThat(Double.parseDouble(svg.getAttribute("height")) / Double.parseDouble(viewBox[3]))
                .isCloseTo(scale, within(0.01));
        NodeList texts = svg.getElementsByTagName("text");
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(Double.parseDouble(((Element) texts.item(i)).getAttribute("font-size")) * scale);
        }
        return out;
    }

    private Path export(FxRobot robot, String name) throws Exception {
        Path file = tmp.resolve(name);
        robot.interact(() -> window.files().exportSvgTo(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(file) && sizeOf(file) > 0);
        WaitForAsyncUtils.waitForFxEvents();
        return file;
    }

    private static long sizeOf(Path f) {
        try {
            return Files.size(f);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void presenterModeExportsTheSameDrawingWithTextOneAndAHalfTimesLarger(FxRobot robot) throws Exception {
        robot.interact(() -> window.files().newFrom(Templates.byId("resnet20").orElseThrow()));
        List<Double> normal = drawnFontSizes(export(robot, "normal.svg"));
        robot.interact(() -> window.model().presenterModeProperty().set(true));
        List<Double> presenter = drawnFontSizes(export(robot, "presenter.svg"));
        robot.interact(() -> window.model().presenterModeProperty().set(false));
        List<Double> again = drawnFontSizes(export(robot, "again.svg"));

        // the title and three lines per block
        assertThat(normal).hasSize(1 + 3 * window.model().graph().size());
        assertThat(presenter).hasSameSizeAs(normal);
        assertThat(normal.stream().mapToDouble(d -> d).min().orElseThrow()).isGreaterThanOrEqualTo(11);
        for (int i = 0; i < normal.size(); i++) {
            assertThat(presenter.get(i)).as("text %d", i).isCloseTo(1.5 * normal.get(i), within(0.05));
        }
        assertThat(again).isEqualTo(normal);
    }
}
