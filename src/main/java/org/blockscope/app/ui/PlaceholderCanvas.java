package org.blockscope.app.ui;

import java.util.HashMap;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.collections.SetChangeListener;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import org.blockscope.app.model.BlockColours;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.SvgExport;
import org.blockscope.block.BlockKind;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Layout;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;

/**
 * A simple stand-in for the real canvas while it is being built: boxes at their document
 * positions, curved edges, click to select, drag to move, drops from the palette. No wiring.
 */
public final class PlaceholderCanvas extends Pane implements CanvasView {

    /** Not the real canvas's format, so both can exist in one JVM. */
    public static final DataFormat KIND_FORMAT = new DataFormat("application/x-blockscope-kind-placeholder");

    private final EditorModel model;
    private final Group world = new Group();
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final Map<String, Region> boxes = new HashMap<>();
    private final Label hint = new Label("Drag blocks here from the palette, or use File ▸ New from template");
    private Point2D dragFrom;

    public PlaceholderCanvas(EditorModel model) {
        this.model = model;
        getStyleClass().add("graph-canvas");
        setId("canvas");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        hint.getStyleClass().add("canvas-hint");
        hint.layoutXProperty().bind(widthProperty().subtract(hint.widthProperty()).divide(2));
        hint.layoutYProperty().bind(heightProperty().divide(2));
        getChildren().addAll(world, hint);
        world.scaleXProperty().bind(zoom);
        world.scaleYProperty().bind(zoom);
        model.graphProperty().addListener((o, a, g) -> redraw());
        model.analysisProperty().addListener((o, a, n) -> redraw());
        model.selection().addListener((SetChangeListener<String>) c -> redraw());
        setOnMousePressed(e -> {
            if (e.getTarget() == this) {
                model.select();
            }
        });
        setOnDragOver(e -> {
            if (e.getDragboard().hasContent(KIND_FORMAT)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            Object id = e.getDragboard().getContent(KIND_FORMAT);
            if (id != null) {
                Point2D p = world.parentToLocal(e.getX(), e.getY());
                BlockKind.byId(id.toString()).ifPresent(k -> model.addNode(k, new Position(p.getX(), p.getY())));
            }
            e.setDropCompleted(id != null);
            e.consume();
        });
        setOnScroll(e -> {
            if (e.isControlDown()) {
                setZoom(zoom.get() * (e.getDeltaY() > 0 ? 1.1 : 1 / 1.1));
            } else {
                world.setTranslateX(world.getTranslateX() + e.getDeltaX());
                world.setTranslateY(world.getTranslateY() + e.getDeltaY());
            }
        });
        redraw();
    }

    private void redraw() {
        Graph g = model.graph();
        hint.setVisible(g.size() == 0);
        world.getChildren().clear();
        boxes.clear();
        for (Edge e : g.edges()) {
            Node a = g.find(e.from()).orElse(null);
            Node b = g.find(e.to()).orElse(null);
            if (a == null || b == null) {
                continue;
            }
            double x1 = a.position().x() + SvgExport.NODE_WIDTH;
            double y1 = a.position().y() + SvgExport.NODE_HEIGHT / 2;
            double x2 = b.position().x();
            double y2 = b.position().y() + SvgExport.NODE_HEIGHT / 2;
            double bend = Math.max(40, Math.abs(x2 - x1) / 2);
            CubicCurve c = new CubicCurve(x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2);
            c.setFill(null);
            c.setStroke(Color.web("#7a8699"));
            c.setStrokeWidth(1.6);
            world.getChildren().add(c);
        }
        for (Node n : g.nodes()) {
            world.getChildren().add(box(n));
        }
    }

    private Region box(Node n) {
        Label name = new Label(n.name());
        name.getStyleClass().add("node-name");
        Label kind = new Label(n.kind().displayName(), BlockIcons.of(n.kind()));
        kind.getStyleClass().add("node-kind");
        String shape = model.analysis().node(n.name()).map(s -> s.output().toString()).orElse("?");
        Label out = new Label(shape);
        out.getStyleClass().add("node-shape");
        VBox box = new VBox(1, name, kind, out);
        box.getStyleClass().add("node-box");
        box.setStyle("-fx-background-color: " + BlockColours.fill(n.kind().category()) + "; -fx-border-color: "
                + BlockColours.stroke(n.kind().category()) + ";");
        if (model.selection().contains(n.name())) {
            box.getStyleClass().add("selected");
        }
        if (model.analysis().expanded().diagnosticsOf(n.name()).stream().anyMatch(d -> d.isError())) {
            box.getStyleClass().add("has-error");
        }
        box.setPrefSize(SvgExport.NODE_WIDTH, SvgExport.NODE_HEIGHT);
        box.setMinSize(SvgExport.NODE_WIDTH, SvgExport.NODE_HEIGHT);
        box.relocate(n.position().x(), n.position().y());
        box.setOnMousePressed(e -> {
            if (e.isShortcutDown() || e.isShiftDown()) {
                if (!model.selection().remove(n.name())) {
                    model.selection().add(n.name());
                }
            } else if (!model.selection().contains(n.name())) {
                model.select(n.name());
            }
            dragFrom = new Point2D(e.getSceneX(), e.getSceneY());
            e.consume();
        });
        box.setOnMouseDragged(e -> {
            double dx = (e.getSceneX() - dragFrom.getX()) / zoom.get();
            double dy = (e.getSceneY() - dragFrom.getY()) / zoom.get();
            dragFrom = new Point2D(e.getSceneX(), e.getSceneY());
            Platform.runLater(() -> model.moveSelection(dx, dy));
            e.consume();
        });
        box.setOnMouseReleased(e -> model.endGesture());
        box.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openBlock(n.name());
            }
        });
        boxes.put(n.name(), box);
        return box;
    }

    private void setZoom(double z) {
        zoom.set(Math.max(0.1, Math.min(4, z)));
    }

    @Override
    public Region node() {
        return this;
    }

    @Override
    public void fitToView() {
        Graph g = model.graph();
        if (g.size() == 0 || getWidth() <= 0) {
            world.setTranslateX(0);
            world.setTranslateY(0);
            return;
        }
        double minX = g.nodes().stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = g.nodes().stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        double maxX = g.nodes().stream().mapToDouble(n -> n.position().x()).max().orElse(0) + SvgExport.NODE_WIDTH;
        double maxY = g.nodes().stream().mapToDouble(n -> n.position().y()).max().orElse(0) + SvgExport.NODE_HEIGHT;
        double z = Math.min(1.5, Math.min((getWidth() - 40) / (maxX - minX), (getHeight() - 40) / (maxY - minY)));
        setZoom(z);
        place((minX + maxX) / 2, (minY + maxY) / 2);
    }

    /** Puts document point (x, y) at the centre of the view. */
    private void place(double x, double y) {
        // the group scales about its own centre: compute where (x, y) lands, then shift
        world.setTranslateX(0);
        world.setTranslateY(0);
        world.layout();
        Point2D at = world.localToParent(x, y);
        world.setTranslateX(getWidth() / 2 - at.getX());
        world.setTranslateY(getHeight() / 2 - at.getY());
    }

    @Override
    public void zoomIn() {
        setZoom(zoom.get() * 1.25);
    }

    @Override
    public void zoomOut() {
        setZoom(zoom.get() / 1.25);
    }

    @Override
    public void zoomReset() {
        setZoom(1);
    }

    @Override
    public void centreOn(String node) {
        model.graph().find(node).ifPresent(n -> place(n.position().x() + SvgExport.NODE_WIDTH / 2,
                n.position().y() + SvgExport.NODE_HEIGHT / 2));
    }

    @Override
    public void autoLayout() {
        Graph laid = Layout.layered(model.graph());
        Map<String, Position> to = new HashMap<>();
        laid.nodes().forEach(n -> to.put(n.name(), n.position()));
        model.moveTo(to);
        model.endGesture();
        fitToView();
    }

    @Override
    public void openBlock(String node) {
        // the real canvas shows the block's inside; the stand-in has nothing to open
    }

    @Override
    public WritableImage snapshotGraph() {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        Bounds b = world.getLayoutBounds();
        double z = zoom.get();
        zoom.set(1);
        WritableImage img = world.snapshot(p, null);
        zoom.set(z);
        return b.isEmpty() ? new WritableImage(1, 1) : img;
    }

    @Override
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    @Override
    public DataFormat kindFormat() {
        return KIND_FORMAT;
    }
}
