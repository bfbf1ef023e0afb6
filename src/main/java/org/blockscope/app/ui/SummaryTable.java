package org.blockscope.app.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.blockscope.analysis.NodeStats;
import org.blockscope.analysis.Numbers;
import org.blockscope.analysis.SummaryReport;
import org.blockscope.app.model.EditorModel;
import org.blockscope.cost.Cost;

/**
 * The summary table, with the CLI's columns and rows ({@link SummaryReport#rows()}) and a totals
 * row. Clicking a row selects its block.
 */
public final class SummaryTable extends TableView<SummaryTable.Row> {

    /** One line; {@code node} is null for the totals row. */
    public record Row(String node, String kind, String shape, String params, String macs, String rf) {}

    public SummaryTable(EditorModel model, Consumer<String> reveal) {
        setId("summary-table");
        getColumns().add(column("Node", Row::node, false));
        getColumns().add(column("Kind", Row::kind, false));
        getColumns().add(column("Output shape", Row::shape, true));
        getColumns().add(column("Params", Row::params, true));
        getColumns().add(column("MACs", Row::macs, true));
        getColumns().add(column("RF", Row::rf, true));
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setPlaceholder(new javafx.scene.control.Label("Add blocks to see their shapes and costs"));
        setRowFactory(t -> {
            TableRow<Row> r = new TableRow<>() {
                @Override
                protected void updateItem(Row item, boolean empty) {
                    super.updateItem(item, empty);
                    pseudoClassStateChanged(
                            javafx.css.PseudoClass.getPseudoClass("totals"),
                            !empty && item != null && item.node() == null);
                }
            };
            r.setOnMouseClicked(e -> {
                if (!r.isEmpty()
                        && r.getItem().node() != null
                        && model.graph().contains(r.getItem().node())) {
                    model.select(r.getItem().node());
                    reveal.accept(r.getItem().node());
                }
            });
            return r;
        });
        model.analysisProperty().addListener((o, a, n) -> setItems(FXCollections.observableArrayList(rows(model))));
        setItems(FXCollections.observableArrayList(rows(model)));
    }

    static List<Row> rows(EditorModel model) {
        List<Row> rows = new ArrayList<>();
        for (NodeStats s : new SummaryReport("", model.analysis(), false).rows()) {
            rows.add(new Row(
                    s.name(),
                    s.kind(),
                    s.output().toString(),
                    Numbers.grouped(s.cost().params()),
                    Numbers.grouped(s.cost().macs()),
                    s.receptiveField().size() + "/" + s.receptiveField().jump()));
        }
        if (!rows.isEmpty()) {
            Cost t = model.analysis().total();
            rows.add(new Row(null, "Total", "", Numbers.grouped(t.params()), Numbers.grouped(t.macs()), ""));
        }
        return rows;
    }

    private static TableColumn<Row, String> column(String title, Function<Row, String> f, boolean right) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(
                cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue()) == null ? "Total" : f.apply(cd.getValue())));
        c.setSortable(false);
        if (right) {
            c.setCellFactory(col -> new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                    setAlignment(Pos.CENTER_RIGHT);
                }
            });
        }
        return c;
    }
}
