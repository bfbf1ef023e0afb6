package org.blockscope.app.canvas;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DataFormat;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.block.BlockKinds;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;

/**
 * The centre of the editor: the network as node skins and edge curves, with pan and zoom, selection,
 * dragging, connecting by dragging port to port, and a read-only view inside named blocks.
 * It reads and edits only through {@link EditorModel}; it redraws at most once per pulse.
 */
public final class GraphCanvas extends Region {

    /** Palette drags put {@code BlockKind.id()} here; dropping adds the node at the drop point. */
    public static final DataFormat KIND_FORMAT = new DataFormat("application/x-blockscope-block-kind");

    private static final PseudoClass PRESENTER = PseudoClass.getPseudoClass("presenter");
    /** Below this zoom the edge labels would be unreadable specks: hide them. */
    private static final double LABEL_MIN_ZOOM = 0.45;
    /** Below this zoom node text is hidden too (level of detail): boxes and edges still show the structure. */
    private static final double TEXT_MIN_ZOOM = 0.3;

    private final EditorModel model;
    private final Group content = new Group();
    private final GraphView view = new GraphView();
    final Group docOverlay = new Group(); // in document coordinates (connection preview)
    final Pane hud = new Pane(); // in view coordinates (rubber band, hints)
    private final PanZoom panZoom = new PanZoom(content);
    private final BooleanProperty edgeLabels = new SimpleBooleanProperty(this, "edgeLabels", true);
    private final CanvasGestures gestures;
    private NetworkAnalysis shownAnalysis;
    private Annotations annotations = Annotations.NONE;
    private Edge selectedEdge;
    private boolean reconcilePending;
    private boolean fitPending = true;
    private BlockOverlay block;

    public GraphCanvas(EditorModel model) {
        this.model = model;
        getStyleClass().add("graph-canvas");
        getStylesheets()
                .add(GraphCanvas.class
                        .getResource("/org/blockscope/res/css/canvas.css")
                        .toExternalForm());
        setFocusTraversable(true);
        docOverlay.setMouseTransparent(true);
        content.getChildren().addAll(view, docOverlay);
        content.setManaged(false);
        hud.setManaged(false);
        hud.setMouseTransparent(true);
        hud.getStyleClass().add("canvas-hud");
        getChildren().addAll(content, hud);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        setMinSize(0, 0);
        setPrefSize(900, 600);

        model.graphProperty().addListener((o, a, b) -> requestReconcile());
        model.analysisProperty().addListener((o, a, b) -> requestReconcile());
        model.selection().addListener((SetChangeListener<String>) c -> requestReconcile());
        model.presenterModeProperty().addListener((o, a, on) -> applyPresenter(on));
        applyPresenter(model.presenterModeProperty().get());
        edgeLabels.addListener((o, a, b) -> updateLabelVisibility());
        panZoom.zoomProperty().addListener((o, a, b) -> updateLabelVisibility());
        gestures = new CanvasGestures(this, model, view, panZoom);
        setOnDragOver(e -> {
            if (e.getDragboard().hasContent(KIND_FORMAT)) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            Object id = e.getDragboard().getContent(KIND_FORMAT);
            boolean ok = id instanceof String s && drop(s, e.getX(), e.getY()) != null;
            e.setDropCompleted(ok);
            e.consume();
        });
        reconcile();
    }

    // ---- public API ----------------------------------------------------------------------------

    public ReadOnlyDoubleProperty zoomProperty() {
        return panZoom.zoomProperty();
    }

    /** Whether edges show the shape of the tensor they carry. */
    public BooleanProperty edgeLabelsProperty() {
        return edgeLabels;
    }

    public void fitToView() {
        flush();
        panZoom.fit(view.contentBounds(), getWidth(), getHeight(), 32, 1.25);
    }

    public void zoomIn() {
        panZoom.zoomAt(1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        panZoom.zoomAt(1 / 1.25, getWidth() / 2, getHeight() / 2);
    }

    public void zoomReset() {
        panZoom.setZoom(1, getWidth() / 2, getHeight() / 2);
    }

    /** Pans so the node is in the middle of the view (for a click in the Problems list). */
    public void centreOn(String nodeName) {
        flush();
        view.skin(nodeName).ifPresent(s -> {
            Bounds b = GraphView.box(s);
            panZoom.centreOn(new Point2D(b.getCenterX(), b.getCenterY()), getWidth(), getHeight());
        });
    }

    /** Lays the graph out left to right with ELK in the background; applies it as one undoable move. */
    public void autoLayout() {
        autoLayoutAsync();
    }

    CompletableFuture<Boolean> autoLayoutAsync() {
        Graph g = model.graph();
        SkinGeometry geo = view.geometry();
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> AutoLayout.positions(g, geo))
                .whenComplete((pos, err) -> Platform.runLater(() -> {
                    if (err != null || model.graph() != g) {
                        done.complete(false); // failed, or the graph changed meanwhile: a stale layout is dropped
                        return;
                    }
                    applyLayout(pos);
                    done.complete(true);
                }));
        return done;
    }

    private void applyLayout(Map<String, Position> pos) {
        model.endGesture();
        model.moveTo(pos);
        model.endGesture();
        flush();
        fitToView();
    }

    /** Shows a named block's (or group's) inside, read-only, over the canvas; Escape or Close returns. */
    public void openBlock(String nodeName) {
        closeBlock();
        if (!model.graph().contains(nodeName)
                || !model.graph().node(nodeName).kind().composite()) {
            return;
        }
        block = new BlockOverlay(model, nodeName, view.geometry(), this::closeBlock);
        getChildren().add(block);
        requestLayout();
    }

    public void closeBlock() {
        if (block != null) {
            getChildren().remove(block);
            block = null;
            requestFocus();
        }
    }

    /** The whole graph at scale 1, for PNG export. */
    public WritableImage snapshotGraph() {
        flush();
        Bounds b = view.contentBounds();
        if (b == null) {
            return new WritableImage(1, 1);
        }
        double pad = 24;
        SnapshotParameters sp = new SnapshotParameters();
        sp.setFill(Color.web("#f7f8fa"));
        sp.setViewport(
                new Rectangle2D(b.getMinX() - pad, b.getMinY() - pad, b.getWidth() + 2 * pad, b.getHeight() + 2 * pad));
        boolean labelsShown = view.labelLayer().isVisible();
        view.labelLayer().setVisible(edgeLabels.get());
        view.setDetail(true);
        try {
            return view.snapshot(sp, null);
        } finally {
            updateLabelVisibility();
            view.labelLayer().setVisible(labelsShown);
        }
    }

    // ---- package API used by gestures and tests --------------------------------------------------

    EditorModel model() {
        return model;
    }

    BlockOverlay openedBlock() {
        return block;
    }

    GraphView view() {
        return view;
    }

    PanZoom panZoom() {
        return panZoom;
    }

    Edge selectedEdge() {
        return selectedEdge;
    }

    void selectEdge(Edge e) {
        selectedEdge = e;
        requestReconcile();
    }

    /** Adds a block of kind {@code kindId} centred at view point (x, y); returns its name or null. */
    String drop(String kindId, double x, double y) {
        return BlockKinds.byId(kindId)
                .map(k -> {
                    SkinGeometry geo = view.geometry();
                    Point2D d = panZoom.toDoc(x, y);
                    double h = geo.height(k.inputPorts(0));
                    requestFocus();
                    return model.addNode(
                            k, new Position(Math.round(d.getX() - geo.width() / 2), Math.round(d.getY() - h / 2)));
                })
                .orElse(null);
    }

    /** Reconciles now if a reconcile is pending (tests, snapshots, geometry queries). */
    void flush() {
        if (reconcilePending) {
            reconcile();
        }
    }

    private void requestReconcile() {
        if (!reconcilePending) {
            reconcilePending = true;
            Platform.runLater(() -> {
                if (reconcilePending) {
                    reconcile();
                }
            });
        }
    }

    private void reconcile() {
        reconcilePending = false;
        NetworkAnalysis a = model.analysis();
        if (a != shownAnalysis) {
            shownAnalysis = a;
            annotations = Annotations.of(a);
        }
        if (selectedEdge != null && !model.graph().edges().contains(selectedEdge)) {
            selectedEdge = null;
        }
        view.show(model.graph(), annotations, model.selection(), selectedEdge);
    }

    private void applyPresenter(boolean on) {
        pseudoClassStateChanged(PRESENTER, on);
        view.setGeometry(on ? SkinGeometry.PRESENTER : SkinGeometry.NORMAL);
    }

    private void updateLabelVisibility() {
        view.labelLayer().setVisible(edgeLabels.get() && panZoom.zoom() >= LABEL_MIN_ZOOM);
        view.setDetail(panZoom.zoom() >= TEXT_MIN_ZOOM);
    }

    @Override
    protected void layoutChildren() {
        hud.resizeRelocate(0, 0, getWidth(), getHeight());
        if (block != null) {
            block.resizeRelocate(0, 0, getWidth(), getHeight());
        }
        if (fitPending && getWidth() > 0 && getHeight() > 0 && model.graph().size() > 0) {
            fitPending = false;
            fitToView();
        }
    }
}
