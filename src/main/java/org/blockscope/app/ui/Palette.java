package org.blockscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.blockscope.app.model.PaletteModel;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Category;

/**
 * The block palette: one titled section per category, a search field, and an entry per kind with
 * an icon and its tooltip. Dragging an entry puts the kind's id on the canvas's data format;
 * double-clicking calls {@code onAdd}.
 */
public final class Palette extends VBox {

    private final TextField search = new TextField();
    private final List<TitledPane> sections = new ArrayList<>();

    public Palette(DataFormat kindFormat, Consumer<BlockKind> onAdd) {
        getStyleClass().add("palette");
        search.setPromptText("Search blocks");
        search.setId("palette-search");
        VBox list = new VBox();
        for (Map.Entry<Category, List<BlockKind>> e : PaletteModel.entries().entrySet()) {
            VBox items = new VBox(1);
            for (BlockKind k : e.getValue()) {
                items.getChildren().add(entry(k, kindFormat, onAdd));
            }
            TitledPane tp = new TitledPane(e.getKey().title(), items);
            tp.setUserData(items);
            tp.setAnimated(false);
            sections.add(tp);
            list.getChildren().add(tp);
        }
        ScrollPane scroll = new ScrollPane(list);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox.setMargin(search, new Insets(6));
        getChildren().addAll(search, scroll);
        search.textProperty().addListener((o, a, q) -> filter(q));
    }

    private Label entry(BlockKind k, DataFormat kindFormat, Consumer<BlockKind> onAdd) {
        Label l = new Label(k.displayName(), BlockIcons.of(k));
        l.setId("palette-" + k.id());
        l.setUserData(k);
        l.getStyleClass().add("palette-entry");
        l.setMaxWidth(Double.MAX_VALUE);
        l.setGraphicTextGap(8);
        Tooltip t = new Tooltip(k.tooltip());
        t.setShowDelay(Duration.millis(400));
        t.setWrapText(true);
        t.setMaxWidth(320);
        l.setTooltip(t);
        l.setOnDragDetected(e -> {
            Dragboard db = l.startDragAndDrop(TransferMode.COPY);
            ClipboardContent c = new ClipboardContent();
            c.put(kindFormat, k.id());
            db.setContent(c);
            db.setDragView(l.snapshot(null, null));
            e.consume();
        });
        l.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                onAdd.accept(k);
            }
        });
        return l;
    }

    private void filter(String q) {
        for (TitledPane tp : sections) {
            VBox items = (VBox) tp.getUserData();
            int shown = 0;
            for (javafx.scene.Node n : items.getChildren()) {
                boolean keep = PaletteModel.matches((BlockKind) n.getUserData(), q);
                n.setVisible(keep);
                n.setManaged(keep);
                shown += keep ? 1 : 0;
            }
            tp.setVisible(shown > 0);
            tp.setManaged(shown > 0);
            if (shown > 0 && q != null && !q.isBlank()) {
                tp.setExpanded(true);
            }
        }
    }

    public TextField searchField() {
        return search;
    }
}
