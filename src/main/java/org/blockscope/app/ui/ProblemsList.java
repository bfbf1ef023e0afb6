package org.blockscope.app.ui;

import java.util.function.Consumer;
import javafx.collections.FXCollections;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Shape;
import org.blockscope.app.model.EditorModel;
import org.blockscope.graph.Diagnostic;

/** The diagnostics of the network; clicking one selects its block and brings it into view. */
public final class ProblemsList extends ListView<Diagnostic> {

    public ProblemsList(EditorModel model, Consumer<String> reveal) {
        setId("problems");
        setPlaceholder(new Label("No problems: every shape fits."));
        setCellFactory(v -> new ProblemCell());
        model.analysisProperty().addListener((o, a, n) -> setItems(FXCollections.observableArrayList(n.diagnostics())));
        setItems(FXCollections.observableArrayList(model.analysis().diagnostics()));
        getSelectionModel().selectedItemProperty().addListener((o, a, d) -> {
            if (d != null && d.node() != null && model.graph().contains(d.node())) {
                model.select(d.node());
                reveal.accept(d.node());
            }
        });
    }

    static Shape icon(Diagnostic d) {
        if (d.isError()) {
            Circle c = new Circle(6, Color.web("#d32f2f"));
            c.getStyleClass().add("severity-error");
            return c;
        }
        Polygon p = new Polygon(6, 0, 12, 11, 0, 11);
        p.setFill(Color.web("#f9a825"));
        p.getStyleClass().add("severity-warning");
        return p;
    }

    private static final class ProblemCell extends ListCell<Diagnostic> {
        @Override
        protected void updateItem(Diagnostic d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Label node = new Label(d.node() == null ? "network" : d.node());
            node.getStyleClass().add("problem-node");
            Label msg = new Label(d.message());
            msg.getStyleClass().add("problem-message");
            HBox box = new HBox(8, icon(d), node, msg);
            box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            setGraphic(box);
            setText(null);
        }
    }
}
