package org.blockscope.app.canvas;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.cost.Cost;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.Expander;

/**
 * A read-only view inside a named block or group: its primitive expansion for the shapes it
 * receives, laid out left to right, with the shapes and costs of the current analysis. Drag pans,
 * the wheel zooms; Close or Escape returns to the network.
 */
final class BlockOverlay extends BorderPane {

    private final Pane viewport = new Pane() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            if (!fitted && getWidth() > 0) {
                fitted = true;
                panZoom.fit(inner.contentBounds(), getWidth(), getHeight(), 32, 1.0);
            }
        }
    };
    private final Group content = new Group();
    private final GraphView inner = new GraphView();
    private final PanZoom panZoom = new PanZoom(content);
    private final String blockName;
    private boolean fitted;
    private double lastX;
    private double lastY;

    BlockOverlay(EditorModel model, String name, SkinGeometry geometry, Runnable close) {
        this.blockName = name;
        getStyleClass().add("block-overlay");
        Node node = model.graph().node(name);
        Label title = new Label("Inside '" + name + "' · " + node.kind().displayName() + " " + NodeText.keyParams(node)
                + "   (read-only; Esc closes)");
        title.getStyleClass().add("block-overlay-title");
        Button closeButton = new Button("Close");
        closeButton.setId("close-block");
        closeButton.setOnAction(e -> close.run());
        closeButton.setFocusTraversable(false);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, title, spacer, closeButton);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("block-overlay-bar");
        setTop(bar);

        inner.setGeometry(geometry);
        content.getChildren().add(inner);
        content.setManaged(false);
        viewport.getChildren().add(content);
        viewport.getStyleClass().add("block-overlay-viewport");
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(viewport.widthProperty());
        clip.heightProperty().bind(viewport.heightProperty());
        viewport.setClip(clip);
        setCenter(viewport);

        List<Shape> inputs = model.inputShapes(name);
        if (inputs == null) {
            Label why = new Label("Connect '" + name + "' first: its inside depends on the shape it receives.");
            why.getStyleClass().add("block-overlay-message");
            setCenter(why);
            return;
        }
        Subgraph sub = Expander.expansionOf(node, inputs);
        Graph laid = place(sub.graph(), geometry);
        inner.show(laid, annotate(model.analysis(), name, laid, inputs), Set.of(sub.output()), null);

        viewport.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = e.getX();
            lastY = e.getY();
            e.consume();
        });
        viewport.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            panZoom.panBy(e.getX() - lastX, e.getY() - lastY);
            lastX = e.getX();
            lastY = e.getY();
            e.consume();
        });
        viewport.addEventHandler(ScrollEvent.SCROLL, e -> {
            panZoom.zoomAt(Math.pow(1.004, e.getDeltaY()), e.getX(), e.getY());
            e.consume();
        });
    }

    String blockName() {
        return blockName;
    }

    GraphView inner() {
        return inner;
    }

    private static Graph place(Graph g, SkinGeometry geometry) {
        Map<String, org.blockscope.graph.Position> pos = AutoLayout.positions(g, geometry);
        Graph r = g;
        for (Node n : g.nodes()) {
            r = r.withReplaced(n.withPosition(pos.get(n.name())));
        }
        return r;
    }

    /** Stats of the inner nodes from the network's analysis: primitives are named {@code block/inner[/...]}. */
    private static Annotations annotate(NetworkAnalysis a, String block, Graph g, List<Shape> inputs) {
        Map<String, NodeStats> stats = new HashMap<>();
        for (Node n : g.nodes()) {
            if (n.kind() == Structural.PORT) {
                int i = n.params().getInt("index");
                if (i < inputs.size()) {
                    stats.put(n.name(), new NodeStats(n.name(), "Port", inputs.get(i), Cost.ZERO, null));
                }
                continue;
            }
            String path = block + "/" + n.name();
            Cost cost = Cost.ZERO;
            Shape out = null;
            for (PrimitiveNode p : a.expanded().nodes()) {
                if (p.path().equals(path) || p.path().startsWith(path + "/")) {
                    cost = cost.plus(a.primitive(p.path()).map(NodeStats::cost).orElse(Cost.ZERO));
                    out = p.output();
                }
            }
            if (out != null) {
                stats.put(n.name(), new NodeStats(n.name(), n.kind().displayName(), out, cost, null));
            }
        }
        return new Annotations(stats, Map.of());
    }
}
