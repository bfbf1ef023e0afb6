package org.blockscope.app.canvas;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.shape.QuadCurveTo;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import org.blockscope.app.diagram.EdgeRole;
import org.blockscope.app.diagram.Point;
import org.blockscope.app.diagram.Route;
import org.blockscope.graph.Edge;

/**
 * One edge: its route ({@link org.blockscope.app.diagram.Router}) drawn as straight runs with
 * rounded corners in its role's colour, and a small label with the shape of the tensor it carries
 * beside its longest run. The label lives in its own layer so all labels can be hidden at once.
 */
final class EdgeSkin {

    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    final Edge edge;
    final Path curve = new Path();
    final Text label = new Text();
    private final javafx.beans.property.ObjectProperty<Font> labelFont =
            new javafx.beans.property.SimpleObjectProperty<>(Font.getDefault());
    private Route route;
    private EdgeRole role;

    EdgeSkin(Edge edge) {
        this.edge = edge;
        curve.getStyleClass().add("edge");
        curve.setFill(null);
        curve.setMouseTransparent(true);
        label.getStyleClass().add("edge-label");
        label.setMouseTransparent(true);
        label.setTextOrigin(VPos.CENTER);
        label.setManaged(false);
        label.layoutBoundsProperty().addListener((o, a, b) -> placeLabel());
    }

    Route route() {
        return route;
    }

    /** Shows {@code r} (null: the edge is hidden, e.g. inside a collapsed stage). */
    void setRoute(Route r) {
        curve.setVisible(r != null);
        if (r == null) {
            route = null;
            label.setVisible(false);
            return;
        }
        if (r.equals(route)) {
            return;
        }
        route = r;
        if (r.role() != role) {
            if (role != null) {
                curve.getStyleClass().remove(role.styleClass());
            }
            role = r.role();
            curve.getStyleClass().add(role.styleClass());
        }
        curve.getElements().setAll(elements(r));
        placeLabel();
    }

    /** The path elements of a route (also the drag preview's). */
    static List<PathElement> elements(Route r) {
        return r.steps().stream()
                .map(s -> (PathElement)
                        switch (s.kind()) {
                            case MOVE -> new MoveTo(s.x(), s.y());
                            case LINE -> new LineTo(s.x(), s.y());
                            case CURVE -> new QuadCurveTo(s.cx(), s.cy(), s.x(), s.y());
                        })
                .toList();
    }

    /** Label font in document units; hidden when its text would not fit beside the route. */
    void setLabelFont(double size) {
        Font f = Font.font(label.getFont().getFamily(), size);
        if (!f.equals(label.getFont())) {
            labelFont.set(f);
        }
        if (!label.fontProperty().isBound()) {
            label.fontProperty().bind(labelFont); // bound: a style sheet pass cannot reset it
        }
    }

    private void placeLabel() {
        if (route == null) {
            return;
        }
        Point m = route.labelAnchor();
        double w = label.getLayoutBounds().getWidth();
        double h = label.getLayoutBounds().getHeight();
        boolean vertical = route.labelOnVertical();
        boolean room = route.longestSegment() >= (vertical ? h : w) + 6;
        label.setVisible(room);
        label.setLayoutX(vertical ? m.x() + 5 : m.x() - w / 2);
        label.setLayoutY(vertical ? m.y() : m.y() - h / 2 - 1);
    }

    /** Distance from a document point to the route. */
    double distanceTo(javafx.geometry.Point2D p) {
        return route == null ? Double.MAX_VALUE : route.distanceTo(new Point(p.getX(), p.getY()));
    }

    void setShapeText(String text) {
        if (!text.equals(label.getText())) {
            label.setText(text);
        }
    }

    void setSelected(boolean selected) {
        curve.pseudoClassStateChanged(SELECTED, selected);
        label.pseudoClassStateChanged(SELECTED, selected);
    }
}
