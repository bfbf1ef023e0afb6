package org.blockscope.app;

import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.blockscope.cli.Numbers;
import org.blockscope.cost.NetworkAnalysis;
import org.blockscope.cost.NodeStats;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;

/** The desktop app. For now: pick a template and read its summary table. */
public final class BlockscopeApp extends Application {

    public static void start(String[] args) {
        Application.launch(BlockscopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        ComboBox<Template> picker = new ComboBox<>(FXCollections.observableArrayList(Templates.all()));
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(Template t) {
                return t == null ? "" : t.title();
            }

            @Override
            public Template fromString(String s) {
                return null;
            }
        });
        TableView<NodeStats> table = new TableView<>();
        table.getColumns().add(column("Node", s -> s.name()));
        table.getColumns().add(column("Kind", NodeStats::kind));
        table.getColumns().add(column("Output shape", s -> s.output().toString()));
        table.getColumns().add(column("Params", s -> Numbers.grouped(s.cost().params())));
        table.getColumns().add(column("MACs", s -> Numbers.grouped(s.cost().macs())));
        table.getColumns().add(column("Receptive field", s -> Integer.toString(s.receptiveField().size())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label totals = new Label();
        picker.valueProperty().addListener((obs, old, t) -> {
            NetworkAnalysis a = NetworkAnalysis.of(t.graph());
            table.setItems(FXCollections.observableArrayList(a.nodeStats()));
            totals.setText("Params " + Numbers.grouped(a.total().params()) + "   ·   MACs "
                    + Numbers.grouped(a.total().macs()) + "   ·   activations " + Numbers.bytes(a.total().memoryBytes()));
        });
        picker.getSelectionModel().select(Templates.byId("resnet18").orElseThrow());
        HBox top = new HBox(12, new Label("Template:"), picker);
        top.setPadding(new Insets(8));
        BorderPane root = new BorderPane(table, top, null, totals, null);
        BorderPane.setMargin(totals, new Insets(8));
        stage.setTitle("Blockscope");
        stage.setScene(new Scene(root, 1000, 700));
        stage.show();
    }

    private static TableColumn<NodeStats, String> column(String title, java.util.function.Function<NodeStats, String> f) {
        TableColumn<NodeStats, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    @SuppressWarnings("unused")
    private static <T> ReadOnlyObjectWrapper<T> wrap(T t) {
        return new ReadOnlyObjectWrapper<>(t);
    }
}
