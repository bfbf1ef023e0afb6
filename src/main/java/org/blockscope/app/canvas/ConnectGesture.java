package org.blockscope.app.canvas;

import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.shape.Path;
import javafx.util.Duration;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.EdgeRole;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.Router;
import org.blockscope.app.model.EditorModel;

/**
 * Dragging from an output port to an input port: a preview curve, the target port marked valid or
 * invalid, and a hint saying what would happen or why not (the model decides). A refusal stays
 * readable for a moment after the release.
 */
final class ConnectGesture {

    static final PseudoClass VALID = PseudoClass.getPseudoClass("valid");
    static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    /** Where a connection drag would land: a node and one of its input ports, and why not (if refused). */
    private record Target(NodeSkin.Port port, Optional<String> refusal) {}

    private final GraphCanvas canvas;
    private final EditorModel model;
    private final GraphView view;
    private final PanZoom panZoom;
    private final Label hint = new Label();
    private final Path preview = new Path();
    private final PauseTransition hideHint = new PauseTransition(Duration.seconds(2.5));
    private NodeSkin from;
    private Target target;

    ConnectGesture(GraphCanvas canvas, EditorModel model, GraphView view, PanZoom panZoom) {
        this.canvas = canvas;
        this.model = model;
        this.view = view;
        this.panZoom = panZoom;
        hint.getStyleClass().add("connect-hint");
        hint.setId("connect-hint");
        hint.setVisible(false);
        hint.setManaged(false);
        preview.getStyleClass().add("edge-preview");
        preview.setFill(null);
        preview.setVisible(false);
        canvas.hud.getChildren().add(hint);
        canvas.docOverlay.getChildren().add(preview);
        hideHint.setOnFinished(e -> hint.setVisible(false));
    }

    Label hint() {
        return hint;
    }

    Path preview() {
        return preview;
    }

    void start(NodeSkin source) {
        from = source;
        target = null;
        hideHint.stop();
        hint.setVisible(false);
        Point2D a = view.outputPoint(source);
        draw(a, a, null);
        preview.pseudoClassStateChanged(VALID, false);
        preview.pseudoClassStateChanged(INVALID, false);
        preview.setVisible(true);
    }

    /** The input port under the cursor, or the first free port of the node under it. */
    private Optional<NodeSkin.Port> targetAt(Point2D doc) {
        Optional<NodeSkin.Port> port = view.hits().inputPortAt(doc, 12 / panZoom.zoom());
        if (port.isPresent()) {
            return port;
        }
        return view.hits().nodeAt(doc).flatMap(s -> {
            if (s.inputPorts().isEmpty()) {
                return Optional.of(new NodeSkin.Port(s, 0)); // no ports: let the model say why
            }
            int free = model.freePort(s.name());
            return Optional.of(s.inputPorts().get(Math.min(free, s.inputPorts().size() - 1)));
        });
    }

    void update(double x, double y) {
        Point2D doc = panZoom.toDoc(x, y);
        Point2D a = view.outputPoint(from);
        Optional<NodeSkin.Port> port = targetAt(doc);
        Target t = port.map(p -> new Target(p, model.whyNotConnect(from.name(), p.skin.name(), p.index)))
                .orElse(null);
        Point2D end = port.filter(p -> p.getParent() != null)
                .map(p -> view.inputPoint(p.skin, p.index))
                .orElse(doc);
        draw(
                a,
                end,
                port.filter(p -> p.getParent() != null).map(p -> p.skin.name()).orElse(null));
        if (!sameTarget(t, target)) {
            mark(target, false);
            target = t;
            mark(target, true);
        }
        boolean valid = t != null && t.refusal().isEmpty();
        preview.pseudoClassStateChanged(VALID, valid);
        preview.pseudoClassStateChanged(INVALID, t != null && !valid);
        if (t == null) {
            hint.setVisible(false);
        } else {
            showHint(
                    t.refusal()
                            .map(r -> "✗ " + r)
                            .orElse("✓ connect to '" + t.port().skin.name() + "' port " + t.port().index),
                    !valid,
                    x,
                    y);
        }
    }

    /**
     * The preview follows the edges' own rule: routed around the boxes when it ends on a port, the
     * plain shape of a route when it follows the pointer.
     */
    private void draw(Point2D a, Point2D b, String target) {
        java.util.List<Box> obstacles = new java.util.ArrayList<>();
        if (target != null) {
            double reach = 2000; // the preview's route passes near its ends
            javafx.geometry.Bounds around = new javafx.geometry.BoundingBox(
                    Math.min(a.getX(), b.getX()) - reach,
                    Math.min(a.getY(), b.getY()) - reach,
                    Math.abs(a.getX() - b.getX()) + 2 * reach,
                    Math.abs(a.getY() - b.getY()) + 2 * reach);
            view.shownBoxesNear(around).forEach((name, box) -> {
                if (!name.equals(from.name()) && !name.equals(target)) {
                    obstacles.add(box);
                }
            });
        }
        preview.getElements()
                .setAll(EdgeSkin.elements(Router.single(
                        new Point(a.getX(), a.getY()),
                        new Point(b.getX(), b.getY()),
                        obstacles,
                        view.geometry().direction(),
                        EdgeRole.MAIN)));
    }

    void finish(double x, double y) {
        update(x, y);
        preview.setVisible(false);
        mark(target, false);
        Target t = target;
        target = null;
        if (t == null) {
            hint.setVisible(false);
            return;
        }
        Optional<String> refused = model.connect(from.name(), t.port().skin.name(), t.port().index);
        if (refused.isPresent()) {
            showHint("✗ " + refused.get(), true, x, y); // keep the reason readable for a moment
            hideHint.playFromStart();
        } else {
            hint.setVisible(false);
        }
    }

    void cancel() {
        preview.setVisible(false);
        mark(target, false);
        target = null;
        hint.setVisible(false);
    }

    private static boolean sameTarget(Target a, Target b) {
        return a == null
                ? b == null
                : b != null && a.port() == b.port() && a.refusal().equals(b.refusal());
    }

    private void mark(Target t, boolean on) {
        if (t != null) {
            boolean valid = t.refusal().isEmpty();
            t.port().pseudoClassStateChanged(VALID, on && valid);
            t.port().pseudoClassStateChanged(INVALID, on && !valid);
        }
    }

    private void showHint(String text, boolean invalid, double x, double y) {
        hint.setText(text);
        hint.pseudoClassStateChanged(VALID, !invalid);
        hint.pseudoClassStateChanged(INVALID, invalid);
        hint.setVisible(true);
        hint.autosize();
        double w = hint.getWidth();
        double hx = Math.min(x + 16, canvas.getWidth() - w - 4);
        hint.relocate(Math.max(4, hx), y + 18);
    }
}
