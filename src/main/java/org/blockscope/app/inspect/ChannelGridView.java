package org.blockscope.app.inspect;

import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

/** A grid of channel tiles on one colour scale, with the scale bar (min … max) and the tensor's numbers. */
public final class ChannelGridView extends VBox {

    private final Label title = new Label();
    private final TilePane tiles = new TilePane(3, 3);
    private final Label min = new Label();
    private final Label max = new Label();
    private final Label stats = new Label();
    private final ImageView bar = FxImages.view(bar(128, 10), 128, 10, 128);
    private final HBox scale = new HBox(6, min, bar, max);
    private IntConsumer onClick = c -> {};
    private int maxTiles = Integer.MAX_VALUE;

    public ChannelGridView() {
        getStyleClass().add("channel-grid");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        title.setMinWidth(0);
        title.prefWidthProperty().bind(javafx.beans.binding.Bindings.max(220, tiles.widthProperty()));
        stats.setMinWidth(0);
        stats.prefWidthProperty().bind(title.prefWidthProperty());
        scale.setAlignment(Pos.CENTER_LEFT);
        scale.getStyleClass().add("scale-bar");
        stats.getStyleClass().add("stats");
        stats.setWrapText(true);
        tiles.setPrefColumns(8);
        setSpacing(6);
        setPadding(new Insets(4));
        getChildren().addAll(title, scale, tiles, stats);
    }

    public void setOnTileClicked(IntConsumer c) {
        onClick = c;
    }

    /** Shows at most {@code n} tiles (the step-through view keeps its panes small). */
    public void setMaxTiles(int n) {
        maxTiles = n;
    }

    public TilePane tiles() {
        return tiles;
    }

    public void show(String heading, ChannelGrid g, double tileSize) {
        title.setText(heading);
        tiles.getChildren().clear();
        scale.setVisible(g != null); // no colour scale without values to read on it
        scale.setManaged(g != null);
        if (g == null) {
            stats.setText("");
            min.setText("");
            max.setText("");
            return;
        }
        min.setText(String.format(Locale.ROOT, "%.3g", g.min()));
        max.setText(String.format(Locale.ROOT, "%.3g", g.max()));
        int n = Math.min(g.channels(), maxTiles);
        double size = g.isVector() ? Math.max(10, tileSize / 3) : tileSize;
        for (int c = 0; c < n; c++) {
            ImageView v = FxImages.view(g.tile(c), g.width(), g.height(), size);
            StackPane cell = new StackPane(v);
            cell.getStyleClass().add("channel-tile");
            int channel = c;
            Tooltip.install(cell, new Tooltip("channel " + c));
            cell.setOnMouseClicked(e -> onClick.accept(channel));
            tiles.getChildren().add(cell);
        }
        stats.setText(g.shape() + (n < g.channels() ? " (first " + n + " of " + g.channels() + " channels)" : "")
                + " · " + g.stats().text());
    }

    private static int[] bar(int w, int h) {
        int[] row = Pixels.scaleBar(w);
        int[] out = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(row, 0, out, y * w, w);
        }
        return out;
    }

    /** One channel large, with the same scale. */
    public static BorderPane enlarged(ChannelGrid g, int c, double size) {
        ImageView v = FxImages.view(g.tile(c), g.width(), g.height(), size);
        TensorStats s = TensorStats.of(g.channel(c));
        Label l = new Label("channel " + c + " of " + g.path() + " · " + s.text());
        l.setWrapText(true);
        BorderPane p = new BorderPane(v, null, null, l, null);
        p.getStyleClass().add("enlarged");
        return p;
    }
}
