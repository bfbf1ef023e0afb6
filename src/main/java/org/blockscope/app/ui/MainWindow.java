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
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
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
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;
import org.blockscope.kind.BlockKind;

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
    private final BottomPanel bottom;
    private final ExplanationPanel explanation;
    private final Inspector inspector;
    private final Workbench workbench;
    private boolean fullScreenPresenter = true;
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
        this.bottom = new BottomPanel(model, this::reveal);
        files.exports().onFollow(metrics -> bottom.follow(metrics, io));
        files.exports()
                .onOpened(net -> bottom.showWeights(
                        net, "weights opened from a file (" + net.classNames().size() + " classes)"));

        Palette palette = new Palette(canvas.kindFormat(), this::addFromPalette);
        palette.setMinWidth(244);
        palette.setPrefWidth(244);

        SplitPane right = new SplitPane(inspector, titled("What is this block?", explanation));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.45); // the network totals whole in a 680-px-high window
        right.setMinWidth(290); // the network totals' labels and VGG-size numbers, wrapped, fit from here
        right.setPrefWidth(330);

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
        DesignActions.install(actions, stage, model, session::fileName, this::openAsNew);
        workbench = new Workbench(palette, new StackPane(canvas.node(), start), bottom, right);
        bottom.onTrainingTab(() -> workbench.roomForBottom(0.55));
        actions.add("showPalette", "Show the palette", "Shortcut+1", () -> flip(workbench.paletteShownProperty()))
                .toggles(workbench.paletteShownProperty());
        actions.add("showInspector", "Show the inspector", "Shortcut+2", () -> flip(workbench.rightShownProperty()))
                .toggles(workbench.rightShownProperty());
        actions.add("showBottom", "Show the bottom tabs", "Shortcut+3", () -> flip(workbench.bottomShownProperty()))
                .toggles(workbench.bottomShownProperty());
        javafx.beans.property.BooleanProperty leftToRight = new javafx.beans.property.SimpleBooleanProperty();
        leftToRight.addListener((o, a, lr) -> model.layoutDirectionProperty()
                .set(lr ? org.blockscope.app.diagram.Direction.RIGHT : org.blockscope.app.diagram.Direction.DOWN));
        actions.add("layoutLeftToRight", "Lay out left to right", null, () -> flip(leftToRight))
                .toggles(leftToRight);
        actions.add("mouseKeyboard", "Mouse and keyboard", "F1", () -> showHelp("mouse-and-keyboard.md"));

        WindowMenus menus = new WindowMenus(actions);
        statusBar = new StatusBar(model, canvas);
        root.setTop(new VBox(menus.menuBar(session, files), menus.toolBar()));
        root.setCenter(workbench);
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
            workbench.presenter(on, stage, fullScreenPresenter);
            Platform.runLater(canvas::fitToView);
        });
        stage.setFullScreenExitKeyCombination(javafx.scene.input.KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("Presenter mode: F5 leaves it.");

        autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> session.autosave()));
        autosave.setCycleCount(Timeline.INDEFINITE);
    }

    /** The bottom tabs (summary, problems, training and inspection). */
    BottomPanel bottom() {
        return bottom;
    }

    /** The training and inspection views, once opened (null before). */
    public org.blockscope.app.train.TrainingWorkspace workspace() {
        return bottom.workspace();
    }

    /** Opens a network a design tool made (scaled, sampled, best of a search) as a new, unsaved document. */
    void openAsNew(Graph g) {
        if (files.confirmDiscard()) {
            session.newDocument(g);
            Platform.runLater(canvas::fitToView);
        }
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
        TextWindow.show(stage, "Five-minute tutorial", resource("tutorial.md"));
    }

    private void showHelp(String file) {
        TextWindow.show(stage, "Mouse and keyboard", resource(file));
    }

    static String resource(String file) {
        try (var in = MainWindow.class.getResourceAsStream("/org/blockscope/res/" + file)) {
            return in == null
                    ? "The text " + file + " is missing."
                    : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "The text " + file + " cannot be read: " + e.getMessage();
        }
    }

    private static void flip(javafx.beans.property.BooleanProperty p) {
        p.set(!p.get());
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
        if (bottom.workspace() != null) {
            bottom.workspace().shutdown();
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

    /** Selects the bottom tab with this id, a sub-tab of "Look inside" or "What it learned" too. */
    public boolean selectBottomTab(String id) {
        return bottom.select(id);
    }

    /** Presenter mode goes full screen unless this is off (tests measure a window of a given size). */
    public void setFullScreenPresenter(boolean on) {
        fullScreenPresenter = on;
    }

    javafx.beans.property.BooleanProperty paletteShownProperty() {
        return workbench.paletteShownProperty();
    }

    javafx.beans.property.BooleanProperty inspectorShownProperty() {
        return workbench.rightShownProperty();
    }

    Workbench workbenchForScreenshots() {
        return workbench;
    }

    javafx.beans.property.BooleanProperty bottomShownProperty() {
        return workbench.bottomShownProperty();
    }

    public ExplanationPanel explanation() {
        return explanation;
    }

    public Inspector inspector() {
        return inspector;
    }
}
