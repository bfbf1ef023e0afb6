package org.blockscope.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Values on hover: the real mouse over a chart of known series shows, beside the pointer, the x
 * under it and each run's value at the nearest point (faint raw curves left out); leaving the
 * chart takes the box away.
 */
@ExtendWith(ApplicationExtension.class)
class ChartHoverTest {

    private ChartCanvas chart;

    @Start
    void start(Stage stage) {
        chart = new ChartCanvas();
        stage.setScene(new Scene(new StackPane(chart), 640, 360));
        stage.show();
    }

    private static <T> T fx(Supplier<T> s) {
        try {
            return WaitForAsyncUtils.asyncFx(s::get).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ChartData.Series series(String name, int colour, ChartData.Style style, double... y) {
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = i + 1; // epochs 1, 2, 3, …
        }
        return new ChartData.Series(name, colour, style, x, y);
    }

    /** Dark pixels (the box's text) in the strip right of screen column {@code px} at the plot's top. */
    private int darkPixelsRightOf(double px) {
        return fx(() -> {
            WritableImage img = chart.snapshot(null, null);
            ChartLayout.Rect p = chart.chartLayout().plot();
            int n = 0;
            for (int x = (int) px + 12; x < Math.min(img.getWidth(), px + 200); x++) {
                for (int y = (int) p.y() + 6; y < p.y() + 6 + 3 * 1.3 * chart.fontSize(); y++) {
                    Color c = img.getPixelReader().getColor(x, y);
                    if (c.getRed() < 0.3 && c.getGreen() < 0.3 && c.getBlue() < 0.3) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    @Test
    void hoveringShowsTheValuesUnderThePointer(FxRobot robot) {
        fx(() -> {
            chart.show(new ChartData.Chart(
                    "Validation accuracy",
                    "epoch",
                    "accuracy",
                    List.of(
                            series("Run 1", 0, ChartData.Style.SOLID, 0.5, 0.75, 0.875),
                            series("Run 2", 1, ChartData.Style.DASHED, 0.25, 0.5, 0.625),
                            series("raw", 2, ChartData.Style.FAINT, 0.9, 0.9, 0.9)),
                    0,
                    1));
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(chart::hoverText)).isNull();
        ChartLayout l = fx(chart::chartLayout);
        double px = l.x(2);
        double py = l.plot().y() + l.plot().h() * 0.7;
        int before = darkPixelsRightOf(px);

        robot.moveTo(fx(() -> chart.localToScreen(new Point2D(px + 0.4, py))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(chart::hoverText)).isEqualTo("epoch 2\nRun 1: 0.7500\nRun 2: 0.5000");
        assertThat(darkPixelsRightOf(px)).as("the box's text is drawn").isGreaterThan(before + 40);

        // nearer epoch 3: its values
        robot.moveTo(fx(() -> chart.localToScreen(new Point2D(l.x(2.8), py))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(chart::hoverText)).isEqualTo("epoch 3\nRun 1: 0.8750\nRun 2: 0.6250");

        // out of the plot (over the y tick labels) and out of the chart: no box
        robot.moveTo(fx(() -> chart.localToScreen(new Point2D(l.plot().x() - 5, py))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(chart::hoverText)).isNull();
        robot.moveTo(fx(() -> chart.localToScreen(new Point2D(l.x(2), py))));
        robot.moveTo(fx(() -> chart.localToScreen(new Point2D(-20, -20))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(chart::hoverText)).isNull();
        assertThat(darkPixelsRightOf(px)).isEqualTo(before);
    }
}
