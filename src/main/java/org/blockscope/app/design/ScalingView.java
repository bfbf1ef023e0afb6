package org.blockscope.app.design;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.blockscope.design.Pages;
import org.blockscope.graph.Graph;

/**
 * The compound-scaling tool: drag φ (or set depth, width and resolution) and watch the scaled
 * network's parameters and MACs next to the original's; open the scaled network as a document.
 */
public final class ScalingView extends BorderPane {

    private final ScalingViewModel vm;
    private final Slider phi = new Slider(-2, 4, 1);
    private final TableView<ScalingViewModel.Row> table = new TableView<>();

    public ScalingView(ScalingViewModel vm, Consumer<Graph> open) {
        this.vm = vm;
        getStyleClass().add("scaling-view");
        RadioButton compound = new RadioButton("Compound: φ");
        RadioButton manual = new RadioButton("By hand");
        ToggleGroup mode = new ToggleGroup();
        compound.setToggleGroup(mode);
        manual.setToggleGroup(mode);
        compound.setSelected(vm.compoundProperty().get());
        manual.setSelected(!vm.compoundProperty().get());
        compound.selectedProperty()
                .addListener((o, a, b) -> vm.compoundProperty().set(b));
        phi.setId("phi");
        phi.setShowTickLabels(true);
        phi.setShowTickMarks(true);
        phi.setMajorTickUnit(1);
        phi.setPrefWidth(260);
        phi.valueProperty().bindBidirectional(vm.phiProperty());
        phi.disableProperty().bind(manual.selectedProperty());
        Label phiValue = new Label();
        phiValue.textProperty().bind(vm.phiProperty().asString("φ = %.2f"));
        GridPane factors = new GridPane();
        factors.setHgap(8);
        factors.setVgap(4);
        factors.addRow(0, new Label("depth ×"), spinner(vm.depthProperty(), manual), new Label("(α^φ, α = 1.2)"));
        factors.addRow(1, new Label("width ×"), spinner(vm.widthProperty(), manual), new Label("(β^φ, β = 1.1)"));
        factors.addRow(
                2, new Label("resolution ×"), spinner(vm.resolutionProperty(), manual), new Label("(γ^φ, γ = 1.15)"));
        table.getColumns().add(column("", ScalingViewModel.Row::label));
        table.getColumns().add(column("original", ScalingViewModel.Row::original));
        table.getColumns().add(column("scaled", ScalingViewModel.Row::scaled));
        table.getColumns().add(column("ratio", ScalingViewModel.Row::ratio));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(190);
        vm.rowsProperty().addListener((o, a, b) -> table.getItems().setAll(b));
        Label growth = new Label();
        growth.textProperty().bind(vm.growthProperty());
        growth.setWrapText(true);
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("message");
        Button openScaled = new Button("Open the scaled network");
        openScaled.setId("open-scaled");
        openScaled.setOnAction(e -> {
            if (vm.scaled() != null) {
                open.accept(vm.scaled());
            }
        });
        VBox left = new VBox(
                10,
                new Label("Scaling " + vm.title()),
                new HBox(8, compound, phi, phiValue),
                manual,
                factors,
                table,
                growth,
                message,
                openScaled);
        left.setPadding(new Insets(10));
        ((HBox) left.getChildren().get(1)).setAlignment(Pos.CENTER_LEFT);
        ScrollPane page = new ScrollPane(new PageText(Pages.text(Pages.SCALING)));
        page.setFitToWidth(true);
        SplitPane split = new SplitPane(left, page);
        split.setDividerPositions(0.58);
        setCenter(split);
    }

    public Slider phiSlider() {
        return phi;
    }

    public TableView<ScalingViewModel.Row> table() {
        return table;
    }

    private static Spinner<Double> spinner(javafx.beans.property.DoubleProperty p, RadioButton manual) {
        Spinner<Double> s = new Spinner<>(0.1, 10, p.get(), 0.05);
        s.setEditable(true);
        s.setPrefWidth(100);
        s.disableProperty().bind(manual.selectedProperty().not());
        p.addListener((o, a, b) -> {
            if (Math.abs(s.getValue() - b.doubleValue()) > 1e-12) {
                s.getValueFactory().setValue(b.doubleValue());
            }
        });
        s.valueProperty().addListener((o, a, b) -> {
            if (manual.isSelected() && b != null) {
                p.set(b);
            }
        });
        return s;
    }

    private static TableColumn<ScalingViewModel.Row, String> column(
            String title, java.util.function.Function<ScalingViewModel.Row, String> f) {
        TableColumn<ScalingViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Opens the tool in its own window for {@code base}; {@code open} opens a network as a new document. */
    public static Stage show(Window owner, Graph base, String title, Consumer<Graph> open) {
        ScalingViewModel vm = new ScalingViewModel(base, title, Platform::runLater);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compound scaling — " + title);
        stage.setScene(new Scene(new ScalingView(vm, open), 980, 620));
        stage.setOnHidden(e -> vm.shutdown());
        stage.show();
        return stage;
    }
}
