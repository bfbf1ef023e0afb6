package org.blockscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.InspectorModel;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.ParamSpec;
import org.controlsfx.control.PropertySheet;

/**
 * The right-hand inspector: a property sheet for the selected block (name, then one typed editor
 * per parameter), the count for a multi-selection, the network totals when nothing is selected.
 */
public final class Inspector extends VBox {

    private final EditorModel model;
    private final Label headline = new Label();
    private final Label refusal = new Label();
    private final PropertySheet sheet = new PropertySheet();
    private final GridPane totals = new GridPane();
    private final List<ParamItem> items = new ArrayList<>();
    private String shownNode;
    private Node shownState;

    public Inspector(EditorModel model) {
        this.model = model;
        getStyleClass().add("inspector");
        setId("inspector");
        headline.getStyleClass().add("panel-title");
        headline.setId("inspector-title");
        refusal.getStyleClass().add("refusal");
        refusal.setId("inspector-refusal");
        refusal.setWrapText(true);
        refusal.managedProperty().bind(refusal.textProperty().isNotEmpty());
        refusal.visibleProperty().bind(refusal.managedProperty());
        sheet.setModeSwitcherVisible(false);
        sheet.setSearchBoxVisible(false);
        sheet.setMode(PropertySheet.Mode.NAME);
        sheet.setPropertyEditorFactory(new ParamEditors());
        sheet.setId("property-sheet");
        totals.getStyleClass().add("totals");
        totals.setHgap(12);
        totals.setVgap(4);
        totals.setPadding(new Insets(4, 8, 4, 8));
        totals.setMinHeight(Region.USE_PREF_SIZE);
        VBox.setVgrow(sheet, Priority.ALWAYS);
        setSpacing(6);
        setPadding(new Insets(6));
        getChildren().addAll(headline, refusal, sheet, totals);
        model.selection().addListener((SetChangeListener<String>) c -> refresh());
        model.graphProperty().addListener((o, a, g) -> {
            refusal.setText(""); // a refusal never changes the graph: any change makes it stale
            refresh();
        });
        model.analysisProperty().addListener((o, a, n) -> refreshTotals());
        refresh();
    }

    private void refresh() {
        Graph g = model.graph();
        InspectorModel.Mode mode = InspectorModel.mode(model.selection(), g);
        headline.setText(InspectorModel.headline(model.selection(), g));
        boolean node = mode == InspectorModel.Mode.NODE;
        sheet.setVisible(node);
        sheet.setManaged(node);
        totals.setVisible(mode == InspectorModel.Mode.NETWORK);
        totals.setManaged(mode == InspectorModel.Mode.NETWORK);
        if (!node) {
            shownNode = null;
            shownState = null;
            items.clear();
            sheet.getItems().clear();
            refusal.setText("");
            refreshTotals();
            return;
        }
        String name = model.selection().stream().filter(g::contains).findFirst().orElseThrow();
        Node n = g.node(name);
        if (name.equals(shownNode) && shownState != null && shownState.kind() == n.kind()) {
            items.forEach(ParamItem::refresh); // same block: values follow (undo, redo)
        } else {
            refusal.setText("");
            rebuild(n);
        }
        shownNode = name;
        shownState = n;
    }

    private void rebuild(Node n) {
        items.clear();
        items.add(new ParamItem(model, n.name(), null, refusal::setText));
        for (ParamSpec s : n.kind().specs()) {
            items.add(new ParamItem(model, n.name(), s, refusal::setText));
        }
        sheet.getItems().setAll(items);
    }

    private void refreshTotals() {
        if (!totals.isVisible()) {
            return;
        }
        totals.getChildren().clear();
        int row = 0;
        for (InspectorModel.Row r : InspectorModel.totals(model.graph(), model.analysis())) {
            Label k = new Label(r.label());
            k.getStyleClass().add("totals-label");
            k.setMinWidth(Region.USE_PREF_SIZE); // a label is never cut; a long value wraps at its spaces instead
            Label v = new Label(r.value());
            v.getStyleClass().add("totals-value");
            v.setWrapText(true);
            v.setMinHeight(Region.USE_PREF_SIZE); // the row grows to the wrapped lines
            totals.addRow(row++, k, v);
        }
    }

    public Label refusalLabel() {
        return refusal;
    }
}
