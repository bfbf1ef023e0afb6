package org.blockscope.app.explain;

import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/** The most probable classes with a bar each; clicking a row explains that class. */
public final class PredictionBars extends VBox {

    static final double BAR = 120;
    private final Label title = new Label("Prediction");
    private IntConsumer onPick = c -> {};

    public PredictionBars() {
        getStyleClass().add("prediction-bars");
        title.getStyleClass().add("section-title");
        setSpacing(3);
        getChildren().add(title);
    }

    public void setOnPick(IntConsumer c) {
        onPick = c;
    }

    /** Shows the top {@code k} classes of {@code p}, {@code explained} highlighted. */
    public void show(TopClasses p, int k, int explained) {
        getChildren().setAll(title);
        if (p == null) {
            return;
        }
        List<TopClasses.Ranked> top = p.top(k);
        List<Label> names = top.stream().map(r -> new Label(r.name())).toList();
        // one column as wide as the widest name in the current font (presenter mode enlarges it)
        javafx.beans.binding.DoubleBinding widest = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> names.stream().mapToDouble(l -> l.prefWidth(-1)).max().orElse(0),
                names.stream().map(Label::fontProperty).toArray(javafx.beans.Observable[]::new));
        for (int i = 0; i < top.size(); i++) {
            TopClasses.Ranked r = top.get(i);
            Label name = names.get(i);
            name.minWidthProperty().bind(widest);
            Rectangle track = new Rectangle(BAR, 14);
            track.getStyleClass().add("prob-track");
            Rectangle bar = new Rectangle(Math.max(1, BAR * r.probability()), 14);
            bar.getStyleClass().add(r.cls() == p.best() ? "prob-bar-best" : "prob-bar");
            StackPane bars = new StackPane(track, bar);
            StackPane.setAlignment(bar, Pos.CENTER_LEFT);
            Label value = new Label(String.format(Locale.ROOT, "%.1f%%", 100 * r.probability()));
            value.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            HBox row = new HBox(6, name, bars, value);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("prediction-row");
            if (r.cls() == explained) {
                row.getStyleClass().add("explained");
            }
            Tooltip.install(row, new Tooltip("Explain class '" + r.name() + "'"));
            row.setOnMouseClicked(e -> onPick.accept(r.cls()));
            getChildren().add(row);
        }
    }
}
