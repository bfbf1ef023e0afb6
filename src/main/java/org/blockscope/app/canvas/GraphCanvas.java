package org.blockscope.app.canvas;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.input.DataFormat;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.diagram.Stages;
import org.blockscope.app.model.EditorModel;
import org.blockscope.block.BlockKinds;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;

/**
 * The centre of the editor: the network as node skins and routed edges, with pan and zoom
 * (semantic: text never smaller than readable), a minimap, selection, dragging, connecting by
 * dragging port to port, collapsible stages, and a read-only view inside named blocks. It reads
 * and edits only through {@link EditorModel}; it redraws at most once per pulse.
 */
public final class GraphCanvas extends Region {

    /** Palette drags put {@code BlockKind.id()} here; dropping adds the node at the drop point. */
    public static final DataFormat KIND_FORMAT = new DataFormat("application/x-blockscope-block-kind");

    private static final PseudoClass PRESENTER = PseudoClass.getPseudoClass("presenter");

    private final EditorModel model;
    private final Group content = new Group();
    private final GraphView view = new GraphView();
    final Group docOverlay = new Group(); // in document coordinates (connection preview)
    final Pane hud = new Pane(); // in view coordinates (rubber band, hints)
    private final PanZoom panZoom = new PanZoom(content);
    private final Viewport viewport = new Viewport(this, view, panZoom);
    private final Minimap minimap;
    private final Overview overview = new Overview();
    private final BooleanProperty edgeLabels = new SimpleBooleanProperty(this, "edgeLabels", true);
    private final ReadOnlyDoubleWrapper shownZoom = new ReadOnlyDoubleWrapper(this, "shownZoom", 1);
    private final CanvasGestures gestures;
    private final EventHandler<KeyEvent> escape = this::escapePressed;
    private NetworkAnalysis shownAnalysis;
    private Annotations annotations = Annotations.NONE;
    private Edge selectedEdge;
    private boolean reconcilePending;
    private boolean fitPending = true;
    private BlockOverlay block;
    private Point2D laidOutSize;
    /**
     * The document point at the centre of the view when presenter mode was switched, and the canvas's size
     * then: the panels around the canvas hide or show after the switch, and the next layout puts that point
     * back at the centre of the canvas's new size (else the graph sits where the narrower canvas had it).
     */
    private Point2D presenterCentre;

    private Point2D presenterSize;

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
        minimap = new Minimap(view, panZoom, this);
        getChildren().addAll(content, overview, hud, minimap);
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
        model.directionProperty().addListener((o, a, d) -> {
            view.setGeometry(SkinGeometry.NORMAL.withDirection(d));
            requestReconcile();
        });
        model.generationProperty().addListener((o, a, b) -> {
            closeBlock();
            fitPending = true;
            requestLayout();
        });
        view.setGeometry(
                SkinGeometry.NORMAL.withDirection(model.directionProperty().get()));
        applyPresenter(model.presenterModeProperty().get());
        edgeLabels.addListener((o, a, b) -> view.labelLayer().setVisible(b));
        panZoom.zoomProperty().addListener((o, a, b) -> {
            if (block == null) {
                shownZoom.set(b.doubleValue());
            }
        });
        panZoom.addListener(o -> {
            minimap.refresh();
            if (view.lazy()) {
                requestReconcile(); // skins follow the view, once per pulse
            }
        });
        gestures = new CanvasGestures(this, model, view, panZoom);
        sceneProperty().addListener((o, old, now) -> {
            if (old != null) {
                old.removeEventFilter(KeyEvent.KEY_PRESSED, escape);
            }
            if (now != null) {
                now.addEventFilter(KeyEvent.KEY_PRESSED, escape);
            }
        });
        reconcile();
    }

    // ---- public API ----------------------------------------------------------------------------

    /** The zoom of what is shown: the network, or the inside of the block that is open. */
    public ReadOnlyDoubleProperty zoomProperty() {
        return shownZoom.getReadOnlyProperty();
    }

    /** Whether edges show the shape of the tensor they carry. */
    public BooleanProperty edgeLabelsProperty() {
        return edgeLabels;
    }

    public void fitToView() {
        flush();
        shown().fit();
    }

    public void zoomIn() {
        shown().zoomIn();
    }

    public void zoomOut() {
        shown().zoomOut();
    }

    public void zoomReset() {
        shown().zoomReset();
    }

    /** Zoom acts on what is shown: the inside view when a block is open. */
    private Viewport shown() {
        return block != null ? block.viewport() : viewport;
    }

    /** Pans so the node is in the middle of the view (for a click in the Problems list). */
    public void centreOn(String nodeName) {
        flush();
        org.blockscope.app.diagram.Box b = view.boxes.box(nodeName);
        if (b != null) {
            panZoom.centreOn(new Point2D(b.centreX(), b.centreY()), getWidth(), getHeight());
        }
    }

    /** Lays the graph out with ELK in the background (top to bottom by default); one undoable move. */
    public void autoLayout() {
        autoLayoutAsync();
    }

    CompletableFuture<Boolean> autoLayoutAsync() {
        Graph g = model.graph();
        var d = model.layoutDirectionProperty().get();
        SkinGeometry geo = SkinGeometry.NORMAL.withDirection(d);
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> AutoLayout.positions(g, geo))
                .whenComplete((pos, err) -> Platform.runLater(() -> {
                    if (err != null || model.graph() != g) {
                        done.complete(false); // failed, or the graph changed meanwhile: a stale layout is dropped
                        return;
                    }
                    applyLayout(pos, d);
                    done.complete(true);
                }));
        return done;
    }

    private void applyLayout(Map<String, Position> pos, org.blockscope.app.diagram.Direction d) {
        model.applyLayout(pos, d);
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
        block = new BlockOverlay(model, List.of(nodeName), this::closeBlock);
        block.viewport().setPresenter(viewport.presenter());
        block.viewport().panZoom().zoomProperty().addListener((o, a, b) -> {
            if (block != null) {
                shownZoom.set(b.doubleValue());
            }
        });
        shownZoom.set(block.viewport().panZoom().zoom());
        getChildren().add(block);
        requestLayout();
        block.requestFocus();
    }

    public void closeBlock() {
        if (block != null) {
            getChildren().remove(block);
            block = null;
            shownZoom.set(panZoom.zoom());
            requestFocus();
        }
    }

    /** Esc closes the inside view (one level at a time) wherever the focus is. */
    private void escapePressed(KeyEvent e) {
        if (e.getCode() == KeyCode.ESCAPE && block != null) {
            block.back();
            e.consume();
        }
    }

    /** Collapses (or expands) the repeated stage {@code node} belongs to; false when it is in none. */
    public boolean toggleStage(String node) {
        flush();
        return view.stageLayer()
                .stageOf(node)
                .map(s -> {
                    view.setCollapsed(s, !view.stageLayer().isCollapsed(s));
                    requestReconcile();
                    return true;
                })
                .orElse(false);
    }

    /** Names and labels of the repeated stages, collapsed or not. */
    public List<Stages.Stage> stages() {
        flush();
        return view.stageLayer().stages();
    }

    /** The whole graph at {@code scale} (2 for a crisp PNG), every line of text shown. */
    public javafx.scene.image.WritableImage snapshotGraph(double scale) {
        flush();
        return Snapshots.graph(view, scale, edgeLabels.get(), () -> viewport.update());
    }

    /** The text of every block on screen (the inside view's when a block is open), at its size on screen. */
    public Readability readability() {
        flush();
        return block != null
                ? Readability.of(
                        block.inner(),
                        block.getCenter(),
                        block.viewport().panZoom().zoom())
                : Readability.of(view, this, panZoom.zoom());
    }

    // ---- package API used by gestures, the minimap and tests ------------------------------------

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

    Viewport viewport() {
        return viewport;
    }

    Minimap minimap() {
        return minimap;
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

    /**
     * Reconciles now if a reconcile is pending (tests, snapshots, geometry queries); a large
     * network gets every skin in view at once.
     */
    void flush() {
        if (reconcilePending || view.lazy()) {
            reconcile(true);
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
        reconcile(false);
    }

    private void reconcile(boolean all) {
        reconcilePending = false;
        NetworkAnalysis a = model.analysis();
        if (a != shownAnalysis) {
            shownAnalysis = a;
            annotations = Annotations.of(a);
        }
        if (selectedEdge != null && !model.graph().edges().contains(selectedEdge)) {
            selectedEdge = null;
        }
        view.lazySkins().setArea(viewport.visibleArea());
        view.show(model.graph(), annotations, model.selection(), selectedEdge);
        view.lazySkins().sync(all);
        if (view.lazySkins().pending()) {
            requestReconcile();
        }
        overview.draw(view, panZoom, getWidth(), getHeight());
        minimap.refresh();
    }

    private void applyPresenter(boolean on) {
        pseudoClassStateChanged(PRESENTER, on);
        viewport.setPresenter(on);
        if (getWidth() > 0 && getHeight() > 0) {
            presenterCentre = panZoom.toDoc(getWidth() / 2, getHeight() / 2);
            presenterSize = new Point2D(getWidth(), getHeight());
            requestLayout();
        }
        if (block != null) {
            block.viewport().setPresenter(on);
        }
    }

    @Override
    protected void layoutChildren() {
        hud.resizeRelocate(0, 0, getWidth(), getHeight());
        if (view.lazy() && !new Point2D(getWidth(), getHeight()).equals(laidOutSize)) {
            laidOutSize = new Point2D(getWidth(), getHeight());
            requestReconcile();
        }
        if (block != null) {
            block.resizeRelocate(0, 0, getWidth(), getHeight());
        }
        minimap.place(getWidth(), getHeight());
        if (presenterCentre != null && getWidth() > 0 && getHeight() > 0) {
            if (!presenterSize.equals(new Point2D(getWidth(), getHeight()))) {
                panZoom.centreOn(presenterCentre, getWidth(), getHeight());
            }
            presenterCentre = null;
        }
        if (fitPending && getWidth() > 0 && getHeight() > 0 && model.graph().size() > 0) {
            fitPending = false;
            fitToView();
        }
    }
}
