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
import javafx.scene.layout.Priority;
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
        spaces.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null; // not editable
            }
        });
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
        dataLabel.setTextOverrun(javafx.scene.control.OverrunStyle.LEADING_ELLIPSIS); // the folder's own name shows
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
        TableColumn<SearchViewModel.Row, String> choices =
                column("choices", r -> r.candidate().describe());
        table.getColumns().add(choices);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        double[] widths = {44, 84, 92, 84, 72}; // #, params, MACs, accuracy, status: never cut
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setMinWidth(widths[i]);
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        choices.setPrefWidth(2000); // the long column takes what the others leave
        VBox.setVgrow(table, Priority.ALWAYS);
        Label selected = new Label("Select a network to see all its choices.");
        selected.setId("selected-choices");
        selected.setWrapText(true);
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, a, r) -> selected.setText(
                        r == null
                                ? ""
                                : "#" + r.candidate().index() + ": "
                                        + r.candidate().describe()));
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
        HBox buttons = new HBox(8, openSelected, openBest);
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox results = new VBox(6, table, selected, buttons);
        results.setPadding(new Insets(0, 6, 6, 10));
        // the plots and the page share one tab pane beside the table: each gets the whole height
        ScrollPane page = new ScrollPane(new PageText(Pages.text(Pages.SEARCH)));
        page.setFitToWidth(true);
        Tab spaceTab = new Tab("Sampled", space);
        spaceTab.setId("tab-sampled");
        Tab accuracyTab = new Tab("Accuracy vs MACs", accuracy);
        accuracyTab.setId("tab-accuracy");
        Tab edfTab = new Tab("Error EDF", edf);
        edfTab.setId("tab-edf");
        Tab help = new Tab("What is this?", page);
        help.setId("tab-what");
        TabPane right = new TabPane(help, spaceTab, accuracyTab, edfTab);
        right.setId("search-plots");
        right.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        sample.addEventHandler(
                javafx.event.ActionEvent.ACTION, e -> right.getSelectionModel().select(spaceTab));
        search.addEventHandler(
                javafx.event.ActionEvent.ACTION, e -> right.getSelectionModel().select(accuracyTab));
        SplitPane split = new SplitPane(results, right);
        split.setDividerPositions(0.55);
        VBox top = new VBox(8, form, message);
        top.setPadding(new Insets(10));
        setTop(top);
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
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        // fits a 1280×720 projector: the table and the plots share the height
        stage.setScene(new Scene(
                new SearchView(vm, spaces, open),
                Math.min(1280, screen.getWidth()),
                Math.min(820, screen.getHeight() - 40)));
        stage.setOnHidden(e -> vm.shutdown());
        stage.show();
        return stage;
    }
}
