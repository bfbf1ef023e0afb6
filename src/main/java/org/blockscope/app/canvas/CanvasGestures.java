package org.blockscope.app.canvas;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javafx.geometry.BoundingBox;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.Rectangle;
import org.blockscope.app.model.EditorModel;

/**
 * Mouse, touch and keyboard on the canvas. One gesture at a time: pan, move the selection, connect
 * port to port, or rubber-band select. Every decision about the network (may these two be
 * connected?) is asked of the model; this class only turns pointer motion into commands.
 */
final class CanvasGestures {

    private enum Mode {
        NONE,
        PAN,
        MOVE,
        CONNECT,
        BAND,
        PAN_OR_CLICK
    }

    private final GraphCanvas canvas;
    private final EditorModel model;
    private final GraphView view;
    private final PanZoom panZoom;
    private final Rectangle band = new Rectangle();
    private final ConnectGesture connect;
    private Mode mode = Mode.NONE;
    private double pressX;
    private double pressY;
    private double lastX;
    private double lastY;
    private boolean dragged;
    private double movedX;
    private double movedY;
    private boolean spaceDown;
    private String pressedNode;
    private Set<String> bandBase = Set.of();

    CanvasGestures(GraphCanvas canvas, EditorModel model, GraphView view, PanZoom panZoom) {
        this.canvas = canvas;
        this.model = model;
        this.view = view;
        this.panZoom = panZoom;
        band.getStyleClass().add("rubber-band");
        band.setVisible(false);
        canvas.hud.getChildren().add(band);
        connect = new ConnectGesture(canvas, model, view, panZoom);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::clicked);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(ZoomEvent.ZOOM, e -> {
            panZoom.zoomAt(e.getZoomFactor(), e.getX(), e.getY());
            e.consume();
        });
        canvas.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        canvas.addEventHandler(KeyEvent.KEY_RELEASED, this::keyReleased);
        canvas.setOnDragOver(
                e -> { // a block dragged from the palette
                    if (e.getDragboard().hasContent(GraphCanvas.KIND_FORMAT)) {
                        e.acceptTransferModes(TransferMode.COPY);
                    }
                    e.consume();
                });
        canvas.setOnDragDropped(e -> {
            Object id = e.getDragboard().getContent(GraphCanvas.KIND_FORMAT);
            boolean ok = id instanceof String s && canvas.drop(s, e.getX(), e.getY()) != null;
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    Label hint() {
        return connect.hint();
    }

    private boolean inBlockView(MouseEvent e) {
        return canvas.openedBlock() != null;
    }

    // ---- mouse ---------------------------------------------------------------------------------

    private void pressed(MouseEvent e) {
        if (inBlockView(e)) {
            return;
        }
        canvas.requestFocus();
        pressX = lastX = e.getX();
        pressY = lastY = e.getY();
        dragged = false;
        movedX = 0;
        movedY = 0;
        pressedNode = null;
        if (e.getButton() == MouseButton.SECONDARY
                || e.getButton() == MouseButton.MIDDLE
                || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            mode = Mode.PAN;
            canvas.setCursor(Cursor.CLOSED_HAND);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Node picked = e.getPickResult().getIntersectedNode();
        NodeSkin.Port port = ancestor(picked, NodeSkin.Port.class);
        NodeSkin skin = ancestor(picked, NodeSkin.class);
        boolean toggle = e.isShiftDown() || e.isShortcutDown() || e.isControlDown();
        // zoomed far out on a large network the boxes are drawn without skins: ask the model
        String drawn = skin == null && view.lazySkins().overview()
                ? view.hits().nameAt(panZoom.toDoc(e.getX(), e.getY())).orElse(null)
                : null;
        if (port != null && port.isOutput()) {
            mode = Mode.CONNECT;
            connect.start(port.skin);
        } else if (skin != null || drawn != null) {
            canvas.selectEdge(null);
            String name = skin != null ? skin.name() : drawn;
            if (toggle) {
                if (!model.selection().remove(name)) {
                    model.selection().add(name);
                }
            } else if (!model.selection().contains(name)) {
                model.select(name);
            } else {
                pressedNode = name; // a click without drag will select only it
            }
            mode = model.selection().contains(name) ? Mode.MOVE : Mode.NONE;
        } else {
            Point2D doc = panZoom.toDoc(e.getX(), e.getY());
            Optional<EdgeSkin> edge = view.hits().edgeAt(doc, 6 / panZoom.zoom());
            if (edge.isPresent()) {
                model.selection().clear();
                canvas.selectEdge(edge.get().edge);
                mode = Mode.NONE;
            } else if (stageAt(picked) != null) {
                canvas.selectEdge(null); // a collapsed stage: its members move together
                model.select(stageAt(picked).stage.members().toArray(String[]::new));
                mode = Mode.MOVE;
            } else if (e.isShiftDown()) {
                // Shift+drag draws a selection band; with Ctrl (Cmd) too it adds to the selection
                canvas.selectEdge(null);
                boolean add = e.isShortcutDown() || e.isControlDown();
                bandBase = add ? new LinkedHashSet<>(model.selection()) : Set.of();
                if (!add) {
                    model.selection().clear();
                }
                mode = Mode.BAND;
            } else {
                mode = Mode.PAN_OR_CLICK; // drag pans; a click clears the selection
            }
        }
        e.consume();
    }

    private StageSkin stageAt(Node picked) {
        return ancestor(picked, StageSkin.class);
    }

    private void dragged(MouseEvent e) {
        if (mode == Mode.NONE) {
            return;
        }
        double dx = e.getX() - lastX;
        double dy = e.getY() - lastY;
        lastX = e.getX();
        lastY = e.getY();
        if (Math.abs(e.getX() - pressX) + Math.abs(e.getY() - pressY) > 2) {
            dragged = true;
        }
        switch (mode) {
            case PAN -> panZoom.panBy(dx, dy);
            case PAN_OR_CLICK -> {
                if (dragged) { // from the press on, the small start included
                    canvas.setCursor(Cursor.CLOSED_HAND);
                    panZoom.panBy(e.getX() - pressX - movedX, e.getY() - pressY - movedY);
                    movedX = e.getX() - pressX;
                    movedY = e.getY() - pressY;
                }
            }
            case MOVE -> {
                if (dragged) {
                    // move by what the pointer travelled since the press, minus what was applied already
                    double wantX = (e.getX() - pressX) / panZoom.zoom();
                    double wantY = (e.getY() - pressY) / panZoom.zoom();
                    if (wantX != movedX || wantY != movedY) {
                        model.moveSelection(wantX - movedX, wantY - movedY);
                        movedX = wantX;
                        movedY = wantY;
                    }
                }
            }
            case CONNECT -> connect.update(e.getX(), e.getY());
            case BAND -> updateBand(e.getX(), e.getY(), false);
            default -> {}
        }
        e.consume();
    }

    private void released(MouseEvent e) {
        switch (mode) {
            case PAN -> canvas.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
            case PAN_OR_CLICK -> {
                canvas.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
                if (!dragged) {
                    model.selection().clear();
                    canvas.selectEdge(null);
                }
            }
            case MOVE -> {
                model.endGesture();
                if (!dragged && pressedNode != null && !e.isShiftDown() && !e.isShortcutDown()) {
                    model.select(pressedNode);
                }
            }
            case CONNECT -> connect.finish(e.getX(), e.getY());
            case BAND -> updateBand(e.getX(), e.getY(), true);
            default -> {}
        }
        mode = Mode.NONE;
        e.consume();
    }

    private void clicked(MouseEvent e) {
        if (inBlockView(e) || e.getButton() != MouseButton.PRIMARY || e.getClickCount() != 2) {
            return;
        }
        StageSkin stage = stageAt(e.getPickResult().getIntersectedNode());
        if (stage != null) {
            canvas.toggleStage(stage.stage.id()); // double-click expands a collapsed stage
            e.consume();
            return;
        }
        NodeSkin skin = ancestor(e.getPickResult().getIntersectedNode(), NodeSkin.class);
        if (skin != null && skin.node().kind().composite()) {
            canvas.openBlock(skin.name());
            e.consume();
        }
    }

    private void scrolled(ScrollEvent e) {
        if (inBlockView(null)) {
            return;
        }
        if (e.getTouchCount() > 0 && !e.isControlDown()) {
            panZoom.panBy(e.getDeltaX(), e.getDeltaY()); // two-finger drag on a touch screen
        } else if (e.getDeltaY() != 0) {
            panZoom.zoomAt(Math.pow(1.004, e.getDeltaY()), e.getX(), e.getY());
        }
        e.consume();
    }

    // ---- rubber band ---------------------------------------------------------------------------

    private void updateBand(double x, double y, boolean done) {
        double minX = Math.min(pressX, x);
        double minY = Math.min(pressY, y);
        double w = Math.abs(x - pressX);
        double h = Math.abs(y - pressY);
        band.setX(minX);
        band.setY(minY);
        band.setWidth(w);
        band.setHeight(h);
        band.setVisible(!done && dragged);
        if (!dragged) {
            return;
        }
        Point2D a = panZoom.toDoc(minX, minY);
        Point2D b = panZoom.toDoc(minX + w, minY + h);
        Set<String> sel = new LinkedHashSet<>(bandBase);
        sel.addAll(view.hits().nodesIn(new BoundingBox(a.getX(), a.getY(), b.getX() - a.getX(), b.getY() - a.getY())));
        if (!sel.equals(model.selection())) {
            model.selection().retainAll(sel);
            model.selection().addAll(sel);
        }
    }

    // ---- keyboard ------------------------------------------------------------------------------

    private void keyPressed(KeyEvent e) {
        if (canvas.openedBlock() != null) {
            if (e.getCode() == KeyCode.ESCAPE) {
                canvas.closeBlock();
                e.consume();
            }
            return;
        }
        double step = e.isShiftDown() ? 1 : 10;
        switch (e.getCode()) {
            case SPACE -> {
                spaceDown = true;
                if (mode != Mode.PAN) {
                    canvas.setCursor(Cursor.OPEN_HAND);
                }
            }
            case PLUS, EQUALS, ADD -> canvas.zoomIn();
            case MINUS, SUBTRACT -> canvas.zoomOut();
            case DIGIT0, NUMPAD0 -> canvas.zoomReset();
            case LEFT -> model.moveSelection(-step, 0);
            case RIGHT -> model.moveSelection(step, 0);
            case UP -> model.moveSelection(0, -step);
            case DOWN -> model.moveSelection(0, step);
            case DELETE, BACK_SPACE -> {
                if (canvas.selectedEdge() != null) {
                    model.disconnect(canvas.selectedEdge());
                    canvas.selectEdge(null);
                } else {
                    model.deleteSelection();
                }
            }
            case ESCAPE -> {
                if (mode == Mode.CONNECT) {
                    connect.cancel();
                    mode = Mode.NONE;
                } else {
                    model.selection().clear();
                    canvas.selectEdge(null);
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }

    private void keyReleased(KeyEvent e) {
        switch (e.getCode()) {
            case SPACE -> {
                spaceDown = false;
                if (mode != Mode.PAN) {
                    canvas.setCursor(Cursor.DEFAULT);
                }
            }
            case LEFT, RIGHT, UP, DOWN -> model.endGesture(); // one nudge burst, one undo step
            default -> {
                return;
            }
        }
        e.consume();
    }

    private static <T> T ancestor(Node n, Class<T> type) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (type.isInstance(x)) {
                return type.cast(x);
            }
            if (x instanceof GraphCanvas) {
                return null;
            }
        }
        return null;
    }
}
