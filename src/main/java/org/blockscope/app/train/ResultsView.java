package org.blockscope.app.train;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;
import org.blockscope.app.inspect.FxImages;
import org.blockscope.app.inspect.Pixels;

/** End of a run: confusion matrix (counts, colour = share of the true class), per-class accuracy, misclassified images. */
public final class ResultsView extends VBox {

    private final Label title = new Label("Results appear here when a run ends.");
    private final Canvas matrix = new Canvas(10, 10);
    private final VBox perClass = new VBox(2);
    private final FlowPane wrong = new FlowPane(6, 6);

    // ---- confusion to examples (issue 17): a click on a cell names the run and the cell ----
    /** Receives clicks on confusion-matrix cells. */
    @FunctionalInterface
    public interface CellClick {
        void clicked(TrainingRunRecord run, int actual, int predicted);
    }

    private CellClick onCell = (r, a, p) -> {};
    private TrainingRunRecord shown;
    private double cellLeft;
    private double cellTop;
    private double cellSize;
    private int cellCount;

    public void setOnCellClicked(CellClick c) {
        onCell = c;
    }

    private void clickAt(double x, double y) {
        int p = (int) Math.floor((x - cellLeft) / cellSize);
        int a = (int) Math.floor((y - cellTop) / cellSize);
        if (shown != null && cellCount > 0 && a >= 0 && p >= 0 && a < cellCount && p < cellCount) {
            onCell.clicked(shown, a, p);
        }
    }

    public ResultsView() {
        getStyleClass().add("results-view");
        title.getStyleClass().add("section-title");
        wrong.setPrefWrapLength(560);
        Label wrongTitle = new Label("Misclassified validation images (true → predicted)");
        wrongTitle.getStyleClass().add("section-title");
        wrongTitle.setWrapText(true);
        VBox wrongBox = new VBox(4, wrongTitle, wrong);
        HBox row = new HBox(16, matrix, perClass, wrongBox);
        perClass.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the images wrap, the accuracies stay whole
        setSpacing(6);
        setPadding(new Insets(6));
        getChildren().addAll(title, row);
        matrix.setOnMouseClicked(e -> clickAt(e.getX(), e.getY()));
    }

    public Canvas matrix() {
        return matrix;
    }

    public void show(TrainingRunRecord r) {
        RunResult res = r == null ? null : r.resultProperty().get();
        perClass.getChildren().clear();
        wrong.getChildren().clear();
        GraphicsContext g = matrix.getGraphicsContext2D();
        g.clearRect(0, 0, matrix.getWidth(), matrix.getHeight());
        if (res == null) {
            title.setText(
                    r == null ? "Results appear here when a run ends." : r + ": results appear when the run ends.");
            return;
        }
        title.setText(r + " · " + res.summary());
        int k = res.evaluation().classes();
        double cell = Math.max(22, Math.min(46, 400.0 / k));
        double left = 64;
        double top = 34;
        shown = r;
        cellLeft = left;
        cellTop = top;
        cellSize = cell;
        cellCount = k;
        matrix.setWidth(left + k * cell + 4);
        matrix.setHeight(top + k * cell + 4);
        g.setFill(Color.web("#333"));
        g.fillText("predicted →", left, 12);
        g.setTextAlign(TextAlignment.CENTER);
        for (int c = 0; c < k; c++) {
            g.fillText(shortName(res.name(c)), left + c * cell + cell / 2, top - 6);
        }
        for (RunResult.Cell c : res.cells()) {
            double x = left + c.predicted() * cell;
            double y = top + c.actual() * cell;
            Color base = c.actual() == c.predicted() ? Color.web("#009E73") : Color.web("#D55E00");
            g.setFill(Color.WHITE.interpolate(
                    base, Math.min(1, c.rowFraction() * (c.actual() == c.predicted() ? 1 : 3))));
            g.fillRect(x, y, cell - 1, cell - 1);
            if (c.count() > 0) {
                g.setFill(c.rowFraction() > 0.6 ? Color.WHITE : Color.web("#222"));
                g.fillText(Long.toString(c.count()), x + cell / 2, y + cell / 2 + 4);
            }
        }
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(Color.web("#333"));
        for (int a = 0; a < k; a++) {
            g.fillText(shortName(res.name(a)), 4, top + a * cell + cell / 2 + 4);
        }
        g.fillText("true ↓", 4, 12);
        Label pc = new Label("Per-class accuracy");
        pc.getStyleClass().add("section-title");
        perClass.getChildren().add(pc);
        res.perClassLines().forEach(l -> perClass.getChildren().add(new Label(l)));
        for (RunResult.Misclassified m : res.misclassified()) {
            VBox v = new VBox(
                    2,
                    FxImages.view(
                            Pixels.photo(m.pixels(), m.shape()),
                            m.shape().width(),
                            m.shape().height(),
                            48),
                    new Label(String.format(
                            Locale.ROOT,
                            "%s → %s",
                            shortName(res.name(m.actual())),
                            shortName(res.name(m.predicted())))));
            v.setAlignment(Pos.CENTER);
            v.getStyleClass().add("misclassified");
            wrong.getChildren().add(v);
        }
        if (res.misclassified().isEmpty()) {
            wrong.getChildren().add(new Label("none: every validation image was classified correctly"));
        }
    }

    private static String shortName(String s) {
        return s.length() <= 7 ? s : s.substring(0, 6) + "…";
    }
}
