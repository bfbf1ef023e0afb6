package org.blockscope.app.ui;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.Explanations;
import org.blockscope.app.model.FileSession;
import org.blockscope.app.model.Lessons;
import org.blockscope.app.model.Placement;
import org.blockscope.block.BlockKind;
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;

/**
 * The editor window: palette, canvas, inspector with explanation, summary and problems, status
 * bar, menus and toolbar. It only assembles and binds; decisions live in the view-models.
 */
public final class MainWindow {

    public static final String PRESENTER_CLASS = "presenter";
    static final Duration AUTOSAVE_EVERY = Duration.seconds(5);

    private final Stage stage;
    private final EditorModel model;
    private final FileSession session;
    private final CanvasView canvas;
    private final FileCommands files;
    private final Actions actions;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockscope-io");
        t.setDaemon(true);
        return t;
    });
    private final BorderPane root = new BorderPane();
    private StatusBar statusBar;
    private final Timeline autosave;
    private final TabPane bottom = new TabPane();
    private final ExplanationPanel explanation;
    private final Inspector inspector;
    private org.blockscope.app.train.TrainingWorkspace workspace;
    private SplitPane centre;
    private final javafx.beans.property.BooleanProperty startShown =
            new javafx.beans.property.SimpleBooleanProperty(true);

    public MainWindow(Stage stage, AppHome home, Function<EditorModel, CanvasView> canvasFactory) {
        this.stage = stage;
        Document document = new Document(Graph.EMPTY);
        this.model = new EditorModel(document, Platform::runLater, true);
        this.session = new FileSession(document, home, io);
        this.canvas = canvasFactory.apply(model);
        this.files = new FileCommands(() -> stage, session, model, canvas, io, this::notice);
        this.actions = new Actions(model, canvas, files, stage::getScene, this::notice, this::about, this::exit);
        this.inspector = new Inspector(model);
        this.explanation = new ExplanationPanel(model, Explanations.fromClasspath());

        Palette palette = new Palette(canvas.kindFormat(), this::addFromPalette);
        palette.setMinWidth(170);
        palette.setPrefWidth(240);

        SplitPane right = new SplitPane(inspector, titled("What is this block?", explanation));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.40);
        right.setMinWidth(280);
        right.setPrefWidth(380);

        Tab summary = new Tab("Summary", new SummaryTable(model, this::reveal));
        summary.setId("tab-summary");
        Tab problems = new Tab("Problems", new ProblemsList(model, this::reveal));
        problems.setId("tab-problems");
        model.analysisProperty()
                .addListener((o, a, n) -> problems.setText(
                        n.diagnostics().isEmpty()
                                ? "Problems"
                                : "Problems (" + n.diagnostics().size() + ")"));
        bottom.getTabs().addAll(summary, problems);
        addTrainingTabs();
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        StartPage start = new StartPage(
                new StartPage.Actions() {
                    @Override
                    public void newEmpty() {
                        files.newDocument();
                        startShown.set(false);
                    }

                    @Override
                    public void open() {
                        files.open();
                        startShown.set(
                                session.currentFile().isEmpty() && model.graph().size() == 0);
                    }

                    @Override
                    public void openRecent(Path file) {
                        files.openRecent(file);
                    }

                    @Override
                    public void fromTemplate(org.blockscope.templates.Template t) {
                        files.newFrom(t);
                    }

                    @Override
                    public void lesson(Lessons.Lesson l) {
                        openLesson(l);
                    }

                    @Override
                    public void tutorial() {
                        showTutorial();
                    }
                },
                session.recent(),
                Lessons.fromClasspath());
        start.visibleProperty().bind(startShown);
        model.graphProperty().addListener((o, a, g) -> {
            if (g.size() > 0) {
                startShown.set(false);
            }
        });
        actions.add("startPage", "Start page", null, () -> startShown.set(true));
        actions.add("tutorial", "Five-minute tutorial", null, this::showTutorial);
        centre = new SplitPane(new StackPane(canvas.node(), start), bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.68);
        SplitPane main = new SplitPane(palette, centre, right);
        main.setDividerPositions(0.16, 0.75);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(right, false);

        WindowMenus menus = new WindowMenus(actions);
        statusBar = new StatusBar(model, canvas);
        root.setTop(new VBox(menus.menuBar(session, files), toolBar()));
        root.setCenter(main);
        root.setBottom(statusBar);
        root.getStyleClass().add("blockscope");
        canvas.node()
                .setOnContextMenuRequested(
                        e -> menus.contextMenu().show(canvas.node(), e.getScreenX(), e.getScreenY()));
        model.presenterModeProperty().addListener((o, was, on) -> {
            if (on) {
                root.getStyleClass().add(PRESENTER_CLASS);
            } else {
                root.getStyleClass().remove(PRESENTER_CLASS);
            }
        });

        autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> session.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
    }

    /**
     * Training, feature maps, SE weights and step-through share the bottom tabs with the summary.
     * Their workspace is built the first time one of them is opened, so starting the app never
     * waits for the engine.
     */
    private void addTrainingTabs() {
        String[] titles = {"Training", "Feature maps", "SE weights", "Step through"};
        java.util.List<Tab> tabs = new java.util.ArrayList<>();
        for (String title : titles) {
            Tab t = new Tab(title, new StackPane(new Label("Loading the engine…")));
            t.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            tabs.add(t);
        }
        bottom.getTabs().addAll(tabs);
        bottom.getSelectionModel().selectedItemProperty().addListener((o, old, now) -> {
            if (tabs.contains(now) && centre.getDividerPositions()[0] > 0.5) {
                centre.setDividerPositions(0.42); // charts and maps need room
            }
            if (workspace == null && tabs.contains(now)) {
                workspace = new org.blockscope.app.train.TrainingWorkspace(
                        model,
                        this::reveal,
                        org.blockscope.io.AppPaths.sampleImages().orElse(Path.of("sample-images")));
                for (int i = 0; i < tabs.size(); i++) {
                    Tab from = workspace.getTabs().get(i);
                    javafx.scene.Node content = from.getContent();
                    from.setContent(null);
                    tabs.get(i).setContent(content);
                }
            }
        });
    }

    /** The training and inspection views, once opened (null before). */
    public org.blockscope.app.train.TrainingWorkspace workspace() {
        return workspace;
    }

    /** Opens the lesson's network as a new document and its text in a window beside the editor. */
    void openLesson(Lessons.Lesson l) {
        org.blockscope.templates.Templates.byId(l.template()).ifPresent(t -> {
            if (files.newFrom(t)) {
                TextWindow.show(stage, "Lesson: " + l.title(), l.text());
            }
        });
    }

    void showTutorial() {
        String text;
        try (var in = MainWindow.class.getResourceAsStream("/org/blockscope/res/tutorial.md")) {
            text = in == null
                    ? "The tutorial text is missing."
                    : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            text = "The tutorial cannot be read: " + e.getMessage();
        }
        TextWindow.show(stage, "Five-minute tutorial", text);
    }

    /** Whether the start page covers the canvas. */
    public javafx.beans.property.BooleanProperty startPageShownProperty() {
        return startShown;
    }

    private static VBox titled(String title, Region content) {
        Label l = new Label(title);
        l.getStyleClass().add("panel-title");
        VBox box = new VBox(l, content);
        box.getStyleClass().add("titled-panel");
        VBox.setVgrow(content, Priority.ALWAYS);
        return box;
    }

    public void show() {
        // fit the screen: classroom projectors are often 1366×768 or 1280×800
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = Math.min(1500, screen.getWidth() - 20);
        double height = Math.min(920, screen.getHeight() - 40);
        Scene scene = new Scene(root, width, height);
        scene.getStylesheets()
                .add(MainWindow.class
                        .getResource("/org/blockscope/res/css/app.css")
                        .toExternalForm());
        actions.installAlternatives(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(session.titleProperty());
        stage.setOnCloseRequest(e -> {
            if (!files.confirmDiscard()) {
                e.consume();
            } else {
                shutdown();
            }
        });
        session.start();
        stage.show();
        canvas.node().requestFocus();
        autosave.play();
        Platform.runLater(files::offerRecovery);
    }

    private ToolBar toolBar() {
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        return new ToolBar(
                actions.get("new").button("New"),
                actions.get("template").button("Templates"),
                actions.get("open").button("Open"),
                actions.get("save").button("Save"),
                new javafx.scene.control.Separator(),
                actions.get("undo").button("Undo"),
                actions.get("redo").button("Redo"),
                new javafx.scene.control.Separator(),
                actions.get("zoomOut").button("−"),
                actions.get("zoomIn").button("+"),
                actions.get("zoomFit").button("Fit"),
                actions.get("autoLayout").button("Layout"),
                gap,
                actions.get("presenter").toggleButton("Presenter"));
    }

    private void notice(String text) {
        statusBar.notice(text);
    }

    private void addFromPalette(BlockKind k) {
        String name = model.addNode(
                k,
                Placement.forNewNode(
                        model.graph(),
                        model.selection(),
                        model.directionProperty().get()));
        Platform.runLater(() -> canvas.centreOn(name));
    }

    private void reveal(String node) {
        canvas.centreOn(node);
    }

    private void about() {
        Dialogs.info(
                stage,
                "Blockscope",
                "Design convolutional networks from blocks and see shapes, parameters and MACs as you build.\n\n"
                        + "Counting conventions: parameters include batch-norm γ and β but not running statistics; "
                        + "MACs count conv and fully connected multiply-accumulates; FLOPs = 2 × MACs.");
    }

    private void exit() {
        if (files.confirmDiscard()) {
            shutdown();
            stage.close();
        }
    }

    /** Stops background work and removes the recovery copy (a clean exit). */
    public void shutdown() {
        if (workspace != null) {
            workspace.shutdown();
        }
        autosave.stop();
        session.stop();
        model.shutdown();
        io.shutdown();
    }

    // ---- for tests and the launcher --------------------------------------------------------------

    public EditorModel model() {
        return model;
    }

    public FileSession session() {
        return session;
    }

    public FileCommands files() {
        return files;
    }

    public Actions actions() {
        return actions;
    }

    public CanvasView canvas() {
        return canvas;
    }

    public BorderPane root() {
        return root;
    }

    public TabPane bottomTabs() {
        return bottom;
    }

    public ExplanationPanel explanation() {
        return explanation;
    }

    public Inspector inspector() {
        return inspector;
    }
}
