package org.blockscope.app.design;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.blockscope.design.Pages;
import org.blockscope.graph.Graph;

/**
 * The design-space explorer and search: choose a space and a budget, draw networks (table and
 * scatter), train them on a data folder in the background (live table, accuracy vs MACs, error
 * EDF), and open any of them, or the best, as a document.
 */
public final class SearchView extends BorderPane {

    private final SearchViewModel vm;
    private final TableView<SearchViewModel.Row> table = new TableView<>();
    private final PlotView space = new PlotView();
    private final PlotView accuracy = new PlotView();
    private final PlotView edf = new PlotView();

    public SearchView(SearchViewModel vm, List<Path> bundledSpaces, Consumer<Graph> open) {
        this.vm = vm;
        getStyleClass().add("search-view");
        RadioButton fromFile = new RadioButton("Space file");
        RadioButton fromCurrent = new RadioButton("The current network (repeats, width, SE, kernels free)");
        ToggleGroup which = new ToggleGroup();
        fromFile.setToggleGroup(which);
        fromCurrent.setToggleGroup(which);
        fromFile.setSelected(!vm.aroundCurrentProperty().get());
        fromCurrent.selectedProperty().bindBidirectional(vm.aroundCurrentProperty());
        ComboBox<Path> spaces = new ComboBox<>(FXCollections.observableArrayList(bundledSpaces));
        spaces.valueProperty().bindBidirectional(vm.spaceFileProperty());
        spaces.setPrefWidth(220);
        Button chooseSpace = new Button("Choose…");
        chooseSpace.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Design space", "*.json"));
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                spaces.getItems().add(f.toPath());
                vm.spaceFileProperty().set(f.toPath());
            }
        });
        TextField macs = new TextField();
        macs.textProperty().bindBidirectional(vm.budgetMacsProperty());
        macs.setPrefColumnCount(7);
        TextField params = new TextField();
        params.textProperty().bindBidirectional(vm.budgetParamsProperty());
        params.setPrefColumnCount(7);
        params.setPromptText("no limit");
        Spinner<Integer> samples = intSpinner(1, 500, vm.samplesProperty());
        Spinner<Integer> seed = intSpinner(0, 1_000_000, vm.seedProperty());
        Button sample = new Button("Draw networks");
        sample.setId("sample");
        sample.setOnAction(e -> vm.sample());
        Label dataLabel = new Label();
        dataLabel.textProperty().bind(vm.dataProperty().asString());
        Button chooseData = new Button("Data folder…");
        chooseData.setOnAction(e -> {
            File f = new DirectoryChooser()
                    .showDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.dataProperty().set(f.toPath());
            }
        });
        Spinner<Integer> epochs = intSpinner(1, 100, vm.epochsProperty());
        TextField lr = new TextField();
        lr.setPrefColumnCount(6);
        lr.setText(Double.toString(vm.lrProperty().get()));
        lr.textProperty().addListener((o, a, b) -> {
            try {
                vm.lrProperty().set(Double.parseDouble(b));
            } catch (NumberFormatException ignored) {
                // keep the last valid value until the text parses
            }
        });
        Button search = new Button("Search: train each");
        search.setId("search");
        search.setOnAction(e -> vm.search());
        Button stop = new Button("Stop");
        stop.setOnAction(e -> vm.cancel());
        search.disableProperty().bind(vm.runningProperty());
        sample.disableProperty().bind(vm.runningProperty());
        stop.disableProperty().bind(vm.runningProperty().not());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, fromFile, new HBox(6, spaces, chooseSpace));
        form.add(fromCurrent, 0, 1, 2, 1);
        form.addRow(2, new Label("Budget: MACs ≤"), new HBox(6, macs, new Label("params ≤"), params));
        form.addRow(3, new Label("Networks"), new HBox(6, samples, new Label("seed"), seed, sample));
        form.addRow(4, chooseData, dataLabel);
        form.addRow(5, new Label("Epochs each"), new HBox(6, epochs, new Label("Adam lr"), lr, search, stop));
        Label message = new Label();
        message.textProperty().bind(vm.messageProperty());
        message.setWrapText(true);
        message.getStyleClass().add("message");
        table.setItems(vm.rows());
        table.getColumns().add(column("#", r -> Integer.toString(r.candidate().index())));
        table.getColumns().add(column("params", SearchViewModel.Row::params));
        table.getColumns().add(column("MACs", SearchViewModel.Row::macs));
        table.getColumns().add(column("accuracy", SearchViewModel.Row::accuracyText));
        table.getColumns().add(column("status", SearchViewModel.Row::status));
        table.getColumns().add(column("choices", r -> r.candidate().describe()));
        table.setPrefHeight(240);
        Button openSelected = new Button("Open selected");
        openSelected.setOnAction(e -> {
            SearchViewModel.Row r = table.getSelectionModel().getSelectedItem();
            if (r != null) {
                open.accept(r.candidate().graph());
            }
        });
        openSelected
                .disableProperty()
                .bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button openBest = new Button("Open the best");
        openBest.setId("open-best");
        openBest.setOnAction(
                e -> vm.best().ifPresent(t -> open.accept(t.candidate().graph())));
        vm.spacePlotProperty().addListener((o, a, b) -> space.show(b));
        vm.accuracyPlotProperty().addListener((o, a, b) -> accuracy.show(b));
        vm.edfPlotProperty().addListener((o, a, b) -> edf.show(b));
        HBox plots = new HBox(6, space, accuracy, edf);
        VBox left = new VBox(8, form, message, table, new HBox(8, openSelected, openBest), plots);
        left.setPadding(new Insets(10));
        ((HBox) left.getChildren().get(3)).setAlignment(Pos.CENTER_LEFT);
        ScrollPane page = new ScrollPane(new PageText(Pages.text(Pages.SEARCH)));
        page.setFitToWidth(true);
        TabPane right = new TabPane(new Tab("What is this?", page));
        right.getTabs().forEach(t -> t.setClosable(false));
        SplitPane split = new SplitPane(new ScrollPane(left), right);
        split.setDividerPositions(0.72);
        setCenter(split);
    }

    public TableView<SearchViewModel.Row> table() {
        return table;
    }

    public SearchViewModel viewModel() {
        return vm;
    }

    private static Spinner<Integer> intSpinner(int min, int max, javafx.beans.property.IntegerProperty p) {
        Spinner<Integer> s = new Spinner<>(min, max, p.get());
        s.setEditable(true);
        s.setPrefWidth(90);
        s.valueProperty().addListener((o, a, b) -> p.set(b));
        return s;
    }

    private static TableColumn<SearchViewModel.Row, String> column(
            String title, Function<SearchViewModel.Row, String> f) {
        TableColumn<SearchViewModel.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    /** The bundled spaces ({@code sample-images/spaces/*.json}), sorted. */
    static List<Path> bundled(Path samples) {
        Path dir = samples.resolve("spaces");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    /** Opens the tool in its own window; {@code open} opens a network as a new document. */
    public static Stage show(Window owner, Graph current, Path samples, Consumer<Graph> open) {
        List<Path> spaces = bundled(samples);
        SearchViewModel vm = new SearchViewModel(
                current, spaces.isEmpty() ? null : spaces.get(0), samples.resolve("digits"), Platform::runLater);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Design spaces and search");
        stage.setScene(new Scene(new SearchView(vm, spaces, open), 1280, 820));
        stage.setOnHidden(e -> vm.shutdown());
        stage.show();
        return stage;
    }
}
