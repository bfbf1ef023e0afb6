package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.InsideView;

/**
 * A read-only view inside a named block or group: its primitive expansion for the shapes it
 * receives, laid out top to bottom, with the shapes and costs of the current analysis. A
 * breadcrumb ("Network › stage2_0 › se") says where it is; double-clicking a block inside goes
 * deeper, a crumb or Esc goes back. Drag pans, the wheel zooms.
 */
final class BlockOverlay extends BorderPane {

    private final EditorModel model;
    private final Runnable close;
    private final Pane viewport = new Pane() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            if (!fitted && getWidth() > 0) {
                fitted = true;
                port.fit();
            }
        }
    };
    private final Group content = new Group();
    private final GraphView inner = new GraphView();
    private final PanZoom panZoom = new PanZoom(content);
    private final Viewport port = new Viewport(viewport, inner, panZoom);
    private final FlowPane crumbs = new FlowPane(4, 2);
    private final List<String> path = new ArrayList<>();
    private boolean fitted;
    private double lastX;
    private double lastY;

    BlockOverlay(EditorModel model, List<String> start, Runnable close) {
        this.model = model;
        this.close = close;
        getStyleClass().add("block-overlay");
        setFocusTraversable(true);
        Button closeButton = new Button("Close");
        closeButton.setId("close-block");
        closeButton.setOnAction(e -> close.run());
        closeButton.setFocusTraversable(false);
        closeButton.setMinWidth(Region.USE_PREF_SIZE);
        crumbs.setAlignment(Pos.CENTER_LEFT);
        crumbs.setId("block-crumbs");
        HBox.setHgrow(crumbs, Priority.ALWAYS);
        HBox bar = new HBox(12, crumbs, closeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("block-overlay-bar");
        setTop(bar);
        content.getChildren().add(inner);
        content.setManaged(false);
        viewport.getChildren().add(content);
        viewport.getStyleClass().add("block-overlay-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = e.getX();
            lastY = e.getY();
            requestFocus();
            e.consume();
        });
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            panZoom.panBy(e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
            e.consume();
        });
        viewport.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                inner.hits()
                        .nodeAt(panZoom.toDoc(e.getX(), e.getY()))
                        .filter(s -> s.node().kind().composite())
                        .ifPresent(s -> {
                            List<String> deeper = new ArrayList<>(path);
                            deeper.add(s.name());
                            show(deeper);
                        });
            }
            e.consume();
        });
        viewport.addEventHandler(ScrollEvent.SCROLL, e -> {
            panZoom.zoomAt(Math.pow(1.004, e.getDeltaY()), e.getX(), e.getY());
            e.consume();
        });
        show(start);
    }

    /** Shows the inside of {@code p} (a top-level block, then blocks inside it). */
    void show(List<String> p) {
        path.clear();
        path.addAll(p);
        fitted = false;
        InsideView.Result r = InsideView.open(model.graph(), model.analysis(), p, SkinGeometry.NORMAL);
        fillCrumbs();
        if (r.get().isEmpty()) {
            Label why = new Label(r.refusal());
            why.getStyleClass().add("block-overlay-message");
            why.setWrapText(true);
            setCenter(why);
            return;
        }
        InsideView v = r.get().get();
        inner.setGeometry(SkinGeometry.NORMAL);
        inner.show(v.graph(), new Annotations(v.stats(), java.util.Map.of()), Set.of(v.output()), null);
        setCenter(viewport);
        viewport.requestLayout();
    }

    private void fillCrumbs() {
        crumbs.getChildren().clear();
        Hyperlink top = new Hyperlink("Network");
        top.setOnAction(e -> close.run());
        top.getStyleClass().add("crumb");
        crumbs.getChildren().add(top);
        for (int i = 0; i < path.size(); i++) {
            Label sep = new Label("›");
            sep.getStyleClass().add("crumb-separator");
            crumbs.getChildren().add(sep);
            if (i == path.size() - 1) {
                String kind = i == 0 ? model.graph().node(path.get(0)).kind().displayName() : "";
                Label here = new Label(path.get(i) + (kind.isEmpty() ? "" : " (" + kind + ")"));
                here.getStyleClass().add("crumb-here");
                crumbs.getChildren().add(here);
            } else {
                List<String> upTo = List.copyOf(path.subList(0, i + 1));
                Hyperlink h = new Hyperlink(path.get(i));
                h.getStyleClass().add("crumb");
                h.setOnAction(e -> show(upTo));
                crumbs.getChildren().add(h);
            }
        }
        Label hint = new Label("   read-only · double-click a block to go deeper · Esc goes back");
        hint.getStyleClass().add("crumb-hint");
        crumbs.getChildren().add(hint);
    }

    /** One level up; from the first level, closes. */
    void back() {
        if (path.size() > 1) {
            show(List.copyOf(path.subList(0, path.size() - 1)));
        } else {
            close.run();
        }
    }

    List<String> path() {
        return List.copyOf(path);
    }

    String blockName() {
        return path.get(0);
    }

    GraphView inner() {
        return inner;
    }

    Viewport viewport() {
        return port;
    }
}
